"""End to end: `twinlab analyze` — Sobol' indices of a sweep of the plume, the Ishigami function's known indices
from a CSV table evaluated here on a design twinlab wrote, Morris effects checked against a direct computation,
and bad input (exit 2, one line naming the file and the key, nothing written).

Usage: test_analyze.py TWINLAB_BINARY SOURCE_DIR
"""
import csv
import io
import json
import math
import pathlib
import shutil
import tempfile

import h5py
import xarray as xr

from e2e_support import check, finish, run, source_dir, twinlab

examples = (source_dir / "scenarios" / "examples").resolve()
plume_study = examples / "studies" / "plume_stack.yaml"
wind = "dispersion.meteorology.periods[0].wind_speed_m_s"
height = "dispersion.sources[0].height_m"
rate = "dispersion.sources[0].emission_rate_kg_s"
peak = "plume.max_ground_concentration_kg_m3"


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_text())))


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def refused(args, *words):
    """Exit 2 with one line on stderr containing every word; returns the line."""
    r = run(*args)
    line = r.stderr.strip()
    check(r.returncode == 2, f"{args}: exit {r.returncode} (want 2): {r.stderr}")
    check(len(line.splitlines()) == 1, f"{args}: one line: {line!r}")
    for w in words:
        check(w in line, f"{args}: {w!r} in {line!r}")
    return line


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)

    # --- Sobol' indices of the plume study (Saltelli, N = 16, 80 runs) -----------------------------------------
    sweep = tmp / "plume"
    r = run("-q", "sweep", str(plume_study), "-o", str(sweep), "-j", "2")
    check(r.returncode == 0, f"sweep: exit {r.returncode}")
    r = run("analyze", str(sweep / "study.h5"), "--bootstrap", "200", "--seed", "3")
    check(r.returncode == 0, f"analyze: exit {r.returncode} {r.stderr}")
    check(peak in r.stdout and "S1" in r.stdout and rate in r.stdout, "the table names outputs, inputs, S1")
    doc = json.loads((sweep / "analysis.json").read_text())  # default directory: the study's
    check(doc["method"] == "sobol" and doc["bootstrap"] == 200 and doc["seed"] == 3, "json: method, bootstrap, seed")
    check(doc["inputs"] == [wind, height, rate], "json: inputs default to the study's parameters, in design order")
    check(set(doc["outputs"]) == {peak, "plume.receptor.town_hall.peak_kg_m3"}, "json: outputs default to the KPIs")
    ds = xr.open_dataset(sweep / "analysis.h5", engine="h5netcdf", group="analysis")
    check(dict(ds.sizes) == {"output": 2, "input": 3}, f"analysis.h5 dims {dict(ds.sizes)}")
    check(ds["first_order"].attrs["units"] == "1" and ds["total_order_high"].dims == ("output", "input"),
          "analysis.h5: indices are output x input, units 1")
    with h5py.File(sweep / "analysis.h5") as f:
        check(f.attrs["filetype"] == "twinlab-analysis" and f.attrs["method"] == "sobol"
              and int(f.attrs["bootstrap"]) == 200 and int(f.attrs["seed"]) == 3, "analysis.h5 root attributes")
    hall = "plume.receptor.town_hall.peak_kg_m3"
    st = ds["total_order"].sel(output=hall).values
    for i, name in enumerate(doc["inputs"]):
        j = doc["outputs"][hall]["indices"][name]
        check(abs(j["total_order"] - st[i]) < 1e-12, "json == h5")
        check(j["first_order_low"] <= j["first_order"] <= j["first_order_high"], f"{name}: S1 inside its interval")
    # The town hall's peak is proportional to the boiler's emission rate, which spans a factor 30 (log-uniform
    # 0.01-0.3 kg/s): the rate dominates its variance; the night wind (period 0) does not reach it at all.
    check(st[2] == max(st) and st[2] > 0.5 and st[0] == 0.0, f"town hall: ST = {st}")
    # The highest ground concentration is set by the low generator stack at night: the boiler's height and rate
    # leave it unchanged (ST exactly 0), the night wind explains it.
    st_peak = ds["total_order"].sel(output=peak).values
    check(st_peak[0] > 0.5 and st_peak[1] == 0.0 and st_peak[2] == 0.0, f"max ground concentration: ST = {st_peak}")
    # Same seed, same figures; a second analysis replaces twinlab's own files.
    before = (sweep / "analysis.json").read_text()
    r = run("analyze", str(sweep / "study.h5"), "--bootstrap", "200", "--seed", "3", "-o", str(tmp / "again"))
    check(r.returncode == 0 and (tmp / "again" / "analysis.json").read_text() == before,
          "same seed, same analysis; -o DIR is created")

    # --- Ishigami from a CSV table on twinlab's own Saltelli design --------------------------------------------
    # Three receptor coordinates of urban_plume stand in for x1..x3 (uniform on [-pi, pi]); only design.csv is
    # used, nothing runs.
    pi = "3.141592653589793"
    keys = ["dispersion.receptors[0].x_m", "dispersion.receptors[0].y_m", "dispersion.receptors[1].x_m"]
    study = tmp / "ishigami.yaml"
    study.write_text(f"study: ishigami\nscenario: {examples / 'urban_plume.yaml'}\nseed: 5\n"
                     "sampler: {name: saltelli, samples: 4096}\nparameters:\n" +
                     "".join(f"  - {{key: \"{k}\", distribution: uniform, min: -{pi}, max: {pi}}}\n" for k in keys))
    r = run("-q", "sweep", str(study), "--design-only", "-o", str(tmp / "ishigami"))
    check(r.returncode == 0, f"design-only: exit {r.returncode}")
    design = read_csv(tmp / "ishigami" / "design.csv")
    check(len(design) == 4096 * 5, "N (d + 2) rows")
    rows = []
    for d in design:
        x = [float(d[k]) for k in keys]
        rows.append(x + [math.sin(x[0]) + 7 * math.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * math.sin(x[0])])
    table = tmp / "ishigami" / "table.csv"
    write_csv(table, ["x1", "x2", "x3", "y"], rows)
    r = run("analyze", str(table), "--method", "sobol", "--inputs", "x1,x2,x3", "--outputs", "y")
    check(r.returncode == 0, f"analyze table.csv: exit {r.returncode} {r.stderr}")
    got = json.loads((tmp / "ishigami" / "analysis.json").read_text())["outputs"]["y"]["indices"]
    s1 = [got[x]["first_order"] for x in ("x1", "x2", "x3")]
    st = [got[x]["total_order"] for x in ("x1", "x2", "x3")]
    print(f"Ishigami N = 4096: S1 = {s1}, ST = {st}")
    # Exact (Ishigami & Homma 1990, a = 7, b = 0.1). Tolerance 0.01: with N = 4096 rows plain Monte Carlo has
    # standard errors of about 0.006-0.02 (twice those at 2^14, tests/sim/sensitivity/test_sobol_indices.cpp);
    # the scrambled Sobol' design does much better (measured error below 0.003), so 0.01 leaves a 3x margin.
    for i, (a, b) in enumerate(zip((0.3139, 0.4424, 0.0), (0.5576, 0.4424, 0.2437))):
        check(abs(s1[i] - a) < 0.01, f"S1[x{i + 1}] = {s1[i]:.4f}, exact {a}")
        check(abs(st[i] - b) < 0.01, f"ST[x{i + 1}] = {st[i]:.4f}, exact {b}")

    # --- Morris: effects in units of the normalised input, from the study and from a CSV ----------------------
    lo_hi = {wind: (1.5, 8.0), height: (25.0, 90.0)}
    morris_study = tmp / "morris.yaml"
    morris_study.write_text(f"study: plume_morris\nscenario: {examples / 'urban_plume.yaml'}\nseed: 4\n"
                            "sampler: {name: morris, samples: 6, morris_levels: 4}\nparameters:\n"
                            f"  - {{key: \"{wind}\", distribution: uniform, min: 1.5, max: 8}}\n"
                            f"  - {{key: \"{height}\", distribution: uniform, min: 25, max: 90}}\n"
                            f"kpis: [{peak}]\n")
    r = run("-q", "sweep", str(morris_study), "-o", str(tmp / "morris"), "-j", "2")
    check(r.returncode == 0, f"morris sweep: exit {r.returncode}")
    r = run("analyze", str(tmp / "morris" / "study.h5"), "--bootstrap", "100")
    check(r.returncode == 0 and "mu*" in r.stdout, f"analyze morris: exit {r.returncode} {r.stderr}")
    effects = json.loads((tmp / "morris" / "analysis.json").read_text())["outputs"][peak]["effects"]
    runs = read_csv(tmp / "morris" / "study.csv")
    ee = {wind: [], height: []}
    for t in range(6):  # elementary effects computed here: (dy) / (du), u = (x - min) / (max - min)
        for k in range(2):
            a, b = runs[t * 3 + k], runs[t * 3 + k + 1]
            moved = [p for p in ee if a[p] != b[p]]
            check(len(moved) == 1, f"trajectory {t} step {k}: one parameter moves")
            p = moved[0]
            du = (float(b[p]) - float(a[p])) / (lo_hi[p][1] - lo_hi[p][0])
            ee[p].append((float(b[peak]) - float(a[peak])) / du)
    for p, values in ee.items():
        mu_star = sum(abs(v) for v in values) / len(values)
        check(math.isclose(effects[p]["mu_star"], mu_star, rel_tol=1e-9), f"{p}: mu* {effects[p]['mu_star']} "
              f"== {mu_star}")
        check(math.isclose(effects[p]["mu"], sum(values) / len(values), rel_tol=1e-9, abs_tol=1e-30), f"{p}: mu")
    # The same table as CSV: u from each input's range over the table (equal here when the runs reach both ends).
    r = run("analyze", str(tmp / "morris" / "study.csv"), "--method", "morris", "--inputs", f"{wind},{height}",
            "--outputs", peak, "-o", str(tmp / "morris_csv"))
    check(r.returncode == 0, f"analyze morris csv: exit {r.returncode}")
    csv_effects = json.loads((tmp / "morris_csv" / "analysis.json").read_text())["outputs"][peak]["effects"]
    for p in ee:
        values = [float(x[p]) for x in runs]
        if (min(values), max(values)) == lo_hi[p]:
            check(math.isclose(csv_effects[p]["mu_star"], effects[p]["mu_star"], rel_tol=1e-9), f"{p}: csv mu*")

    # --- bad input: exit 2, one line naming the file and the key, nothing written ------------------------------
    bad = tmp / "bad"
    bad.mkdir()
    shutil.copy(table, bad / "table.csv")
    t = str(bad / "table.csv")
    refused(["analyze", t, "--method", "sobol", "--inputs", "x1,x2,x4", "--outputs", "y"], t, "x4")
    refused(["analyze", t, "--method", "sobol", "--inputs", "x1,x2,x3", "--outputs", "yy"], t, "yy",
            "did you mean 'y'")
    refused(["analyze", t, "--method", "sobol", "--outputs", "y"], "--inputs", "required")
    refused(["analyze", t, "--method", "sobol", "--inputs", "x2,x1,x3", "--outputs", "y"], t, "Saltelli order")
    # A failed run in a study table.
    study_rows = read_csv(sweep / "study.csv")
    study_rows[5]["status"] = "failed"
    study_rows[5][peak] = ""
    write_csv(bad / "study.csv", list(study_rows[0]), [list(x.values()) for x in study_rows])
    refused(["analyze", str(bad / "study.csv"), "--method", "sobol", "--inputs", f"{wind},{height},{rate}",
             "--outputs", peak], str(bad / "study.csv"), "status", "1 of 80 runs are not ok", "run 5 (failed)")
    # A study that is not a Saltelli design, for Sobol' indices; a Saltelli one for Morris effects.
    shutil.copy(sweep / "study.h5", bad / "lhs.h5")
    with h5py.File(bad / "lhs.h5", "a") as f:
        f.attrs["sampler"] = "lhs"
    refused(["analyze", str(bad / "lhs.h5")], str(bad / "lhs.h5"), "sampler", "'lhs'")
    refused(["analyze", str(bad / "lhs.h5"), "--method", "sobol"], "sampler", "saltelli")
    refused(["analyze", str(sweep / "study.h5"), "--method", "morris", "-o", str(bad)], "sampler", "morris")
    refused(["analyze", str(sweep / "study.csv"), "--method", "sobol", "--inputs", wind, "--outputs", peak],
            "not a Saltelli design")
    refused(["analyze", str(examples / "urban_plume.yaml")], "urban_plume.yaml", "neither")
    check(not (bad / "analysis.json").exists() and not (bad / "analysis.h5").exists(), "nothing written on error")

finish("analyze: Sobol' indices of a sweep, Ishigami from a CSV, Morris effects, bad input refused")
