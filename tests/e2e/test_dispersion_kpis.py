"""End to end: the dispersion twin's KPIs and what the CLI says about them.

Usage: test_dispersion_kpis.py TWINLAB_BINARY SOURCE_DIR
* The Eulerian KPIs are computed from the solver's own steps: the same scenario at two output intervals
  gives identical KPIs (summary.json and the printed table).
* Sensors outside a model's trusted range are warned about at validation, at file:line:col and key; the
  default scenario's sensors are all inside both models' ranges (no warning).
* A source with neither emission_rate_kg_s nor a schedule is warned about at its place.
* The KPI table names the height of each ground-level maximum, the threshold and what it is compared with,
  prints positions to the grid's resolution, and marks untrusted sensor figures.
* `wind_profile: uniform` is accepted and reaches the results.
"""
import json
import pathlib
import re
import tempfile

from e2e_support import check, finish, run, source_dir

examples = source_dir / "scenarios" / "examples"
WARNING = re.compile(r"^\[warning\] (.+?):(\d+):(\d+): (dispersion\.[^:]+): (.*)$")


def kpis_of(summary_path):
    models = json.loads(summary_path.read_text())["models"]
    return {name: {k: v for k, v in m.items() if k != "wall_time_s"} for name, m in models.items()}


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)

    # --- 1. Two output intervals, identical KPIs (the issue: a fence-line peak of 1e-20 ug/m3 beside 971 s
    # above threshold when only every 1800 s was written).
    release = examples / "eulerian_release.yaml"
    outs, tables = {}, {}
    for interval in ("300", "1800"):
        out = tmp / f"release_{interval}"
        r = run("run", str(release), "-o", str(out), "--set", f"dispersion.eulerian.output_interval_s={interval}")
        check(r.returncode == 0, f"eulerian_release at output_interval_s={interval}: exit {r.returncode}")
        outs[interval] = out
        tables[interval] = r.stdout
    if all((o / "summary.json").exists() for o in outs.values()):
        a, b = kpis_of(outs["300"] / "summary.json"), kpis_of(outs["1800"] / "summary.json")
        check(a == b, f"KPIs differ between output intervals 300 s and 1800 s:\n{a}\n{b}")
        fence = a["eulerian"]["receptors"][0]
        check(fence["name"] == "fence_line" and fence["time_above_threshold_s"] > 0.0
              and fence["peak_kg_m3"] > json.loads((outs["300"] / "summary.json").read_text())["threshold_kg_m3"],
              f"the fence line's peak exceeds the threshold it is above for a while: {fence}")
    check(tables["300"] == tables["1800"], "the printed KPI tables differ between output intervals")

    # --- 2. Warnings for sensors outside a model's trusted range, placed at the sensor.
    near = tmp / "near_sensor.yaml"
    near.write_text("""twin: dispersion
dispersion:
  domain: {x_min_m: -1000, x_max_m: 9000, y_min_m: -3000, y_max_m: 3000, z_max_m: 1000}
  meteorology:
    periods:
      - {wind_speed_m_s: 4, wind_direction_deg: 270, stability_class: D}
  sources:
    - {name: vent, x_m: 400, y_m: -250, height_m: 25, emission_rate_kg_s: 0.02}
  receptors:
    - {name: fine, x_m: 2400, y_m: -250}
    - {name: site_gate, x_m: 560, y_m: -160}
  eulerian: {enabled: true, nx: 100, ny: 60, nz: 20, reference_distance_m: 2000}
""")
    r = run("validate", str(near))
    check(r.returncode == 0, f"a near sensor is a warning, not an error: exit {r.returncode}")
    warnings = [WARNING.match(line) for line in r.stderr.splitlines() if line.startswith("[warning]")]
    check(len(warnings) == 1 and warnings[0] is not None, f"one located warning, got {r.stderr!r}")
    if warnings and warnings[0]:
        w = warnings[0]
        check(w.group(1) == str(near) and w.group(2) == "11", f"warning placed at {w.group(1)}:{w.group(2)}")
        check(w.group(4) == "dispersion.receptors[1]", f"warning names key {w.group(4)!r}")
        check("sensor 'site_gate' is 184 m from source 'vent'" in w.group(5) and "1000-4000 m" in w.group(5)
              and "reference_distance_m" in w.group(5), f"warning text: {w.group(5)!r}")
    r = run("run", str(near), "-o", str(tmp / "near"), "--set", "dispersion.eulerian.duration_s=600")
    check(r.returncode == 0, "a scenario with a warning runs")
    check(re.search(r"sensor site_gate peak \[ug/m\^3\]\s+\S+\s+\S+ \*", r.stdout) is not None,
          f"the untrusted Eulerian figure is marked: {r.stdout}")
    check("outside that model's trusted range" in r.stdout, "the mark is explained under the table")

    # A source with neither a rate nor a schedule emits nothing: said, at the source.
    silent = tmp / "silent.yaml"
    silent.write_text(near.read_text().replace(", emission_rate_kg_s: 0.02}", "}"))
    r = run("validate", str(silent))
    check(r.returncode == 0 and re.search(r"^\[warning\] " + re.escape(str(silent)) + r":8:7: dispersion\.sources\[0\]: "
                                          r"has neither emission_rate_kg_s nor a schedule", r.stderr, re.M),
          f"a source without emission is warned about at its place: {r.stderr!r}")

    for example in ("industrial_stack", "eulerian_release", "urban_plume"):
        r = run("validate", str(examples / f"{example}.yaml"))
        check(r.returncode == 0 and "[warning]" not in r.stderr,
              f"{example}: its sensors are inside every enabled model's trusted range: {r.stderr!r}")

    # --- 3. The table: heights, threshold and its averaging, positions to the grid's resolution.
    table = tables["300"]
    check(re.search(r"at height above ground \[m\]\s+10 \(lowest cell centre\)", table) is not None,
          f"Eulerian ground level named (400 m / 20 cells: first centre at 10 m): {table}")
    check("time above 10000 ug/m^3 [s]" in table, "threshold printed beside time above threshold")
    check(re.search(r"threshold 10000 ug/m\^3 compared with\s+each step \(<= [\d.]+ s\)", table) is not None,
          f"averaging of the Eulerian threshold comparison: {table}")
    tunnel = tmp / "tunnel.yaml"  # a wind-tunnel-sized plume: 0.05 m grid spacing
    tunnel.write_text("""twin: dispersion
dispersion:
  domain: {x_min_m: 0, x_max_m: 10, y_min_m: -1, y_max_m: 1, z_max_m: 2}
  meteorology:
    wind_profile: uniform
    reference_height_m: 0.5
    periods:
      - {wind_speed_m_s: 2, wind_direction_deg: 270, stability_class: D}
  sources:
    - {name: nozzle, x_m: 0.5, y_m: 0.0, height_m: 0.2, emission_rate_kg_s: 1.0e-6}
  plume: {grid_nx: 201, grid_ny: 41, grid_height_m: 0.0}
""")
    r = run("run", str(tunnel), "-o", str(tmp / "tunnel"))
    check(r.returncode == 0, f"tunnel run: exit {r.returncode}")
    m = re.search(r"at x, y \[m\]\s+(-?\d+\.\d\d), (-?\d+\.\d\d)\s*$", r.stdout, re.M)
    check(m is not None, f"positions printed to the 0.05 m grid (two decimals): {r.stdout}")
    check(re.search(r"at height above ground \[m\]\s+0 \(receptor grid\)", r.stdout) is not None,
          "plume ground level named")

    # --- 4. wind_profile: uniform reaches the results (a 45 m stack: u(H) no longer above the measured u).
    urban = examples / "urban_plume.yaml"
    peaks = {}
    for profile in ("power_law", "uniform"):
        out = tmp / f"urban_{profile}"
        r = run("run", str(urban), "-o", str(out), "--set", f"dispersion.meteorology.wind_profile={profile}")
        check(r.returncode == 0, f"urban_plume with wind_profile={profile}: exit {r.returncode}")
        if r.returncode == 0:
            peaks[profile] = kpis_of(out / "summary.json")["plume"]["max_ground_concentration_kg_m3"]
    check(len(peaks) == 2 and peaks["uniform"] != peaks["power_law"], f"wind_profile changes the plume: {peaks}")

finish("dispersion KPIs: independent of the output interval; trusted ranges warned at file:line:col; table "
       "names heights, threshold averaging and grid-resolution positions; uniform wind profile")
