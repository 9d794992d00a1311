"""End to end: `twinlab train` on a sweep of the plume, `twinlab predict` (--set, --input CSV, -o CSV/HDF5),
the training-domain guard, `twinlab info MODEL_DIR`, and the TorchScript contract both ways: twinlab's model.pt
gives the same numbers in Debian's python3-torch, and a model trained and scripted in Python is served by
`twinlab predict` with the same numbers. Bad input: exit 2 with the file and key named, nothing written.

Usage: test_surrogates.py TWINLAB_BINARY SOURCE_DIR
"""
import csv
import io
import json
import math
import pathlib
import tempfile

from e2e_support import check, finish, run, skip, source_dir

try:
    import torch
except ImportError:
    skip("Debian's python3-torch is not installed (scripts/setup.sh installs it)")
import xarray as xr

study_yaml = source_dir / "scenarios" / "examples" / "studies" / "plume_surrogate.yaml"
wind = "dispersion.meteorology.periods[0].wind_speed_m_s"
height = "dispersion.sources[0].height_m"
rate = "dispersion.sources[0].emission_rate_kg_s"
peak = "plume.max_ground_concentration_kg_m3"
hall = "plume.receptor.town_hall.peak_kg_m3"


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    r = run("-q", "sweep", str(study_yaml), "-o", str(tmp / "study"))
    check(r.returncode == 0, "the example surrogate study sweeps")
    model = tmp / "model"
    r = run("-q", "train", str(tmp / "study" / "study.h5"), "-o", str(model), "--members", "3", "--seed", "4")
    check(r.returncode == 0, "train exits 0")
    check(peak in r.stdout and "R^2" in r.stdout, "train prints the test metrics per output")
    card = json.loads((model / "model.json").read_text())
    names = [i["name"] for i in card["inputs"]]
    check(names == [wind, height, rate], f"model.json names the study's parameters as inputs (got {names})")
    check(card["inputs"][0]["units"] == "m/s", "inputs carry their units")
    check(1.5 <= card["inputs"][0]["min"] < 1.6 and 7.9 < card["inputs"][0]["max"] <= 8.0,
          "the training domain of the wind is the box of the design (1.5 - 8 m/s)")
    for out in card["outputs"]:
        check(out["test_metrics"]["r2"] >= 0.99, f"{out['name']}: test R^2 >= 0.99 (got {out['test_metrics']['r2']})")
    check(len(card["source"]["sha256"]) == 64, "model.json records the study's hash")

    # Predictions of a CSV of points, compared with the same model.pt run by Python's torch.
    points = [(2.0, 30.0, 0.02), (4.0, 50.0, 0.05), (7.5, 85.0, 0.25)]
    (tmp / "points.csv").write_text(f"{wind},{height},{rate}\n" + "".join(f"{a},{b},{c}\n" for a, b, c in points))
    r = run("-q", "predict", str(model), "--input", str(tmp / "points.csv"), "-o", str(tmp / "pred.csv"))
    check(r.returncode == 0, "predict --input -o pred.csv exits 0")
    pred = rows((tmp / "pred.csv").read_text())
    module = torch.jit.load(str(model / "model.pt"))
    mean, std = module(torch.tensor(points, dtype=torch.float64))
    for k, row in enumerate(pred):
        for j, name in enumerate([peak, hall]):
            check(float(row[name]) == mean[k, j].item() and float(row[name + "_std"]) == std[k, j].item(),
                  f"point {k}, {name}: twinlab and torch.jit.load give the same mean and std")
        check(row["extrapolated"] == "0", "points inside the domain are not marked")

    # One point by --set; and the HDF5 output opens in xarray with named dims and units.
    sets = ["--set", f"{wind}=4", "--set", f"{height}=50", "--set", f"{rate}=0.05"]
    r = run("-q", "predict", str(model), *sets)
    check(r.returncode == 0 and peak in r.stdout, "predict --set prints a table")
    check(f"{float(pred[1][peak]):.6g}" in r.stdout, "--set and --input give the same prediction")
    r = run("-q", "predict", str(model), "--input", str(tmp / "points.csv"), "-o", str(tmp / "pred.h5"))
    with xr.open_dataset(tmp / "pred.h5", engine="h5netcdf", group="predictions") as ds:
        check(ds[peak].dims == ("point",) and ds[peak].attrs.get("units") == "kg m-3", "pred.h5: dims and units")
        check(abs(float(ds[peak][2]) - float(pred[2][peak])) == 0.0, "pred.h5 holds the same numbers as pred.csv")

    # The domain guard: refused naming the input, its value and the domain; marked with --allow-extrapolation.
    outside = ["--set", f"{wind}=12", "--set", f"{height}=50", "--set", f"{rate}=0.05"]
    r = run("-q", "predict", str(model), *outside, "-o", str(tmp / "out.csv"))
    check(r.returncode == 2, f"a wind outside the training domain exits 2 (got {r.returncode})")
    check(wind in r.stderr and "12" in r.stderr and "outside the training domain" in r.stderr,
          "the refusal names the input, the value and the domain")
    check(not (tmp / "out.csv").exists(), "nothing is written when refused")
    (tmp / "far.csv").write_text(f"{wind},{height},{rate}\n4,50,0.05\n12,50,0.05\n")
    r = run("-q", "predict", str(model), "--input", str(tmp / "far.csv"), "--allow-extrapolation",
            "-o", str(tmp / "far_pred.csv"))
    far = rows((tmp / "far_pred.csv").read_text())
    check(r.returncode == 0 and far[0]["extrapolated"] == "0" and far[1]["extrapolated"] == "1"
          and far[1]["outside"] == wind, "--allow-extrapolation predicts and marks the row outside")
    check(float(far[1][peak + "_std"]) > float(far[0][peak + "_std"]),
          "the ensemble spread is larger outside the data than inside")

    r = run("info", str(model))
    check(r.returncode == 0 and "training domain" in r.stdout and wind in r.stdout, "info MODEL_DIR describes it")

    # A model trained in Python, scripted, with a matching model.json: twinlab predicts what Python predicts.
    class Linear(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.layer = torch.nn.Linear(2, 1).double()

        def forward(self, x):
            mean = self.layer(x)
            return mean, torch.full_like(mean, 0.5)

    torch.manual_seed(3)
    net = Linear()
    opt = torch.optim.Adam(net.parameters(), lr=0.05)
    x = torch.rand(64, 2, dtype=torch.float64)
    y = 3.0 * x[:, :1] - x[:, 1:] + 1.0
    for _ in range(300):
        opt.zero_grad()
        loss = ((net(x)[0] - y) ** 2).mean()
        loss.backward()
        opt.step()
    py_model = tmp / "python_model"
    py_model.mkdir()
    torch.jit.script(net).save(str(py_model / "model.pt"))
    (py_model / "model.json").write_text(json.dumps({
        "format": "twinlab-surrogate", "format_version": 1, "weights": "model.pt", "trained_by": "python",
        "inputs": [{"name": "a", "units": "m", "min": 0, "max": 1}, {"name": "b", "units": "s", "min": 0, "max": 1}],
        "outputs": [{"name": "y", "units": "kg"}]}))
    r = run("-q", "predict", str(py_model), "--set", "a=0.25", "--set", "b=0.75", "-o", str(tmp / "py.csv"))
    check(r.returncode == 0, "twinlab predicts with a model trained in Python")
    py_row = rows((tmp / "py.csv").read_text())[0]
    expected = net(torch.tensor([[0.25, 0.75]], dtype=torch.float64))[0].item()
    check(float(py_row["y"]) == expected and float(py_row["y_std"]) == 0.5,
          f"the Python-trained model gives Python's numbers in twinlab ({py_row['y']} vs {expected})")

    # Bad input.
    bad_json = json.loads((py_model / "model.json").read_text())
    bad_json["outputs"].append({"name": "z", "units": "1"})
    (tmp / "mismatch").mkdir()
    (tmp / "mismatch" / "model.pt").write_bytes((py_model / "model.pt").read_bytes())
    (tmp / "mismatch" / "model.json").write_text(json.dumps(bad_json))
    r = run("-q", "predict", str(tmp / "mismatch"), "--set", "a=0.5", "--set", "b=0.5")
    check(r.returncode == 2 and "model.json" in r.stderr and "does not match" in r.stderr,
          "a model.json that does not match its weights: exit 2 naming model.json")
    r = run("-q", "predict", str(tmp / "study"), "--set", "a=1")
    check(r.returncode == 2 and "not a model directory" in r.stderr, "a directory that is not a model: exit 2")
    (tmp / "table.csv").write_text("a,b,y,k\n" + "".join(f"{i},{i % 7},{2 * i},5\n" for i in range(40)))
    r = run("-q", "train", str(tmp / "table.csv"), "--inputs", "a,b", "--outputs", "y,k", "-o", str(tmp / "m2"))
    check(r.returncode == 2 and "table.csv: k:" in r.stderr and "constant" in r.stderr and not (tmp / "m2").exists(),
          "a constant output: exit 2 naming it, nothing written")
    (tmp / "nan.csv").write_text("a,b,y\n" + "".join(f"{i},{i % 7},{'' if i == 5 else 2 * i}\n" for i in range(40)))
    r = run("-q", "train", str(tmp / "nan.csv"), "--inputs", "a,b", "--outputs", "y", "-o", str(tmp / "m3"))
    check(r.returncode == 2 and "nan.csv:7" in r.stderr and not (tmp / "m3").exists(),
          f"an empty cell: exit 2 naming the file and row ({r.stderr.strip()})")
    r = run("-q", "train", str(tmp / "table.csv"), "--inputs", "a,nope", "--outputs", "y", "-o", str(tmp / "m4"))
    check(r.returncode == 2 and "nope" in r.stderr, "an unknown column: exit 2 naming it")

finish("surrogates end to end: train, predict, domain guard, TorchScript both ways, bad input")
