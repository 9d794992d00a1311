"""End to end: meteorology from a file (dispersion.meteorology.file).

Usage: test_met_file.py TWINLAB_BINARY SOURCE_DIR
A good CSV and an AERMET .SFC run, and their calm/missing counts reach the printed table, summary.json and
results.h5; every kind of bad meteorology file gives exit 2 with one line `file:line:column: column: ...`
naming the met file, and nothing is written.
"""
import json
import pathlib
import re
import subprocess
import tempfile

from e2e_support import check, finish, source_dir, twinlab

SCENARIO = """twin: dispersion
name: met_{name}
dispersion:
  domain: {{x_min_m: -1000, x_max_m: 3000, y_min_m: -1500, y_max_m: 1500}}
  meteorology:
    file: {file}
{extra}  sources:
    - {{name: stack, x_m: 0, y_m: 0, height_m: 40, emission_rate_kg_s: 0.01}}
  receptors:
    - {{name: school, x_m: 1000, y_m: 0}}
  plume: {{grid_nx: 11, grid_ny: 11}}
"""

HEADER = "time,wind_speed@10m[m/s],wind_direction[deg],stability_class,obukhov_length[m]\n"
GOOD = HEADER + ("2025-01-01T00:00+01:00,3,270,D,1000\n2025-01-01T01:00+01:00,0.2,270,F,\n"
                 "2025-01-01T02:00+01:00,4,260,C,-40\n2025-01-01T04:00+01:00,5,250,B,-15\n")

# (name, CSV text, expected "line:column: column-header: fragment")
BAD = [
    ("missing_column", "time,wind_speed[m/s],stability_class\n2025-01-01T00:00Z,3,D\n",
     r"1: has no column 'wind_direction'"),
    ("unknown_unit", "time,wind_speed[mph],wind_direction[deg],stability_class\n",
     r"1:6: wind_speed\[mph\]: unknown unit for wind_speed \(got 'mph'\); use one of m/s"),
    ("backwards", HEADER + "2025-01-01T01:00Z,3,270,D,\n2025-01-01T00:00Z,3,270,D,\n",
     r"3:1: time: time goes backwards or repeats"),
    ("gap", HEADER + "2025-01-01T00:00Z,3,270,D,\n2025-01-03T00:00Z,3,270,D,\n",
     r"3:1: time: 47 h of records are absent before this row"),
    ("direction", HEADER + "2025-01-01T00:00Z,3,365,D,\n",
     r"2:21: wind_direction\[deg\]: must be within 0-360 deg \(got 365\)"),
    ("wrong_sign", HEADER + "2025-01-01T00:00Z,3,270,A,25\n",
     r"2:27: obukhov_length\[m\]: has the wrong sign for stability class A \(got 25 m\)"),
    ("not_numeric", HEADER + "2025-01-01T00:00Z,three,270,D,\n",
     r"2:19: wind_speed@10m\[m/s\]: is not a number \(got 'three'\)"),
    ("no_offset", HEADER + "2025-01-01T00:00,3,270,D,\n",
     r"2:1: time: is not an ISO 8601 time with a UTC offset"),
]


def run(*args):
    return subprocess.run([twinlab, *args], capture_output=True, text=True, timeout=600)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    # A good CSV: 5 periods, 3 valid, 1 calm, 1 missing (the absent 03:00).
    (tmp / "good.csv").write_text(GOOD)
    (tmp / "good.yaml").write_text(SCENARIO.format(name="good", file="good.csv", extra=""))
    r = run("run", str(tmp / "good.yaml"), "-o", str(tmp / "out_good"))
    check(r.returncode == 0, f"good CSV: exit {r.returncode}: {r.stderr}")
    check("meteorology good.csv: 5 periods: 3 valid, 1 calm, 1 missing" in r.stdout,
          f"good CSV: counts line missing from the printed table:\n{r.stdout}")
    if r.returncode == 0:
        summary = json.loads((tmp / "out_good" / "summary.json").read_text())
        met = summary.get("meteorology", {})
        check((met.get("valid_periods"), met.get("calm_periods"), met.get("missing_periods")) == (3, 1, 1),
              f"good CSV: summary.json meteorology {met}")
        h5 = subprocess.run(["/usr/bin/python3", "-c",
                             "import h5py,sys; f=h5py.File(sys.argv[1]); a=f.attrs; "
                             "print(a['meteorology_valid_periods'], a['meteorology_calm_periods'], "
                             "a['meteorology_missing_periods']); "
                             "c=f['plume/receptor_concentration'][:]; print((c[1]==0).all(), (c[3]==0).all(), (c[0]>0).any())",
                             str(tmp / "out_good" / "results.h5")], capture_output=True, text=True)
        check(h5.stdout.split() == ["3", "1", "1", "True", "True", "True"],
              f"results.h5: counts / skipped hours: {h5.stdout!r} {h5.stderr[-500:]}")

    # A wind height written in the scenario that contradicts the file's header is refused at the key.
    (tmp / "height.yaml").write_text(SCENARIO.format(name="height", file="good.csv",
                                                     extra="    reference_height_m: 12\n"))
    r = run("run", str(tmp / "height.yaml"), "-o", str(tmp / "out_height"))
    check(r.returncode == 2 and re.search(r"height\.yaml:\d+:\d+: dispersion\.meteorology\.reference_height_m: differs "
                                          r"from the wind height the file states \(10 m\) \(got 12 m\)", r.stderr),
          f"reference height: {r.returncode} {r.stderr}")

    # An AERMET surface + profile file from tests/data.
    data = source_dir.resolve() / "tests" / "data"
    (tmp / "aermet.yaml").write_text(SCENARIO.format(
        name="aermet", file=str(data / "aermet_small.sfc"), extra=f"    profile_file: {data / 'aermet_small.pfl'}\n"))
    r = run("run", str(tmp / "aermet.yaml"), "-o", str(tmp / "out_aermet"))
    check(r.returncode == 0, f"AERMET: exit {r.returncode}: {r.stderr}")
    check("meteorology aermet_small.sfc: 5 periods: 2 valid, 1 calm, 2 missing" in r.stdout,
          f"AERMET: counts line:\n{r.stdout}")

    # Both models with calm hours: the Eulerian model carries the calm and the missing hour with the last valid
    # hour's transport and leaves them out of its KPIs, and says so (docs/dispersion.md).
    (tmp / "eul.yaml").write_text(SCENARIO.format(name="eul", file="good.csv", extra="") +
                                  "  eulerian: {enabled: true, nx: 10, ny: 10, nz: 5, duration_s: 18000, "
                                  "output_interval_s: 3600}\n")
    r = run("run", str(tmp / "eul.yaml"), "-o", str(tmp / "out_eul"))
    check(r.returncode == 0, f"Eulerian with calm hours: exit {r.returncode}: {r.stderr}")
    check("eulerian: 1 calm and 1 missing periods (2 h) run with the last valid period's transport, left out of its "
          "KPIs" in r.stdout, f"Eulerian: calm line missing from the printed table:\n{r.stdout}")
    if r.returncode == 0:
        summary = json.loads((tmp / "out_eul" / "summary.json").read_text())
        check(summary.get("meteorology", {}).get("eulerian_excluded_time_s") == 7200.0,
              f"Eulerian: summary.json meteorology {summary.get('meteorology')}")

    # Compliance days start at the file's first local midnight (05:00+01:00: 19 h later), unless day_start_s is
    # written in the scenario.
    (tmp / "local.csv").write_text(HEADER + "".join(f"2025-01-01T{h:02d}:00+01:00,3,270,D,1000\n" for h in range(5, 24)))
    limits = ("  limits:\n    - {name: daily, value_ug_m3: 100, averaging: 24h, allowed_exceedances: 0, "
              "source: test}\n")
    for name, extra, want in (("local", "", 68400.0), ("local_set", "  averaging: {day_start_s: 3600}\n", 3600.0)):
        (tmp / f"{name}.yaml").write_text(SCENARIO.format(name=name, file="local.csv", extra="") + limits + extra)
        r = run("run", str(tmp / f"{name}.yaml"), "-o", str(tmp / f"out_{name}"))
        check(r.returncode == 0, f"{name}: exit {r.returncode}: {r.stderr}")
        h5 = subprocess.run(["/usr/bin/python3", "-c", "import h5py,sys; "
                             "print(float(h5py.File(sys.argv[1])['plume/design_values'].attrs['day_start_s']))",
                             str(tmp / f"out_{name}" / "results.h5")], capture_output=True, text=True)
        check(h5.stdout.strip() == str(want), f"{name}: day_start_s {h5.stdout!r} {h5.stderr[-300:]}, want {want}")

    for name, text, expected in BAD:
        csv = tmp / f"{name}.csv"
        csv.write_text(text)
        scenario = tmp / f"{name}.yaml"
        scenario.write_text(SCENARIO.format(name=name, file=csv.name, extra=""))
        out = tmp / f"out_{name}"
        r = run("run", str(scenario), "-o", str(out))
        lines = r.stderr.strip().splitlines()
        check(r.returncode == 2, f"{name}: exit {r.returncode}, want 2; stderr={r.stderr!r}")
        check(len(lines) == 1, f"{name}: want one stderr line, got {lines!r}")
        pattern = "twinlab: error: " + re.escape(str(csv)) + ":" + expected
        check(bool(lines) and re.match(pattern, lines[0]) is not None, f"{name}: {lines[:1]!r} !~ {pattern!r}")
        check(bool(lines) and "; " in lines[0], f"{name}: the message should say what to do: {lines[:1]!r}")
        check(not out.exists(), f"{name}: {out} was written")
        check(r.stdout == "", f"{name}: stdout {r.stdout!r}")

finish(f"meteorology files: a CSV and an AERMET file run and report their counts; {len(BAD)} bad files refused")
