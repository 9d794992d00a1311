"""End to end: the coupled site twin (`twin: site`): one run gives both twins' results in one results.h5 with
the emission series the coupling used; `compare` and `sweep` work on it like on any twin.

Usage: test_site_twin.py TWINLAB_BINARY SOURCE_DIR
"""
import csv
import io
import json
import pathlib
import tempfile

import h5py
import numpy as np
import xarray as xr

from e2e_support import check, finish, run, source_dir

example = (source_dir / "scenarios" / "examples" / "site_kiln.yaml").resolve()
school_hours = "dispersion.plume.receptor.school.time_above_threshold_s"

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)

    # One run: both KPI tables on stdout, one results.h5 with line/, dispersion/ and coupling/.
    out = tmp / "run"
    r = run("-q", "run", str(example), "-o", str(out))
    check(r.returncode == 0, f"run: exit {r.returncode} {r.stderr}")
    check("== line (KPIs line.*) ==" in r.stdout and "== dispersion (KPIs dispersion.*) ==" in r.stdout,
          "both KPI tables on stdout")
    check("sensor school peak [ug/m^3]" in r.stdout and "throughput" in r.stdout, "line and sensor rows")
    with h5py.File(out / "results.h5", "r") as f:
        check(f.attrs["twin"] == "site", f"root twin attribute {f.attrs['twin']!r}")
        for path in ("line/series/direct_emission_rate", "line/kpis/mean", "dispersion/plume/receptor_concentration",
                     "coupling/source_emission_rate", "coupling/line_direct_emission_rate"):
            check(path in f, f"results.h5 has {path}")
        line_rate = f["line/series/direct_emission_rate"][()]
        used = f["coupling/line_direct_emission_rate"][()]
        source = f["coupling/source_emission_rate"][()]
        interval = f["coupling/interval"][()]
        factor = f["coupling"].attrs["factor_kg_per_kg"]
        check(float(factor) == 0.008, f"the SO2 factor of the example ({factor})")
        check(np.array_equal(used, line_rate), "the coupling used the line's mean series (replication_mean)")
        check(np.allclose(source, factor * line_rate, rtol=1e-15, atol=0), "source rate = factor x line rate")
    summary = json.loads((out / "summary.json").read_text())
    check(summary["twin"] == "site" and {"line", "dispersion", "coupling"} <= summary.keys(), "summary.json sections")
    # Bookkeeping: the source's kg is the integral of its rate, and factor x the line's mean direct emissions.
    emitted = float(np.sum(source * interval))
    check(abs(emitted - summary["coupling"]["source_emissions_kg"]) <= 1e-9 * emitted, "source kg = sum rate x dt")
    line_kg = summary["line"]["kpis"]["direct_emissions_kg"]["mean"]
    check(abs(summary["coupling"]["line_direct_emissions_kg"] - line_kg) <= 1e-9 * line_kg,
          f"line kg {summary['coupling']['line_direct_emissions_kg']} = the line KPI {line_kg}")
    coupling = xr.open_dataset(out / "results.h5", engine="h5netcdf", group="coupling")
    check(coupling.source_emission_rate.attrs["units"] == "kg s-1" and "time" in coupling.coords,
          "coupling/ opens in xarray with its time coordinate")
    series = xr.open_dataset(out / "results.h5", engine="h5netcdf", group="line/series")
    check(series.direct_emission_rate.size == 24, "the line's hourly series over its day")

    # compare: the kiln's maintenance policy against run to failure, KPIs of both twins side by side.
    cmp = tmp / "compare"
    r = run("-q", "compare", str(example), "--variant", "run_to_failure", "--set",
            "line.stations[1].maintenance.policy=run_to_failure", "-o", str(cmp))
    check(r.returncode == 0, f"compare: exit {r.returncode} {r.stderr}")
    ds = xr.open_dataset(cmp / "compare.h5", engine="h5netcdf", group="compare")
    kpis = list(ds.kpi.values)
    check("line.throughput_per_s" in kpis and school_hours in kpis, "compare lists line.* and dispersion.* KPIs")
    v = ds.sel(variant="run_to_failure")
    d_line = float(v.delta.sel(kpi="coupling.source_emissions_kg"))
    d_peak = float(v.delta.sel(kpi="dispersion.plume.receptor.school.peak_kg_m3"))
    check(d_line != 0.0, "the policy changes the kiln's emissions")
    check(np.sign(d_peak) == np.sign(d_line) or d_peak == 0.0,
          f"the school's peak moves with the emissions (delta kg {d_line:.4g}, delta peak {d_peak:.4g})")
    check(not np.isnan(float(v.ci_half_width.sel(kpi="line.throughput_per_s"))),
          "line KPIs keep their paired confidence intervals")

    # A tiny sweep over the kiln's maintenance interval: a study table with both twins' KPIs.
    study = tmp / "kiln_study.yaml"
    study.write_text(f"""study: kiln_maintenance
scenario: {example}
seed: 3
sampler: {{name: grid, levels: [2], endpoints: true}}
parameters:
  - {{key: "line.stations[1].maintenance.interval_s", distribution: uniform, min: 14400, max: 57600}}
kpis: [line.throughput_per_s, coupling.source_emissions_kg, {school_hours}]
""")
    r = run("-q", "sweep", str(study), "-o", str(tmp / "sweep"), "-j", "1")
    check(r.returncode == 0, f"sweep: exit {r.returncode} {r.stderr}")
    rows = list(csv.DictReader(io.StringIO((tmp / "sweep" / "study.csv").read_text())))
    check(len(rows) == 2 and all(row["status"] == "ok" for row in rows), f"two runs, both ok: {rows}")
    check(all(school_hours in row and row[school_hours] != "" for row in rows), "the school's hours in the table")

finish("site twin: run, one results.h5, compare and sweep")
