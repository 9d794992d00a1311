"""End to end: `twinlab render` on the outputs of the examples, a study and its analysis; `run --render`.

Usage: test_render.py TWINLAB_BINARY SOURCE_DIR
Every expected picture exists (index.csv lists it), is a PNG of the expected size and is not blank; bad input
is refused with exit 2 naming the file; no display at all is exit 1 with one line, never a crash. Skipped (not
passed) when this machine has neither an X display nor Xvfb.
"""
import csv
import os
import pathlib
import shutil
import subprocess
import tempfile

import h5py
import matplotlib.image

from e2e_support import check, finish, run, skip, source_dir, twinlab

examples = source_dir.resolve() / "scenarios" / "examples"

if not os.environ.get("DISPLAY") and shutil.which("Xvfb") is None:
    skip("no X display and no Xvfb: VTK's rendering cannot run here (scripts/setup.sh installs xvfb)")


def pictures_of(out):
    """index.csv rows, after checking that every listed PNG is whole and not blank."""
    index = out / "index.csv"
    if not index.exists():
        failures_note = f"{index} missing"
        check(False, failures_note)
        return []
    rows = list(csv.DictReader(index.open()))
    for row in rows:
        png = out / row["file"]
        if not png.exists():
            check(False, f"{png} listed in index.csv but missing")
            continue
        image = matplotlib.image.imread(str(png))  # float RGB(A) in 0..1, rows from the top
        rgb = image[:, :, :3]
        non_white = float((rgb < 0.99).any(axis=2).mean())
        check(non_white > 0.01, f"{png.name}: not blank ({non_white:.3f} of the pixels drawn)")
        check(rgb.std() > 0.02, f"{png.name}: more than one colour")
    return rows


def size_of(png):
    h, w = matplotlib.image.imread(str(png)).shape[:2]
    return w, h


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)

    # --- bad input: exit 2 naming the file, nothing written ------------------------------------------------
    text = tmp / "notes.txt"
    text.write_text("not a results file\n")
    r = run("render", str(text), "-o", str(tmp / "bad1"))
    check(r.returncode == 2 and str(text) in r.stderr and len(r.stderr.strip().splitlines()) == 1,
          f"a text file: exit 2 with its name on one line (got {r.returncode}: {r.stderr!r})")
    foreign = tmp / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f["x"] = [1.0, 2.0]
    r = run("render", str(foreign), "-o", str(tmp / "bad2"))
    check(r.returncode == 2 and str(foreign) in r.stderr and "filetype" in r.stderr,
          f"an HDF5 file twinlab did not write: exit 2 (got {r.returncode}: {r.stderr!r})")
    r = run("render", str(tmp / "missing.h5"))
    check(r.returncode == 2 and "missing.h5" in r.stderr, "a missing file: exit 2")
    check(not (tmp / "bad1").exists() and not (tmp / "bad2").exists(), "nothing written for bad input")

    # --- one dispersion model: frames, sensor series ------------------------------------------------------
    single = tmp / "plume_single_stack"
    check(run("run", str(examples / "plume_single_stack.yaml"), "-o", str(single)).returncode == 0, "plume run")
    r = run("render", str(single / "results.h5"))
    check(r.returncode == 0, f"render plume_single_stack: {r.stderr}")
    rows = pictures_of(single / "pictures")
    kinds = [row["kind"] for row in rows]
    check(kinds.count("concentration_map") == 1, f"one map for one meteorology period: {kinds}")
    check(kinds.count("sensor_series") == 1 and (single / "pictures" / "sensor_village.png").exists(),
          "the village sensor's chart")
    check(size_of(single / "pictures" / "concentration_0000.png") == (720 + 130, 600), "map size: one panel")

    # The colours follow the field: the peak (1125 m, 187.5 m in summary.json) is dark, upwind is white.
    # Layout of viz/field_picture.cpp (margins: left 110, right 20, bottom 60, top 34 px, title strip 40 px):
    # 5000 m in 590 x 466 px -> 10.7 m/px; the upwind corner is white (the wind blows from 260 degrees).
    image = matplotlib.image.imread(str(single / "pictures" / "concentration_0000.png"))[:, :, :3]
    metres_per_px = max(5000 / (720 - 130), 5000 / (600 - 40 - 94))
    x_left = -2500 - 110 * metres_per_px - ((720 - 130) * metres_per_px - 5000) / 2
    y_bottom = -2500 - 60 * metres_per_px - ((600 - 40 - 94) * metres_per_px - 5000) / 2

    def pixel(x, y):
        col = int((x - x_left) / metres_per_px)
        row = 600 - 1 - int((y - y_bottom) / metres_per_px)
        return image[row, col]

    peak = pixel(1125, 187.5)
    check(peak[1] < 0.3, f"the peak is drawn in the dark end of the colour scale: {peak}")
    check((pixel(-2000, 2000) > 0.99).all(), f"upwind (no plume) is white: {pixel(-2000, 2000)}")

    # --- both models side by side (the default scenario, shortened) ---------------------------------------
    both = tmp / "industrial_stack"
    r = run("run", str(examples / "industrial_stack.yaml"), "-o", str(both), "--set", "dispersion.eulerian.duration_s=3600",
            "--set", "dispersion.eulerian.nz=8", "--set", "dispersion.eulerian.output_interval_s=1800", "--render")
    check(r.returncode == 0, f"run --render industrial_stack: {r.stderr}")
    rows = pictures_of(both / "pictures")
    maps = [row for row in rows if row["kind"] == "concentration_map"]
    # Frames at every output time of either model: the Eulerian 0, 0.5, 1 h and the plume's hours 0..5.
    times = [float(m["time_s"]) for m in maps]
    check(times == [0, 1800, 3600, 7200, 10800, 14400, 18000], f"maps at every output time: {times}")
    check(size_of(both / "pictures" / maps[0]["file"]) == (2 * 600 + 130, 600), "two panels side by side")
    sensors = [row for row in rows if row["kind"] == "sensor_series"]
    check(len(sensors) == 5, f"a chart per sensor (5): {len(sensors)}")

    # --- --max-frames: a week of hours is thinned, the peak's hour kept -----------------------------------
    r = run("render", str(both / "results.h5"), "-o", str(tmp / "frames"), "--max-frames", "2")
    maps = [row for row in pictures_of(tmp / "frames") if row["kind"] == "concentration_map"]
    check(r.returncode == 0 and 2 <= len(maps) <= 3, f"--max-frames 2: {len(maps)} maps")

    # --- production line: schematic and series ------------------------------------------------------------
    for name in ("machining_line", "assembly_cell"):
        out = tmp / name
        check(run("run", str(examples / f"{name}.yaml"), "-o", str(out)).returncode == 0, f"{name} run")
        r = run("render", str(out / "results.h5"), "-o", str(out / "pics"))
        check(r.returncode == 0, f"render {name}: {r.stderr}")
        files = {row["file"] for row in pictures_of(out / "pics")}
        check(files == {"line_schematic.png", "line_wip.png", "line_throughput.png"}, f"{name} pictures: {files}")

    # --- a study and its analysis ------------------------------------------------------------------------
    study = tmp / "study.yaml"
    study.write_text(f"""study: render_test
scenario: {examples / 'plume_single_stack.yaml'}
seed: 3
sampler: {{name: saltelli, samples: 4}}
parameters:
  - {{key: "dispersion.sources[0].height_m", distribution: uniform, min: 30, max: 80}}
  - {{key: "dispersion.sources[0].emission_rate_kg_s", distribution: uniform, min: 0.05, max: 0.2}}
kpis: [plume.max_ground_concentration_kg_m3, plume.receptor.village.peak_kg_m3]
""")
    sweep = tmp / "sweep"
    r = run("sweep", str(study), "-o", str(sweep), "-j", "2")
    check(r.returncode == 0, f"sweep: {r.stderr}")
    r = run("render", str(sweep / "study.h5"))
    check(r.returncode == 0, f"render study.h5: {r.stderr}")
    scatter = [row for row in pictures_of(sweep / "pictures") if row["kind"] == "sweep_scatter"]
    check(len(scatter) == 4, f"2 KPIs x 2 parameters scatter plots: {len(scatter)}")
    r = run("analyze", str(sweep / "study.h5"), "-o", str(tmp / "analysis"), "--bootstrap", "50")
    check(r.returncode == 0, f"analyze: {r.stderr}")
    r = run("render", str(tmp / "analysis" / "analysis.h5"), "-o", str(tmp / "analysis_pictures"))
    bars = [row for row in pictures_of(tmp / "analysis_pictures") if row["kind"] == "sensitivity_bars"]
    check(r.returncode == 0 and len(bars) == 2, f"Sobol' bars per KPI: {len(bars)} ({r.stderr})")

    # --- no display and no Xvfb: exit 1, one line, nothing written ----------------------------------------
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["TWINLAB_XVFB"] = str(tmp / "no-such-xvfb")
    r = subprocess.run([twinlab, "render", str(single / "results.h5"), "-o", str(tmp / "nodisplay")],
                       capture_output=True, text=True, env=env, timeout=120)
    check(r.returncode == 1 and "no display for rendering" in r.stderr and len(r.stderr.strip().splitlines()) == 1,
          f"no display: exit 1 with one line (got {r.returncode}: {r.stderr!r})")
    check(not (tmp / "nodisplay").exists(), "no display: no pictures directory left")

finish("render: pictures of plume, both models, lines, study and analysis; bad input and no display refused")
