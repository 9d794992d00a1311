"""Writes each examples/notebooks/*.py as a Jupyter notebook (.ipynb) beside it; --check only compares.

The scripts are in the "percent" format: a line `# %%` starts a code cell, `# %% [markdown]` a markdown cell
whose lines start with `# `. The notebook is nbformat 4.5 JSON written with the standard library (no outputs,
no execution counts, cell ids numbered), so the same script always gives the same bytes and a test can see
whether the committed .ipynb is in step with its .py.
Usage: python3 make_notebooks.py [--check]     (exit 1 with --check when a notebook differs or is missing)
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent


def cells(text):
    out, kind, lines = [], None, []

    def close():
        while lines and not lines[-1].strip():
            lines.pop()
        if kind is not None and lines:
            out.append((kind, lines[:]))

    for line in text.splitlines():
        if line.startswith("# %%"):
            close()
            kind, lines = ("markdown" if "[markdown]" in line else "code"), []
        elif kind == "markdown":
            lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
        elif kind == "code" and (lines or line.strip()):
            lines.append(line)
    close()
    return out


def notebook(script):
    nb_cells = []
    for i, (kind, lines) in enumerate(cells(script.read_text())):
        source = [line + "\n" for line in lines[:-1]] + [lines[-1]]
        cell = {"cell_type": kind, "id": f"cell-{i}", "metadata": {}, "source": source}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        nb_cells.append(cell)
    nb = {"cells": nb_cells,
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                       "language_info": {"name": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for script in sorted(HERE.glob("open_*.py")):
        target = script.with_suffix(".ipynb")
        text = notebook(script)
        if check:
            if not target.exists() or target.read_text() != text:
                stale.append(target.name)
        else:
            target.write_text(text)
            print(f"wrote {target.name}")
    if stale:
        print("out of step with their .py (run python3 examples/notebooks/make_notebooks.py):", ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
