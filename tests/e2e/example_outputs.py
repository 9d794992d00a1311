"""Shared by the data-format, notebook and ParaView tests: fresh outputs of the examples, made small.

make(twinlab, source_dir, root, kinds) runs twinlab into `root` and returns {kind: path}. Horizons, grids and
sample counts are cut (--set, or a copy of the study file with fewer samples) so that every kind takes a few
seconds; the layout of the files does not depend on those sizes. Kinds:
  stack       industrial_stack.yaml, both models, 1 h of Eulerian run -> DIR (results.h5, summary.json, vtk/)
  site        site_geometry.yaml with stretched layers (CRS, receptor networks, .vtr files)
  met         site_year.yaml (a year of hours from a meteorology file) on an 11 x 11 grid, statistics only
              (summary.json's `meteorology`, plume_statistics.vti)
  compliance  compliance_week.yaml as it is (a week of hours: plume/design_values with limits)
  line        machining_line.yaml, one day, 3 replications, event log
  study       studies/plume_stack.yaml, Saltelli N=4 (20 runs, a field kept) -> DIR with study.h5
  analysis    `twinlab analyze` of that study -> DIR with analysis.h5, analysis.json
  model       `twinlab train` (2 members, 10 epochs) on studies/plume_surrogate.yaml with 32 runs -> MODEL_DIR
  predictions `twinlab predict` of that model at three points -> predictions.h5 (a .csv beside it)
  field_model `twinlab train --outputs plume.ground_concentration_max` on the study -> MODEL_DIR
  field_predictions `twinlab predict` of the field model -> field_predictions.h5
  screen      `twinlab sweep --surrogate` with the model, 2 physics re-runs -> DIR with surrogate_study.h5,
              verify.csv
  design      `twinlab sweep --design-only` of the small plume_stack study -> DIR with design.csv
"""
import os
import pathlib
import subprocess

# Query points inside both studies' training domains (wind 1.5-8 m/s, height 25-90 m, rate 0.01-0.3 kg/s).
POINTS = ("dispersion.meteorology.periods[0].wind_speed_m_s,dispersion.sources[0].height_m,"
          "dispersion.sources[0].emission_rate_kg_s\n3,40,0.05\n4,60,0.1\n5,80,0.2\n")

NEEDS = {"analysis": ["study"], "field_model": ["study"], "field_predictions": ["field_model"],
         "predictions": ["model"], "screen": ["model"]}


def _twinlab(twinlab, *args):
    r = subprocess.run([twinlab, "-q", *args], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"twinlab {' '.join(args)} failed ({r.returncode}):\n{r.stdout[-2000:]}{r.stderr[-2000:]}")


def _small_study(source_dir, root, name, old, new):
    examples = source_dir / "scenarios" / "examples"
    text = (examples / "studies" / f"{name}.yaml").read_text()
    text = text.replace(old, new).replace("scenario: ../", f"scenario: {examples}/")
    path = root / f"{name}_small.yaml"
    path.write_text(text)
    return path


def make(twinlab, source_dir, root, kinds):
    """Runs what `kinds` need into `root`. With TWINLAB_EXAMPLE_OUTPUTS=DIR set, `root` is DIR and outputs already
    there are reused (for working on the tests; CTest never sets it)."""
    reuse = bool(os.environ.get("TWINLAB_EXAMPLE_OUTPUTS"))
    root = pathlib.Path(os.environ.get("TWINLAB_EXAMPLE_OUTPUTS") or root)
    root.mkdir(parents=True, exist_ok=True)
    source_dir = pathlib.Path(source_dir).resolve()
    examples = source_dir / "scenarios" / "examples"
    out = {}

    def build(kind):
        if kind in out:
            return out[kind]
        for need in NEEDS.get(kind, []):
            build(need)
        path = root / kind
        done = root / f"{kind}.h5" if kind in ("predictions", "field_predictions") else path
        if reuse and done.exists():  # a developer's earlier outputs (TWINLAB_EXAMPLE_OUTPUTS), never in CTest
            out[kind] = done
            return done
        if kind == "stack":
            _twinlab(twinlab, "run", str(examples / "industrial_stack.yaml"), "-o", str(path),
                     "--set", "dispersion.eulerian.duration_s=3600", "--set", "dispersion.eulerian.nx=50",
                     "--set", "dispersion.eulerian.ny=30", "--set", "dispersion.eulerian.nz=10")
        elif kind == "site":
            _twinlab(twinlab, "run", str(examples / "site_geometry.yaml"), "-o", str(path),
                     "--set", "dispersion.eulerian.stretch=1.3")
        elif kind == "met":
            _twinlab(twinlab, "run", str(examples / "site_year.yaml"), "-o", str(path),
                     "--set", "dispersion.plume.grid_nx=11", "--set", "dispersion.plume.grid_ny=11",
                     "--set", "dispersion.plume.grid_series=statistics")
        elif kind == "compliance":
            _twinlab(twinlab, "run", str(examples / "compliance_week.yaml"), "-o", str(path))
        elif kind == "line":
            _twinlab(twinlab, "run", str(examples / "machining_line.yaml"), "-o", str(path),
                     "--set", "line.run.horizon_s=86400", "--set", "line.run.replications=3",
                     "--set", "line.run.event_log_max=200")
        elif kind == "study":
            study = _small_study(source_dir, root, "plume_stack", "samples: 16", "samples: 4")
            _twinlab(twinlab, "sweep", str(study), "-o", str(path), "-j", "2")
        elif kind == "analysis":
            _twinlab(twinlab, "analyze", str(out["study"] / "study.h5"), "-o", str(path))
        elif kind == "model":
            study = _small_study(source_dir, root, "plume_surrogate", "samples: 256", "samples: 32")
            _twinlab(twinlab, "sweep", str(study), "-o", str(root / "model_study"), "-j", "2")
            _twinlab(twinlab, "train", str(root / "model_study" / "study.h5"), "-o", str(path),
                     "--epochs", "10", "--members", "2", "--seed", "1")
        elif kind in ("predictions", "field_predictions"):
            points = root / "points.csv"
            points.write_text(POINTS)
            model = out["model" if kind == "predictions" else "field_model"]
            path = root / f"{kind}.h5"
            _twinlab(twinlab, "predict", str(model), "--input", str(points), "-o", str(path),
                     "--allow-extrapolation")
            if kind == "predictions":
                _twinlab(twinlab, "predict", str(model), "--input", str(points), "-o", str(root / "predictions.csv"),
                         "--allow-extrapolation")
        elif kind == "field_model":
            _twinlab(twinlab, "train", str(out["study"] / "study.h5"), "--outputs", "plume.ground_concentration_max",
                     "-o", str(path), "--epochs", "10", "--members", "2", "--seed", "1")
        elif kind == "screen":
            study = root / "plume_surrogate_small.yaml"
            _twinlab(twinlab, "sweep", str(study), "--surrogate", str(out["model"]), "--verify", "2", "-o", str(path))
        elif kind == "design":
            study = _small_study(source_dir, root, "plume_stack", "samples: 16", "samples: 4")
            _twinlab(twinlab, "sweep", str(study), "--design-only", "-o", str(path))
        else:
            raise ValueError(f"unknown output kind {kind}")
        out[kind] = path
        return path

    for kind in kinds:
        build(kind)
    return out
