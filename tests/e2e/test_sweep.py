"""End to end: `twinlab sweep` — same table whatever -j, kill -9 + --resume without loss, shards, bad input.

Usage: test_sweep.py TWINLAB_BINARY SOURCE_DIR
"""
import csv
import io
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

import xarray as xr

from e2e_support import check, finish, run, source_dir, twinlab

studies = (source_dir / "scenarios" / "examples" / "studies").resolve()
line_study = studies / "line_buffers.yaml"


def table(directory):
    """study.csv without the wall-time column (the only machine-dependent figure)."""
    rows = list(csv.DictReader(io.StringIO((directory / "study.csv").read_text())))
    for r in rows:
        r.pop("wall_time_s")
    return rows


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)

    # The same table with one worker and with two.
    for j in ("1", "2"):
        r = run("-q", "sweep", str(line_study), "-o", str(tmp / f"j{j}"), "-j", j)
        check(r.returncode == 0, f"-j {j}: exit {r.returncode} {r.stderr}")
    one, two = table(tmp / "j1"), table(tmp / "j2")
    check(len(one) == 24 and all(r["status"] == "ok" for r in one), "24 runs, all ok")
    check(one == two, "same study, same table whatever -j")
    ds = xr.open_dataset(tmp / "j1" / "study.h5", engine="h5netcdf", group="study")
    check(ds.sizes["run"] == 24, "study.h5: 24 runs")
    check(ds["throughput_per_s"].attrs["role"] == "kpi" and ds["throughput_per_s"].attrs["units"] == "1/s",
          "KPI role and units")
    check(ds["line.stations[1].buffer_capacity"].attrs["role"] == "parameter", "parameter role")
    caps = ds["line.stations[1].buffer_capacity"].values
    check(all(c == round(c) and 1 <= c <= 20 for c in caps), "integer keys get whole values in range")
    check(len(set(caps)) >= 12, "a Latin hypercube spreads the values")

    # --design-only: the same parameter values, nothing run.
    r = run("-q", "sweep", str(line_study), "--design-only", "-o", str(tmp / "design"))
    design = list(csv.DictReader(io.StringIO((tmp / "design" / "design.csv").read_text())))
    check(r.returncode == 0 and len(design) == 24, "design.csv has 24 rows")
    check(all(float(d["line.stations[0].failure.life.mean"]) == float(o["line.stations[0].failure.life.mean"])
              for d, o in zip(design, one)), "design.csv holds the values the sweep ran")
    check(not (tmp / "design" / "journal.jsonl").exists(), "--design-only runs nothing")

    # kill -9 in the middle, then --resume: the final table equals the uninterrupted one.
    slow = tmp / "slow.yaml"  # the same study on a longer horizon: about 0.1-0.5 s a run
    slow.write_text(line_study.read_text().replace("scenario: ../machining_line.yaml",
                                                   f"scenario: {studies.parent / 'machining_line.yaml'}"))
    base_scenario = tmp / "long_line.yaml"
    base_scenario.write_text((studies.parent / "machining_line.yaml").read_text()
                             .replace("horizon_s: 432000", "horizon_s: 4320000")
                             .replace("csv: data/", f"csv: {studies.parent / 'data'}/"))
    slow.write_text(slow.read_text().replace(str(studies.parent / "machining_line.yaml"), str(base_scenario)))
    check(run("-q", "sweep", str(slow), "-o", str(tmp / "whole"), "-j", "2").returncode == 0, "uninterrupted sweep")
    killed = tmp / "killed"
    p = subprocess.Popen([twinlab, "-q", "sweep", str(slow), "-o", str(killed), "-j", "2"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        journal = killed / "journal.jsonl"
        if journal.exists() and journal.read_text().count('"type":"run"') >= 6:
            break
        time.sleep(0.02)
    p.send_signal(signal.SIGKILL)
    p.wait()
    finished = (killed / "journal.jsonl").read_text().count('"type":"run"')
    check(6 <= finished < 24, f"killed mid-sweep after {finished} runs")
    check(not (killed / "study.h5").exists(), "a killed sweep leaves no study.h5 that looks whole")
    with open(killed / "journal.jsonl", "a") as f:
        f.write('{"type":"run","run":23,"status":"o')  # a line torn by the kill
    r = run("-q", "sweep", str(slow), "-o", str(killed), "--resume", "-j", "2")
    check(r.returncode == 0, f"--resume: exit {r.returncode} {r.stderr}")
    check(table(killed) == table(tmp / "whole"), "resumed table equals the uninterrupted one")
    lines = [l for l in (killed / "journal.jsonl").read_text().splitlines() if '"type":"run"' in l]
    check(len(lines) == 24, f"no run lost or duplicated: {len(lines)} run lines")

    # A changed study is refused on --resume.
    slow.write_text(slow.read_text().replace("seed: 3", "seed: 4"))
    r = run("sweep", str(slow), "-o", str(killed), "--resume")
    check(r.returncode == 2 and "changed since the sweep" in r.stderr, f"changed study: {r.returncode} {r.stderr!r}")
    r = run("sweep", str(line_study), "-o", str(tmp / "j1"))
    check(r.returncode == 2 and "--resume" in r.stderr, "a second sweep into a sweep's directory needs --resume")

    # Shards: two shares of the design, together the whole table.
    for i in ("1", "2"):
        r = run("-q", "sweep", str(line_study), "--shard", f"{i}/2", "-o", str(tmp / f"shard{i}"))
        check(r.returncode == 0, f"shard {i}/2: {r.stderr}")
    s1, s2 = table(tmp / "shard1"), table(tmp / "shard2")
    check([r["run"] for r in s1] == [str(k) for k in range(0, 24, 2)], "shard 1/2 holds the even runs")
    check(sorted(s1 + s2, key=lambda r: int(r["run"])) == one, "the shards together equal the whole sweep")
    r = run("-q", "merge", str(tmp / "shard2"), str(tmp / "shard1"), "-o", str(tmp / "merged"))
    check(r.returncode == 0, f"merge: {r.returncode} {r.stderr}")
    check(table(tmp / "merged") == one, "merged shards equal the single-process sweep")
    merged = xr.open_dataset(tmp / "merged" / "study.h5", engine="h5netcdf", group="study")
    check(merged.sizes["run"] == 24, "merged study.h5 holds every run")
    for args, message in (
        ([str(tmp / "shard1")], "shard 2/2 is missing"),
        ([str(tmp / "shard1"), str(tmp / "shard1")], "is shard 1/2 again"),
        ([str(tmp / "shard1"), str(tmp / "j1")], "but"),  # a whole sweep is not a shard of two
        ([str(tmp / "shard1"), str(killed)], "not of"),   # another study
        ([str(tmp / "nothing")], "holds no sweep journal"),
    ):
        r = run("merge", *args, "-o", str(tmp / "merge_bad"))
        check(r.returncode == 2 and message in r.stderr, f"merge {args}: {r.returncode} {r.stderr!r}")
    check(not (tmp / "merge_bad").exists(), "a refused merge wrote nothing")

    # A CSV of points computed elsewhere: the values as given (integer keys rounded).
    (tmp / "points.csv").write_text("line.stations[1].buffer_capacity,line.stations[0].failure.life.mean\n"
                                    "3,7200\n12.4,14400\n")
    points = tmp / "points.yaml"
    points.write_text(f"scenario: {studies.parent / 'machining_line.yaml'}\nsampler: {{name: csv, file: points.csv}}\n"
                      "parameters:\n  - {key: \"line.stations[1].buffer_capacity\"}\n"
                      "  - {key: \"line.stations[0].failure.life.mean\"}\n")
    r = run("-q", "sweep", str(points), "-o", str(tmp / "points"))
    rows = table(tmp / "points") if r.returncode == 0 else []
    check([(x["line.stations[1].buffer_capacity"], x["line.stations[0].failure.life.mean"]) for x in rows] ==
          [("3", "7200"), ("12", "14400")], f"csv points: {r.stderr} {rows[:1]}")
    (tmp / "points.csv").write_text("line.stations[1].buffer_capacity\n3\n")
    r = run("sweep", str(points), "-o", str(tmp / "points_bad"))
    check(r.returncode == 2 and "points.yaml:2:" in r.stderr and "life.mean" in r.stderr,
          f"csv without a parameter's column: {r.returncode} {r.stderr!r}")

    # Failed runs are recorded and the sweep goes on until more than --max-failures failed (exit 1).
    failing = tmp / "failing.yaml"
    failing.write_text(f"scenario: {studies.parent / 'urban_plume.yaml'}\nsampler: {{name: random, samples: 6}}\n"
                       "parameters:\n  - {key: \"dispersion.meteorology.periods[0].wind_speed_m_s\", min: 1, max: 5}\n"
                       "kpis: [plume.max_ground_concentration_kg_m3s]\n")
    r = run("-q", "sweep", str(failing), "-o", str(tmp / "failing"), "-j", "1", "--max-failures", "2")
    rows = list(csv.DictReader(io.StringIO((tmp / "failing" / "study.csv").read_text())))
    check(r.returncode == 1 and "stopped after 3 failed runs" in r.stderr, f"max failures: {r.returncode} {r.stderr!r}")
    check([x["status"] for x in rows] == ["failed"] * 3 + ["missing"] * 3, f"statuses {[x['status'] for x in rows]}")
    check("did you mean 'plume.max_ground_concentration_kg_m3'" in rows[0]["message"], f"message {rows[0]['message']!r}")

    # Bad input: exit 2 with file:line:col and key, before any run.
    def bad(text, message, args=()):
        f = tmp / "bad.yaml"
        f.write_text(text)
        out = tmp / "bad_out"
        r = run("sweep", str(f), "-o", str(out), *args)
        check(r.returncode == 2 and message in r.stderr, f"{message!r}: exit {r.returncode} {r.stderr!r}")
        check(not out.exists(), f"{message!r}: nothing written")

    head = f"scenario: {studies.parent / 'urban_plume.yaml'}\nsampler: {{name: sobol, samples: 8}}\nparameters:\n"
    bad(head + '  - {key: "dispersion.sources[0].hieght_m", min: 1, max: 2}\n', "bad.yaml:4:")
    bad(head + '  - {key: "dispersion.sources[0].hieght_m", min: 1, max: 2}\n',
        "did you mean 'dispersion.sources[0].height_m'?")
    bad(head + '  - {key: "dispersion.sources[0].height_m", min: 50, max: 20}\n', "max")
    bad(head + '  - {key: "dispersion.sources[0].emission_rate_kg_s", distribution: log_uniform, min: 0, max: 1}\n',
        "min")
    bad(head + '  - {key: "dispersion.sources[0].height_m", min: 20, max: 5000}\n', "highest value the design gives")
    bad(head + '  - {key: "dispersion.sources[0].height_m", min: 20, max: 50}\n', "--shard", ("--shard", "3/2"))
    bad(head + '  - {key: "dispersion.sources[0].height_m", min: 20, max: 50}\n  - {key: x}\n', "x")
    bad("scenario: nowhere.yaml\n" + head.split("\n", 1)[1] + '  - {key: a, min: 1, max: 2}\n', "no such scenario")
    bad(head.replace("sobol", "sobel") + '  - {key: "dispersion.sources[0].height_m", min: 20, max: 50}\n',
        "did you mean 'sobol'")

finish("sweep: -j invariant table, kill -9 + --resume equal to uninterrupted, shards, bad input")
