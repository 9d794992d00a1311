"""Regression: the KPIs of two example scenarios against the figures stored in tests/regression/.

Usage: test_regression.py TWINLAB_BINARY SOURCE_DIR [--update]
A change of physics or numerics shows up here as a failed comparison; when the change is intended, refresh
the stored figures with `bash scripts/update_regression.sh` (never silently) and say why in the commit.
Tolerance: 1e-9 relative. The runs are deterministic (fixed seeds, results independent of thread count);
the margin only absorbs floating-point contraction differences between compilers and CPUs.
A residual (a key ending in "residual_kg") is round-off by nature: its digits change with the CPU's vector
width, so it is compared absolutely, to 1e-9 of the largest mass figure beside it (a real leak of mass is
orders of magnitude larger).
"""
import json
import math
import pathlib
import sys
import tempfile

from e2e_support import check, finish, run, source_dir

update = "--update" in sys.argv
stored_dir = source_dir / "tests" / "regression"
cases = {  # example -> extra arguments (a shorter Eulerian run keeps the test quick)
    "industrial_stack": ["--set", "dispersion.eulerian.duration_s=3600"],
    "machining_line": [],
}
volatile = {"wall_time_s", "twinlab_version", "twinlab_git_revision"}  # machine- or release-dependent, not results


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in volatile}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def mass_scale_kg(figures):
    return max((abs(v) for k, v in figures.items() if k.endswith("_kg") and isinstance(v, (int, float))), default=0.0)


def compare(got, want, where):
    if isinstance(want, dict):
        check(isinstance(got, dict) and set(got) == set(want), f"{where}: keys {sorted(got)} != {sorted(want)}")
        for k in want:
            if not (isinstance(got, dict) and k in got):
                continue
            if k.endswith("residual_kg"):
                tol_kg = 1e-9 * mass_scale_kg(want)
                check(abs(got[k] - want[k]) <= tol_kg, f"{where}.{k}: {got[k]!r} != stored {want[k]!r} +- {tol_kg:g}")
            else:
                compare(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, list):
        check(isinstance(got, list) and len(got) == len(want), f"{where}: list length")
        for i, (g, w) in enumerate(zip(got, want)):
            compare(g, w, f"{where}[{i}]")
    elif isinstance(want, float) and isinstance(got, (int, float)):
        check(math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-300), f"{where}: {got!r} != stored {want!r}")
    else:
        check(got == want, f"{where}: {got!r} != stored {want!r}")


with tempfile.TemporaryDirectory() as tmp:
    for name, extra in cases.items():
        out = pathlib.Path(tmp) / name
        r = run("-q", "run", str(source_dir / "scenarios" / "examples" / f"{name}.yaml"), "-o", str(out), *extra)
        check(r.returncode == 0, f"{name}: run failed")
        if r.returncode != 0:
            continue
        got = strip(json.loads((out / "summary.json").read_text()))
        stored = stored_dir / f"{name}_summary.json"
        if update:
            stored.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n")
            print(f"updated {stored}")
        else:
            check(stored.exists(), f"{stored} missing: run scripts/update_regression.sh")
            if stored.exists():
                compare(got, json.loads(stored.read_text()), name)

finish("regression: KPIs of " + ", ".join(cases) + " match tests/regression/")
