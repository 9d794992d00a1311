"""End to end: line settings the model ignores are reported as warnings at file:line:col and key.

Usage: test_line_input_warnings.py TWINLAB_BINARY SOURCE_DIR
A station fed by the unlimited source has no input buffer, so its buffer_capacity (or buffer_unlimited) is
ignored: `validate` and `run` accept the scenario (exit 0) and warn once, naming the key's place. The
examples, and a resolved scenario (which spells out every default), give no warning.
"""
import pathlib
import re
import tempfile

from e2e_support import check, finish, run, source_dir

SCENARIO = """\
twin: production_line
name: warned
line:
  run: {horizon_s: 3600, replications: 2}
  stations:
    - name: a
      buffer_capacity: 3
      next: [{station: b}]
    - name: b
      buffer_capacity: 2
"""


def warnings(stderr):
    # The warm-up check (MSER-5) rightly warns about a line that starts empty with no warm-up; it is tested
    # in test_run_line_statistics.cpp, not here.
    return [l for l in stderr.splitlines() if "warning" in l and "MSER-5" not in l]


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    path = tmp / "warned.yaml"
    path.write_text(SCENARIO)
    line_no = SCENARIO.splitlines().index("      buffer_capacity: 3") + 1
    column = len("      buffer_capacity: ") + 1
    for command in (["validate", str(path)], ["run", str(path), "-o", str(tmp / "out")]):
        r = run(*command)
        check(r.returncode == 0, f"{command[0]}: exit {r.returncode}, want 0")
        found = warnings(r.stderr)
        check(len(found) == 1, f"{command[0]}: want one warning, got {found!r}")
        m = re.search(r"(\S+):(\d+):(\d+): (\S+): (.*)$", found[0]) if found else None
        check(m is not None, f"{command[0]}: warning lacks file:line:col: key: {found!r}")
        if m:
            check(m.group(1) == str(path), f"names file {m.group(1)!r}")
            check((int(m.group(2)), int(m.group(3))) == (line_no, column),
                  f"at {m.group(2)}:{m.group(3)}, want {line_no}:{column}")
            check(m.group(4) == "line.stations[0].buffer_capacity", f"key {m.group(4)!r}")
            check("ignored" in m.group(5) and "unlimited source" in m.group(5) and "(got 3)" in m.group(5),
                  f"message {m.group(5)!r}")

    # buffer_unlimited on a fed station, set from the command line, is reported at --set.
    r = run("validate", str(path), "--set", "line.stations[0].buffer_unlimited=true")
    found = warnings(r.stderr)
    check(r.returncode == 0 and len(found) == 1 and "--set line.stations[0].buffer_unlimited=true: line.stations[0].buffer_unlimited: ignored" in found[0],
          f"buffer_unlimited via --set: {r.returncode} {found!r}")

    # With an arrival process the fed station does have a buffer: no warning.
    r = run("validate", str(path), "--set", "line.source.kind=arrivals")
    check(r.returncode == 0 and not warnings(r.stderr), f"arrivals: {warnings(r.stderr)!r}")

    # The examples are clean, and so is a resolved scenario (every default spelled out) validated again
    # (machining_line's resolved text, re-run from results.h5, is checked by test_line_rerun.py).
    for name in ("machining_line", "assembly_cell"):
        example = source_dir / "scenarios" / "examples" / f"{name}.yaml"
        r = run("validate", str(example))
        check(r.returncode == 0 and not warnings(r.stderr), f"{name}: warnings {warnings(r.stderr)!r}")
        if name == "assembly_cell":
            resolved = tmp / f"{name}_resolved.yaml"
            resolved.write_text(r.stdout)
            r = run("validate", str(resolved))
            check(r.returncode == 0 and not warnings(r.stderr), f"{name} resolved: {r.returncode} {r.stderr!r}")

finish("line input warnings: ignored buffer settings warned at file:line:col and key; examples clean")
