"""End to end: limits declared in a scenario give the compliance table, summary.json 'compliance',
results.h5 plume/design_values and the KPIs limits.NAME.*; a long run keeps grid statistics only.

Usage: test_compliance.py TWINLAB_BINARY SOURCE_DIR
* scenarios/examples/compliance_week.yaml (a week of hourly weather, four limits) prints the table after the
  KPI table, one row per limit and sensor plus the grid's worst node.
* The design value of an nth_highest limit equals the (allowed + 1)-th highest 1 h value at the sensor, taken
  from the stored series (receptor_concentration) by NumPy; the 24 h one the 4th highest calendar-day mean.
* `--set dispersion.plume.grid_series=statistics` drops the per-period grids and keeps concentration_max,
  which equals the maximum over the stored grids of the default run; the KPIs do not change.
"""
import json
import pathlib
import tempfile

from e2e_support import check, finish, run, source_dir

try:
    import h5py
    import numpy as np
except ImportError:
    from e2e_support import skip
    skip("h5py/numpy missing (Debian python3-h5py, python3-numpy)")

scenario = source_dir / "scenarios" / "examples" / "compliance_week.yaml"

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    full, stats = tmp / "full", tmp / "stats"
    r = run("run", str(scenario), "-o", str(full))
    check(r.returncode == 0, f"compliance_week: exit {r.returncode}")
    out = r.stdout
    check("compliance (plume model" in out, "compliance table printed")
    check(out.index("compliance (plume model") > out.index("KPI (each column"), "table after the KPI table")
    for row in ("eu_so2_hourly", "sensor school", "grid max", "25th highest", "p99 of daily max"):
        check(row in out, f"compliance table shows {row!r}")

    summary = json.loads((full / "summary.json").read_text())
    limits = {l["name"]: l for l in summary["compliance"]["limits"]}
    check(set(limits) == {"eu_so2_hourly", "eu_so2_daily", "us_so2_1h", "eu_so2_ecosystems"}, f"limits {set(limits)}")

    with h5py.File(full / "results.h5") as f:
        g = f["plume/design_values"]
        names = [n.decode() if isinstance(n, bytes) else n for n in g["receptor"][()]]
        check(g["ranked_concentration"].shape == (4, 4, 25), f"ranked shape {g['ranked_concentration'].shape}")
        check(g["design_value"].attrs["units"] in (b"kg m-3", "kg m-3"), "design value units")
        series = f["plume/receptor_concentration"][()]  # (time, receptor), every hour valid here
        school = names.index("school")
        hourly = np.sort(series[:, school])[::-1]
        dv = g["design_value"][()]
        check(abs(dv[0, school] - hourly[24]) <= 1e-15 * hourly[0],
              f"eu_so2_hourly design value {dv[0, school]} == 25th highest hour {hourly[24]}")
        daily = np.sort(series[:, school].reshape(7, 24).mean(axis=1))[::-1]
        check(abs(dv[1, school] - daily[3]) <= 1e-14 * daily[0], f"daily design value {dv[1, school]} vs {daily[3]}")
        check(abs(g["ranked_concentration"][school, 0, 0] - hourly[0]) <= 1e-15 * hourly[0], "rank 1 = highest hour")
        check(g["exceedances"][()].dtype.kind == "i", "exceedances are integers")
        grid_max = f["plume/concentration"][()].max(axis=0)
        check(np.array_equal(grid_max, f["plume/concentration_max"][()]), "concentration_max = max of the grids")
        check(g["grid_design_value"].dims[1].label == "y" or g["grid_design_value"].shape[1:] == grid_max.shape,
              "grid design values on the grid")
    check(limits["eu_so2_hourly"]["receptors"][school]["design_value_kg_m3"] == dv[0, school], "summary = results.h5")

    r = run("run", str(scenario), "-o", str(stats), "--set", "dispersion.plume.grid_series=statistics")
    check(r.returncode == 0, f"grid_series=statistics: exit {r.returncode}")
    with h5py.File(stats / "results.h5") as f:
        check("concentration" not in f["plume"], "no per-period grids kept")
        check(np.array_equal(f["plume/concentration_max"][()], grid_max), "same per-node maxima")
        check(f["plume"].attrs["grid_series"] in (b"statistics", "statistics"), "grid_series attribute")
    a = json.loads((stats / "summary.json").read_text())
    check(a["compliance"] == summary["compliance"], "compliance does not depend on what grids are kept")
    check({k: v for k, v in a["models"]["plume"].items() if k != "wall_time_s"} ==
          {k: v for k, v in summary["models"]["plume"].items() if k != "wall_time_s"}, "plume KPIs unchanged")

finish("compliance: table, summary, results.h5 design values and statistics-only grids agree")
