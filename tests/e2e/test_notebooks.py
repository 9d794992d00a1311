"""End to end: the example notebooks (examples/notebooks/open_*.py and .ipynb) run on fresh outputs and draw.

Usage: test_notebooks.py TWINLAB_BINARY SOURCE_DIR
Runs the examples small (example_outputs.py), then each script with Debian's /usr/bin/python3 (a run, a line,
a study, a scalar and a field surrogate) and checks every figure it saves: a PNG of the figure's size, not
blank by its pixels. Each .ipynb must be what make_notebooks.py makes of its .py (and valid nbformat when
python3-nbformat is installed); its code cells are also executed in order, as a kernel would, with the
default paths (out/...) pointing at the fresh outputs.
"""
import os
import pathlib
import struct
import subprocess
import sys
import tempfile

import matplotlib
matplotlib.use("Agg")
import matplotlib.image
import matplotlib.pyplot as plt
import numpy as np

import example_outputs
from e2e_support import check, finish, source_dir, twinlab

NOTEBOOKS = (source_dir / "examples" / "notebooks").resolve()
PYTHON = "/usr/bin/python3"
# Figures each script saves: size in pixels (figsize x dpi 100 in the scripts; None: depends on the data, at
# least 400 x 250) and the least fraction of pixels in colour. A blank set of axes has 1.3 % of its pixels
# not white and none in colour; the sparsest real figure (three error bars) has 0.9 % in colour, a scatter
# of 20 points 0.5 %: 0.2 % separates "something plotted" from nothing. A map fills its axes: the measured
# maps have 14-47 % of their pixels in colour, so 5 % means the map is there, not just its colour bar.
MAP, DRAWN = 0.05, 0.002
FIGURES = {"open_results.py": {"results_map.png": ((800, 500), MAP), "results_sensors.png": ((800, 400), DRAWN)},
           "open_line.py": {"line_states.png": ((800, 400), MAP), "line_series.png": ((800, 400), DRAWN)},
           "open_study.py": {"study_scatter.png": (None, DRAWN), "study_field.png": ((1000, 400), MAP)},
           "open_surrogate.py": {"surrogate_predictions.png": (None, DRAWN), "surrogate_metrics.png": ((600, 350), MAP)}}


def png_size(path):
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def drawn(path, least_colour=DRAWN):
    """Why the picture looks blank, or '' when it shows something: pixel statistics of the RGB image. A
    matplotlib figure is white paper with black and grey axes and text; what it plots is in colour (a pixel
    whose channels differ by more than 0.25). Thresholds: see FIGURES."""
    rgb = matplotlib.image.imread(path)[..., :3].astype(float)
    ink = np.mean(np.abs(rgb - 1.0).max(axis=2) > 0.1)                     # not white
    colour = np.mean(rgb.max(axis=2) - rgb.min(axis=2) > 0.25)             # saturated
    if ink < 0.02:
        return f"only {ink:.1%} of the pixels are not white"
    if colour < least_colour:
        return f"only {colour:.2%} of the pixels are in colour, want {least_colour:.1%}"
    return ""


def check_figures(script, directory, label):
    for name, (size, least_colour) in FIGURES[script].items():
        path = directory / name
        where = f"{label}: {name}"
        check(path.exists(), f"{where} was not saved")
        if not path.exists():
            continue
        actual = png_size(path)
        check(actual is not None, f"{where} is not a PNG")
        if size is not None:
            check(actual == size, f"{where} is {actual} pixels, want {size}")
        else:
            check(actual is not None and actual[0] >= 400 and actual[1] >= 250, f"{where} is only {actual} pixels")
        check(path.stat().st_size > 10_000, f"{where} is only {path.stat().st_size} bytes")
        why = drawn(path, least_colour)
        check(not why, f"{where} looks blank: {why}")


# The blank check must see a blank figure as blank (else it proves nothing): axes and labels only.
with tempfile.TemporaryDirectory() as tmp:
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.set(xlabel="x [m]", ylabel="y [m]", title="nothing plotted")
    fig.savefig(pathlib.Path(tmp) / "blank.png", dpi=100)
    check(drawn(pathlib.Path(tmp) / "blank.png") != "", "the blank check accepts an empty set of axes")

scripts = sorted(p.name for p in NOTEBOOKS.glob("open_*.py"))
check(scripts == sorted(FIGURES), f"scripts in examples/notebooks: {scripts}, want {sorted(FIGURES)}")

r = subprocess.run([PYTHON, str(NOTEBOOKS / "make_notebooks.py"), "--check"], capture_output=True, text=True)
check(r.returncode == 0, f"make_notebooks.py --check: {r.stdout}{r.stderr}")
try:
    import nbformat
except ImportError:
    nbformat = None
    print("python3-nbformat not installed: the notebooks' schema is not validated")
for script in scripts:
    notebook = NOTEBOOKS / script.replace(".py", ".ipynb")
    if nbformat is not None and notebook.exists():
        try:
            nbformat.validate(nbformat.read(str(notebook), as_version=4))
        except Exception as e:  # nbformat's ValidationError and JSON errors alike
            check(False, f"{notebook.name} is not a valid notebook: {e}")

with tempfile.TemporaryDirectory() as tmp:
    root = pathlib.Path(tmp)
    try:
        out = example_outputs.make(twinlab, source_dir, root / "outputs",
                                   ["stack", "line", "study", "predictions", "field_predictions"])
    except RuntimeError as e:
        print(e)
        sys.exit(1)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the scripts choose Agg themselves
    runs = [("open_results.py", [out["stack"]], "results"), ("open_line.py", [out["line"]], "line"),
            ("open_study.py", [out["study"]], "study"),
            ("open_surrogate.py", [out["model"], out["predictions"]], "surrogate"),
            ("open_surrogate.py", [out["field_model"], out["field_predictions"]], "field surrogate")]
    for script, arguments, label in runs:
        figures = root / "figures" / label.replace(" ", "_")
        r = subprocess.run([PYTHON, str(NOTEBOOKS / script), *map(str, arguments), str(figures)], cwd=root, env=env,
                           capture_output=True, text=True, timeout=600)
        check(r.returncode == 0, f"{script} ({label}) exit {r.returncode}:\n{r.stdout[-2000:]}{r.stderr[-3000:]}")
        if r.returncode == 0:
            check_figures(script, figures, f"{script} ({label})")

    # The notebooks as a kernel runs them: cells in order, argv of ipykernel, default paths under out/.
    sandbox = root / "notebook"
    (sandbox / "out" / "models").mkdir(parents=True)
    for name, target in (("industrial_stack", out["stack"]), ("machining_line", out["line"]),
                         ("plume_stack", out["study"]), ("models/plume", out["model"]),
                         ("predictions.h5", out["predictions"])):
        (sandbox / "out" / name).symlink_to(target)
    for script in scripts:
        notebook = NOTEBOOKS / script.replace(".py", ".ipynb")
        if not notebook.exists():
            check(False, f"{notebook.name} is missing")
            continue
        code = ("import json, sys\n"
                f"cells = json.load(open({str(notebook)!r}))['cells']\n"
                "sys.argv = ['ipykernel_launcher.py', '-f', '/tmp/kernel.json']\n"
                "namespace = {'__name__': '__main__'}\n"
                "for cell in cells:\n"
                "    if cell['cell_type'] == 'code':\n"
                "        exec(compile(''.join(cell['source']), 'cell', 'exec'), namespace)\n")
        r = subprocess.run([PYTHON, "-c", code], cwd=sandbox, env=env, capture_output=True, text=True, timeout=600)
        check(r.returncode == 0, f"{notebook.name} cells exit {r.returncode}:\n{r.stdout[-2000:]}{r.stderr[-3000:]}")
        if r.returncode == 0:
            check_figures(script, sandbox, notebook.name)

finish(f"notebooks: {len(scripts)} scripts and notebooks ran on fresh outputs; every figure is a PNG that shows data")
