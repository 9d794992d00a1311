"""End to end: malformed scenarios and bad usage give exit 2 and one clear line, and destroy nothing.

Usage: test_bad_input.py TWINLAB_BINARY SOURCE_DIR
Every tests/e2e/bad_scenarios/*.yaml starts with "# expect: <dotted key> <part of the message>".
"""
import pathlib
import re
import subprocess
import sys
import tempfile

twinlab, source_dir = sys.argv[1], pathlib.Path(sys.argv[2])
bad_dir = source_dir / "tests" / "e2e" / "bad_scenarios"
failures = []


def run(*args, cwd=None):
    return subprocess.run([twinlab, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def check(condition, what):
    if not condition:
        failures.append(what)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    files = sorted(bad_dir.glob("*.yaml"))
    check(len(files) >= 10, f"at least ten malformed scenarios (found {len(files)})")
    for path in files:
        expect = path.read_text().splitlines()[0]
        m = re.match(r"# expect: (\S*) (.*)$", expect)
        check(m is not None, f"{path.name}: first line must be '# expect: KEY MESSAGE'")
        if not m:
            continue
        key, message = m.group(1), m.group(2).strip()
        # An earlier run's output directory must survive a failed run untouched.
        out = tmp / path.stem
        out.mkdir()
        (out / "results.h5").write_text("earlier results")
        for command in (["run", str(path), "-o", str(out)], ["validate", str(path)]):
            r = run(*command)
            lines = r.stderr.strip().splitlines()
            check(r.returncode == 2, f"{path.name} {command[0]}: exit {r.returncode}, want 2; stderr={r.stderr!r}")
            check(len(lines) == 1, f"{path.name} {command[0]}: want one stderr line, got {lines!r}")
            line = lines[0] if lines else ""
            loc = re.match(r"twinlab: error: (.+?):(\d+):(\d+): (.*)$", line)
            check(loc is not None, f"{path.name}: message lacks file:line:col: {line!r}")
            if loc:
                check(loc.group(1) == str(path), f"{path.name}: names file {loc.group(1)!r}")
                check(int(loc.group(2)) >= 2, f"{path.name}: line {loc.group(2)} (line 1 is the comment)")
                rest = loc.group(4)
                if key:
                    check(rest.startswith(key + ": "), f"{path.name}: want key {key!r} in {rest!r}")
                check(message in rest, f"{path.name}: want {message!r} in {rest!r}")
            check(r.stdout == "", f"{path.name} {command[0]}: stdout should be empty, got {r.stdout!r}")
        check((out / "results.h5").read_bytes() == b"earlier results", f"{path.name}: earlier output damaged")
        check(sorted(p.name for p in out.iterdir()) == ["results.h5"], f"{path.name}: files added to {out}")
        leftovers = [p.name for p in tmp.iterdir() if p.name.startswith(".")]
        check(not leftovers, f"{path.name}: staging left behind: {leftovers}")

    good = source_dir / "scenarios" / "examples" / "industrial_stack.yaml"
    foreign = tmp / "foreign.h5"  # an HDF5 file that twinlab did not write
    import h5py
    with h5py.File(foreign, "w") as f:
        f["x"] = [1.0, 2.0]
    usage_cases = [
        (["run", "--no-such-flag"], None),
        (["frobnicate"], None),
        (["run", str(tmp / "missing.yaml")], "missing.yaml: cannot open the scenario file"),
        (["run", str(bad_dir)], "bad_scenarios: is a directory, not a scenario file"),
        (["validate", "/dev/null"], "/dev/null: is not a regular file"),
        (["run", str(good), "--set", "dispersion.meteorology.periods[0].wind_speed_m_s=-1"],
         "--set dispersion.meteorology.periods[0].wind_speed_m_s=-1: dispersion.meteorology.periods[0]."
         "wind_speed_m_s: must be number > 0"),
        (["run", str(good), "--set", "dispersion.sources[7].height_m=3"], "--set dispersion.sources[7].height_m=3: dispersion.sources[7].height_m"),
        (["run", str(good), "--set", "novalue"], "expected dotted.key=value"),
        (["run", str(good), "--set", "dispersion.plume.colour=red"], "unknown key"),
        (["info", str(tmp / "nothing.h5")], "nothing.h5"),
        (["info", str(good)], "industrial_stack.yaml"),
        (["run", str(good), "-o", str(good)], "exists and is not a directory"),
        (["info", str(foreign)], "not a twinlab results file"),
    ]
    for args, message in usage_cases:
        r = run(*args, "-o", str(tmp / "usage_out")) if args[0] == "run" and "-o" not in args else run(*args)
        check(r.returncode == 2, f"{args}: exit {r.returncode}, want 2; stderr={r.stderr!r}")
        if message:
            check(message in r.stderr, f"{args}: want {message!r} in {r.stderr!r}")
    check(not (tmp / "usage_out").exists(), "a failed run created its output directory")

    # A runtime failure (the output cannot be written) is exit 1 with the reason.
    r = run("run", str(good), "-o", "/proc/twinlab_cannot_write_here")
    check(r.returncode == 1 and "twinlab: failed: cannot write" in r.stderr, f"runtime failure: {r.returncode} {r.stderr!r}")

if failures:
    print("\n".join("FAIL: " + f for f in failures))
    sys.exit(1)
print(f"bad input: {len(files)} malformed scenarios and {len(usage_cases)} usage errors -> exit 2")
