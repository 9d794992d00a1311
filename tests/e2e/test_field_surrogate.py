"""End to end: a field surrogate. `twinlab sweep` of the example study plume_field_surrogate (the ground-level
map of one stack as the wind turns through 120 degrees), `twinlab train --outputs plume.ground_concentration_max`
(POD in the wind-aligned frame + deep ensemble), model.json's `field` block, `twinlab predict -o pred.h5` (a map
per point with named dims, coordinates and units), the same numbers from Debian's python3-torch
(`torch.jit.load` of model.pt returns the field itself), the domain guard, `twinlab info`.

Usage: test_field_surrogate.py TWINLAB_BINARY SOURCE_DIR
"""
import json
import pathlib
import tempfile

from e2e_support import check, finish, run, skip, source_dir

try:
    import torch
except ImportError:
    skip("Debian's python3-torch is not installed (scripts/setup.sh installs it)")
import h5py
import numpy as np

study_yaml = source_dir / "scenarios" / "examples" / "studies" / "plume_field_surrogate.yaml"
field = "plume.ground_concentration_max"
direction = "dispersion.meteorology.periods[0].wind_direction_deg"
speed = "dispersion.meteorology.periods[0].wind_speed_m_s"
height = "dispersion.sources[0].height_m"
rate = "dispersion.sources[0].emission_rate_kg_s"

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    r = run("-q", "sweep", str(study_yaml), "-o", str(tmp / "study"))
    check(r.returncode == 0, "the example field study sweeps")
    model = tmp / "model"
    # 3 members and a shorter patience keep the test quick; the documented figures use the defaults.
    r = run("-q", "train", str(tmp / "study" / "study.h5"), "--outputs", field, "-o", str(model),
            "--members", "3", "--patience", "200", "--seed", "2")
    check(r.returncode == 0, "train on a field exits 0")
    check("projection floor" in r.stdout and "end to end" in r.stdout and "wind direction" in r.stdout,
          "train prints the projection floor, the end-to-end error and the error against wind direction")
    card = json.loads((model / "model.json").read_text())
    f = card.get("field", {})
    check(card["kind"] == "field-pod-ensemble", "model.json: kind field-pod-ensemble")
    check(f.get("frame", {}).get("kind") == "wind-aligned" and f["frame"]["direction_input"] == direction,
          "the wind direction input is found and the basis is wind-aligned")
    check(f.get("grid", {}).get("dims") == ["y", "x"] and f["grid"]["shape"] == [81, 81], "grid: dims and shape")
    check(f["grid"]["coordinates"]["x"][0] == -2500 and f["grid"]["coordinates"]["x"][-1] == 2500,
          "grid coordinates from the study's scenario")
    check(f["pod"]["modes"] >= 1 and 0.99 < f["pod"]["energy_captured"] <= 1.0, "modes kept and energy captured")
    e2e, floor = f["test_errors"]["end_to_end"], f["test_errors"]["projection_floor"]
    check(floor["median"] <= e2e["median"] * 1.05,
          f"the projection floor is below the end-to-end error ({floor['median']:.4f} vs {e2e['median']:.4f})")
    # Measured with the defaults and 5 members (docs/surrogates.md): median ~5-6 %, p95 ~14-24 %: the p95
    # target (10 %) is NOT met yet. These bounds guard against a broken pipeline (hundreds of %), not the target.
    check(e2e["median"] < 0.25, f"end-to-end median relative L2 error < 25 % (got {e2e['median']:.4f})")
    check(e2e["p95"] < 0.8, f"end-to-end p95 relative L2 error < 80 % (got {e2e['p95']:.4f})")
    check(floor["median"] < 0.08, f"projection floor median < 8 % (got {floor['median']:.4f})")
    bins = f["error_by_direction"]
    check(len(bins) == 6 and bins[0]["from_deg"] < 201 and bins[-1]["to_deg"] > 319,
          "the error is binned over the whole direction range")
    check(sum(b["end_to_end"]["n"] for b in bins) == e2e["n"], "every test run lands in one bin")

    # predict -o pred.h5: fields with named dims, coordinates and units.
    points = [(215.0, 3.0, 40.0, 0.05), (300.0, 6.0, 80.0, 0.2)]
    sets = lambda p: [a for name, v in zip((direction, speed, height, rate), p) for a in ("--set", f"{name}={v}")]
    r = run("-q", "predict", str(model), *sets(points[0]), "-o", str(tmp / "pred.h5"))
    check(r.returncode == 0, "predict --set -o pred.h5 exits 0")
    with h5py.File(tmp / "pred.h5", "r") as h5:
        g = h5["predictions"]
        mean, spread = g[field], g[field + "_std"]
        check(mean.shape == (1, 81, 81) and spread.shape == (1, 81, 81), "the field has shape (point, y, x)")
        units = mean.attrs["units"]
        check((units.decode() if isinstance(units, bytes) else units) == "kg m-3", "the field has units")
        names = [d[0].name.split("/")[-1] if len(d) else d.label for d in mean.dims]
        check(names == ["point", "y", "x"], f"the dims are named point, y, x (got {names})")
        check(g["x"][0] == -2500.0 and g["y"][-1] == 2500.0, "coordinates x, y in m")
        predicted = np.array(mean[0])
        check(np.all(np.isfinite(predicted)) and predicted.max() > 0, "a finite, positive field")
        # Wind from 215 deg blows towards the north-east: the largest value lies in that quadrant.
        j, i = np.unravel_index(np.argmax(predicted), predicted.shape)
        check(g["x"][i] > 0 and g["y"][j] > 0, "the plume lies downwind (north-east for a wind from 215 deg)")
        check(np.all(np.array(spread[0]) >= 0), "the spread is non-negative")
    module = torch.jit.load(str(model / "model.pt"))
    m, s = module(torch.tensor([points[0]], dtype=torch.float64))
    check(tuple(m.shape) == (1, 81, 81), "torch.jit.load: forward(x) returns the field (N, y, x)")
    check(np.array_equal(m.numpy()[0], predicted), "Python's torch gives the same field as twinlab predict")

    # The domain guard: a wind direction outside the trained sector is refused, nothing written.
    r = run("-q", "predict", str(model), *sets((100.0, 3.0, 40.0, 0.05)), "-o", str(tmp / "out.h5"))
    check(r.returncode == 2 and direction in r.stderr and "outside the training domain" in r.stderr,
          "a direction outside the trained sector exits 2 naming the input")
    check(not (tmp / "out.h5").exists(), "nothing written when refused")
    r = run("-q", "predict", str(model), *sets(points[1]), "-o", str(tmp / "pred.csv"))
    check(r.returncode == 2 and ".h5" in r.stderr, "a field model refuses a CSV output")
    r = run("info", str(model))
    check(r.returncode == 0 and "projection floor" in r.stdout and "POD" in r.stdout, "info prints the field block")

finish("field surrogate: train, model.json field block, predict to HDF5, torch.jit.load, domain guard")
