"""End to end: `twinlab run` on a production-line scenario; its files opened as a user would.

Usage: test_line_outputs.py TWINLAB_BINARY SOURCE_DIR
results.h5 through xarray (kpis, stations, series, replications), vtk/line.vtp through VTK, summary.json,
the KPI table, Little's law in every replication, and determinism (same seed same numbers, other seed not).
"""
import json
import pathlib
import tempfile

import numpy as np
import xarray as xr
import vtk

from e2e_support import check, finish, run, source_dir

example = source_dir / "scenarios" / "examples" / "machining_line.yaml"


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    a, b, c = tmp / "a", tmp / "b", tmp / "c"
    r = run("run", str(example), "-o", str(a))
    check(r.returncode == 0, "line run")
    check("throughput" in r.stdout and "bottleneck station" in r.stdout, "KPI table on stdout")
    table = r.stdout
    run("run", str(example), "-o", str(b))
    run("run", str(example), "-o", str(c), "--seed", "99")
    d = tmp / "d"  # --set before the scenario path takes one value and leaves the path alone
    r = run("run", "--set", "line.run.replications=3", str(example), "-o", str(d))
    check(r.returncode == 0 and json.loads((d / "summary.json").read_text())["replications"] == 3,
          "--set before the positional scenario")

    path = a / "results.h5"
    kpis = xr.open_dataset(path, engine="h5netcdf", group="kpis")
    names = [str(k) for k in kpis["kpi"].values]
    for k in ("throughput_per_s", "wip_mean", "lead_time_mean_s", "lead_time_p95_s", "oee", "availability",
              "energy_per_good_part_J", "emissions_kg", "maintenance_actions", "maintenance_cost"):
        check(k in names, f"KPI {k} in results.h5")
    tp = kpis["mean"].sel(kpi="throughput_per_s").item()
    half = kpis["half_width"].sel(kpi="throughput_per_s").item()
    check(0.0 < half < 0.1 * tp, f"throughput CI half-width {half} for mean {tp}")
    oee = kpis["mean"].sel(kpi="oee").item()
    av, pf, q = (kpis["mean"].sel(kpi=k).item() for k in ("availability", "performance", "quality"))
    check(0.0 < oee <= 1.0, "OEE in (0, 1]")

    stations = xr.open_dataset(path, engine="h5netcdf", group="stations")
    check([str(s) for s in stations["station"].values] == ["saw", "mill", "drill", "deburr", "inspect"], "stations")
    total = (stations["busy_fraction"] + stations["starved_fraction"] + stations["blocked_fraction"]
             + stations["down_fraction"] + stations["maintenance_fraction"])
    check(np.allclose(total.values, 1.0, atol=1e-9), f"state fractions sum to 1: {total.values}")

    series = xr.open_dataset(path, engine="h5netcdf", group="series")
    check(series["emission_rate"].dims == ("time",) and series["emission_rate"].attrs["units"] == "kg s-1",
          "emission-rate series (a dispersion source's input)")
    check(float(series["time"][1] - series["time"][0]) == 3600.0, "series on the requested 1 h axis")

    reps = xr.open_dataset(path, engine="h5netcdf", group="replications")
    check(reps.sizes["replication"] == 10, "10 replications")
    little = reps["wip_mean"] - reps["little_lambda_w"] - reps["little_correction"]
    check(float(abs(little).max()) < 1e-6 * float(reps["wip_mean"].max()), f"Little's law: {little.values}")

    s = json.loads((a / "summary.json").read_text())
    check(s["twin"] == "production_line" and s["bottleneck_station"] in ("saw", "mill", "drill", "deburr", "inspect"),
          "summary names the bottleneck")
    check(abs(s["kpis"]["throughput_per_s"]["mean"] - tp) < 1e-12, "summary matches results.h5")
    s_b = json.loads((b / "summary.json").read_text())
    s_c = json.loads((c / "summary.json").read_text())
    check(s_b["kpis"] == s["kpis"], "same seed, same KPIs")
    check(s_c["kpis"]["throughput_per_s"]["mean"] != tp, "another seed, other KPIs")

    # The KPI table (stdout) is in the units people read; summary.json keeps SI with its unit.
    # The KPI table comes first; the warm-up table under it has rows of the same series names.
    rows = {}
    for l in table.splitlines():
        if l.strip():
            rows.setdefault(l.split()[0], l.split())
    check(s["kpis"]["throughput_per_s"]["unit"] == "1/s", "summary.json: throughput in SI (1/s)")
    shown = rows.get("throughput", [])
    check(len(shown) >= 4 and shown[-1] == "parts/h", f"table: throughput in parts/h: {shown!r}")
    if len(shown) >= 4:
        # Printed with 6 significant digits: relative rounding at most 5e-6.
        per_h = 3600.0 * s["kpis"]["throughput_per_s"]["mean"]
        check(abs(float(shown[1]) - per_h) <= 5e-6 * per_h, f"table {shown[1]} parts/h vs summary {per_h}")
    check(rows.get("energy", [""])[-1] == "kWh", f"table: energy in kWh: {rows.get('energy')!r}")
    check(rows.get("lead_time_mean", [""])[-1] == "min", f"table: lead time in min: {rows.get('lead_time_mean')!r}")
    # Station rows: every state of planned machine time, so the five fractions sum to 1 within the print
    # rounding (each shown to 3 decimals: at most 5 x 0.0005 off).
    lines = table.splitlines()
    header = next((i for i, l in enumerate(lines) if l.split()[:1] == ["station"]), None)
    check(header is not None and lines[header].split()[1:6] == ["busy", "starved", "blocked", "down", "maint"],
          f"station table shows every state: {lines[header] if header is not None else table!r}")
    if header is not None:
        names = []
        for l in lines[header + 1:header + 6]:
            cells = l.split()
            names.append(cells[0])
            total = sum(float(x) for x in cells[1:6])
            check(abs(total - 1.0) <= 5 * 0.0005 + 1e-12, f"{cells[0]}: state fractions sum to {total}")
        check(names == ["saw", "mill", "drill", "deburr", "inspect"], f"station rows {names}")
        mill = s["stations"][1]
        check(mill["name"] == "mill", "summary station order")
        cells = lines[header + 2].split()
        check(len(cells) == 9, f"mill row has a parts/h column: {cells}")
        if len(cells) == 9:  # parts/h printed to 2 decimals
            check(abs(float(cells[8]) - 3600.0 * mill["throughput_per_s"]["mean"]) <= 0.005 + 1e-9,
                  f"mill parts/h {cells[8]} vs summary {3600.0 * mill['throughput_per_s']['mean']}")

    reader = vtk.vtkXMLPolyDataReader()
    reader.SetFileName(str(a / "vtk" / "line.vtp"))
    reader.Update()
    poly = reader.GetOutput()
    check(poly.GetNumberOfPoints() == 5, "line.vtp: five stations")
    check(poly.GetNumberOfLines() == 4, "line.vtp: four buffers as lines")
    check(poly.GetPointData().GetArray("oee") is not None, "station KPIs as point data")

finish("line outputs: results.h5 (xarray), line.vtp (VTK), summary.json, Little's law, determinism: all checked")
