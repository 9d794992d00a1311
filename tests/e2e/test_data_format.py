"""End to end: docs/data-format.md names exactly what twinlab's files hold.

Usage: test_data_format.py TWINLAB_BINARY SOURCE_DIR
Runs the examples small (example_outputs.py), then for each section of the document (`<!-- data-format: KIND -->`)
walks the real files of that kind: every HDF5 group, variable and attribute, every JSON key and every file of the
output directories must be named in the document, and every name in the document must occur in at least one of
the files (a name in CAPITALS, NAME or NNNN, stands for any text). A variable whose units the document gives in
`code` must carry exactly those units; `—` means no units attribute.
"""
import json
import pathlib
import re
import sys
import tempfile

import h5py

import example_outputs
from e2e_support import check, finish, source_dir, twinlab

DOC = source_dir / "docs" / "data-format.md"
MARK = re.compile(r"^<!-- data-format: (\S+) -->\s*$")
PLACEHOLDER = re.compile(r"((?<![A-Za-z])[A-Z]{2,}(?![A-Za-z]))")


class Entry:
    """One name of the document: its table (attribute, variable, key, file), group and units cell."""

    def __init__(self, table, group, name, units, where):
        self.table, self.group, self.name, self.units, self.where = table, group, name, units, where
        parts = PLACEHOLDER.split(name)
        self.literal = len(parts) == 1
        text = "".join(".+" if i % 2 else re.escape(p) for i, p in enumerate(parts))
        self.exact = re.compile(text + r"\Z")
        # JSON keys and files: an entry also covers what lies below it (an object's members, a folder's files).
        self.covering = re.compile(text + r"(?:[./\[].*)?\Z")
        self.role = None  # a variable whose meaning starts "role `R`" must carry the attribute role = R
        self.seen = False


def parse(path):
    """{kind: [Entry]} from the document's marked sections."""
    sections, kind, group, header = {}, None, None, None
    lines = path.read_text().splitlines()
    for number, line in enumerate(lines, 1):
        m = MARK.match(line)
        if m:
            kind, group, header = m.group(1), None, None
            sections.setdefault(kind, [])
            continue
        if kind is None:
            continue
        if line.startswith("## "):
            kind = None
            continue
        if line.startswith("### "):
            title = line[4:].strip()
            group = "" if title == "(root)" else title.strip("`")
            header = None
            if group:
                sections[kind].append(Entry("group", None, group, None, f"data-format.md:{number}"))
            continue
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells[0]
            continue
        if set(cells[0]) <= set("-: "):
            continue
        m = re.fullmatch(r"`([^`]+)`", cells[0])
        check(m is not None, f"data-format.md:{number}: first cell is not a `name`: {cells[0]}")
        if m:
            units = cells[2] if header == "variable" and len(cells) > 2 else None
            entry = Entry(header, group if header in ("attribute", "variable") else None, m.group(1), units,
                          f"data-format.md:{number}")
            role = re.match(r"role `(\w+)`", cells[-1]) if header == "variable" else None
            entry.role = role.group(1) if role else None
            sections[kind].append(entry)
    return sections


def find(entries, table, group, name, covering=False, role=None):
    """The entry of `table` in `group` (None: any) naming `name`, an exact name before a pattern; or None."""
    candidates = [e for e in entries if e.table == table and (e.role is None or e.role == role) and
                  (group is None or (e.group is not None and Entry("", None, e.group, None, "").exact.match(group)))]
    for e in sorted(candidates, key=lambda e: not e.literal):
        if (e.covering if covering else e.exact).match(name):
            return e
    return None


def walk_hdf5(path, entries, kind):
    with h5py.File(path, "r") as f:
        groups = {"": f}
        f.visititems(lambda name, obj: groups.__setitem__(name, obj) if isinstance(obj, h5py.Group) else None)
        for name, g in groups.items():
            if name:
                e = find(entries, "group", None, name)
                check(e is not None, f"{path.name} ({kind}): group '{name}' is not in docs/data-format.md")
                if e:
                    e.seen = True
            for attribute in g.attrs:
                e = find(entries, "attribute", name, attribute)
                check(e is not None, f"{path.name} ({kind}): attribute '{attribute}' of group '{name or '/'}' "
                                     "is not in docs/data-format.md")
                if e:
                    e.seen = True
            for child, obj in g.items():
                if not isinstance(obj, h5py.Dataset):
                    continue
                role = obj.attrs.get("role")
                e = find(entries, "variable", name, child, role=role.decode() if isinstance(role, bytes) else role)
                where = f"{path.name} ({kind}): variable '{name}/{child}'"
                check(e is not None, f"{where} is not in docs/data-format.md")
                if not e:
                    continue
                e.seen = True
                units = obj.attrs.get("units")
                if isinstance(units, bytes):
                    units = units.decode()
                if e.units == "—":
                    check(units is None, f"{where}: the document says no units, the file has '{units}'")
                elif e.units and re.fullmatch(r"`[^`]+`", e.units):
                    check(units == e.units.strip("`"), f"{where}: units '{units}', the document says {e.units}")


def flatten(value, prefix=""):
    """Leaf paths of a JSON value: objects by '.', list elements as '[]'."""
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from flatten(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(value, list) and value and isinstance(value[0], (dict, list)):
        for v in value:
            yield from flatten(v, prefix + "[]")
    else:
        yield prefix


def walk_json(path, entries, kind):
    for key in sorted(set(flatten(json.loads(path.read_text())))):
        e = find(entries, "key", None, key, covering=True)
        check(e is not None, f"{path} ({kind}): key '{key}' is not in docs/data-format.md")
        if e:
            e.seen = True


def walk_files(paths, entries, kind, table="file"):
    for prefix, directory in paths:
        for p in sorted(directory.rglob("*")):
            if p.is_dir():
                continue
            name = prefix + str(p.relative_to(directory))
            e = find(entries, table, None, name, covering=True)
            check(e is not None, f"{kind}: file '{name}' ({directory}) is not in docs/data-format.md")
            if e:
                e.seen = True


sections = parse(DOC)
expected_kinds = {"files", "results-dispersion", "results-line", "summary-dispersion", "summary-line", "study",
                  "surrogate-study", "predictions", "analysis", "analysis-json", "model-json", "vtk"}
check(set(sections) == expected_kinds, f"sections of data-format.md: {sorted(sections)}, want {sorted(expected_kinds)}")

with tempfile.TemporaryDirectory() as tmp:
    try:
        out = example_outputs.make(twinlab, source_dir, pathlib.Path(tmp),
                                   ["stack", "site", "met", "compliance", "line", "study", "analysis", "predictions",
                                    "field_predictions", "screen", "design"])
    except RuntimeError as e:
        print(e)
        sys.exit(1)
    runs = [out[k] for k in ("stack", "site", "met", "compliance")]
    hdf5 = {"results-dispersion": [r / "results.h5" for r in runs], "results-line": [out["line"] / "results.h5"],
            "study": [out["study"] / "study.h5"], "surrogate-study": [out["screen"] / "surrogate_study.h5"],
            "predictions": [out["predictions"], out["field_predictions"]],
            "analysis": [out["analysis"] / "analysis.h5"]}
    jsons = {"summary-dispersion": [r / "summary.json" for r in runs], "summary-line": [out["line"] / "summary.json"],
             "analysis-json": [out["analysis"] / "analysis.json"],
             "model-json": [out["model"] / "model.json", out["field_model"] / "model.json",
                            out["field_model"] / "coefficients" / "model.json"]}
    for kind, files in hdf5.items():
        for f in files:
            walk_hdf5(f, sections.get(kind, []), kind)
    for kind, files in jsons.items():
        for f in files:
            walk_json(f, sections.get(kind, []), kind)
    walk_files([("run/", out[k]) for k in ("stack", "site", "met", "compliance", "line")] +
               [("sweep/", out["study"]), ("sweep/", out["design"]), ("analysis/", out["analysis"]),
                ("model/", out["model"]), ("model/", out["field_model"]), ("screen/", out["screen"])],
               sections.get("files", []), "files")
    walk_files([("", out[k] / "vtk") for k in ("stack", "site", "met", "line")], sections.get("vtk", []), "vtk")

for kind, entries in sections.items():
    for e in entries:
        check(e.seen, f"{e.where}: '{e.name}' ({kind}, {e.table}{', group ' + e.group if e.group else ''}) "
                      "is in none of the files the examples wrote")

count = sum(len(v) for v in sections.values())
finish(f"data format: {count} names of docs/data-format.md checked both ways against the files of 11 example outputs")
