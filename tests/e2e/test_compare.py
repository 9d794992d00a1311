"""End to end: `twinlab compare` (what-if runs with common random numbers).

Usage: test_compare.py TWINLAB_BINARY SOURCE_DIR
A variant identical to the base must differ by exactly nothing (same seed, same random numbers); a real
change gets a paired confidence interval narrower than two independent ones would give (the point of
common random numbers); compare.h5 opens in xarray with dims (variant, kpi) and agrees with compare.json.
"""
import json
import math
import pathlib
import tempfile

import xarray as xr

from e2e_support import check, finish, run, source_dir

line = source_dir / "scenarios" / "examples" / "machining_line.yaml"
plume = source_dir / "scenarios" / "examples" / "urban_plume.yaml"

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    out = tmp / "line"
    r = run("-q", "compare", str(line), "--variant", "same", "--set", "line.run.replications=10",
            "--variant", "bigger", "--set", "line.stations[1].buffer_capacity=20", "-o", str(out))
    check(r.returncode == 0, f"line compare exit {r.returncode}: {r.stderr}")
    check("bigger vs base" in r.stdout and "throughput_per_s" in r.stdout, "delta table on stdout")
    ds = xr.open_dataset(out / "compare.h5", engine="h5netcdf", group="compare")
    check(list(ds.variant.values) == ["same", "bigger"], f"variants {list(ds.variant.values)}")
    same = ds.sel(variant="same")
    check(float(abs(same.delta).max()) == 0.0, "an unchanged variant differs by exactly 0 (common random numbers)")
    check(int(same.significant.sum()) == 0, "nothing significant in an unchanged variant")
    big = ds.sel(variant="bigger", kpi="throughput_per_s")
    check(abs(float(big.delta) - (float(big.value) - float(ds.base_value.sel(kpi="throughput_per_s")))) < 1e-15,
          "delta = variant - base")
    check(int(big.significant) == 1, "a buffer of 20 instead of 5 raises throughput significantly")
    # Independent runs: each mean's own CI; the paired CI of the difference must be narrower than their
    # combination sqrt(hw_b^2 + hw_v^2), since common random numbers correlate the pairs positively.
    base_run = tmp / "b"
    var_run = tmp / "v"
    check(run("-q", "run", str(line), "-o", str(base_run)).returncode == 0, "base run")
    check(run("-q", "run", str(line), "--set", "line.stations[1].buffer_capacity=20", "-o", str(var_run)).returncode == 0,
          "variant run")
    hw = [json.loads((d / "summary.json").read_text())["kpis"]["throughput_per_s"]["half_width"]
          for d in (base_run, var_run)]
    independent = math.hypot(*hw)
    check(float(big.ci_half_width) < independent,
          f"paired CI {float(big.ci_half_width):.3g} < independent {independent:.3g}")
    j = json.loads((out / "compare.json").read_text())
    jb = next(k for k in j["variants"][1]["kpis"] if k["name"] == "throughput_per_s")
    check(jb["delta"] == float(big.delta) and jb["significant"], "compare.json agrees with compare.h5")

    # A deterministic twin: a variant file; deltas exact, no CI.
    variant = tmp / "taller.yaml"
    variant.write_text(plume.read_text().replace("name: urban_plume", "name: taller"))
    r = run("-q", "compare", str(plume), str(variant), "--variant", "windy",
            "--set", "dispersion.meteorology.periods[0].wind_speed_m_s=9", "-o", str(tmp / "plume"))
    check(r.returncode == 0, f"plume compare exit {r.returncode}: {r.stderr}")
    ds = xr.open_dataset(tmp / "plume" / "compare.h5", engine="h5netcdf", group="compare")
    check(list(ds.variant.values) == ["taller", "windy"], f"variants {list(ds.variant.values)}")
    check(float(abs(ds.delta.sel(variant="taller")).max()) == 0.0, "an identical variant file: zero deltas")
    windy = ds.sel(variant="windy", kpi="plume.max_ground_concentration_kg_m3")
    check(float(windy.delta) != 0.0 and math.isnan(float(windy.ci_half_width)), "deterministic: exact delta, no CI")

    # Bad input: exit 2, nothing written.
    for args, message in (
        ([str(line)], "nothing to compare"),
        ([str(line), str(plume)], "compare variants of one twin"),
        ([str(line), "--variant", "../x", "--set", "seed=2"], "--variant: ../x"),
        ([str(line), "--variant", "v", "--set", "line.colour=red"], "unknown key"),
    ):
        r = run("compare", *args, "-o", str(tmp / "bad"))
        check(r.returncode == 2 and message in r.stderr, f"{args}: exit {r.returncode} {r.stderr!r}")
    check(not (tmp / "bad").exists(), "a refused comparison wrote nothing")

finish("compare: common random numbers, paired CIs, compare.h5 and compare.json")
