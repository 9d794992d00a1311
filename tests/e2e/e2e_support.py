"""Shared by the end-to-end scripts: command-line arguments, running twinlab, collecting failures."""
import pathlib
import subprocess
import sys

twinlab, source_dir = sys.argv[1], pathlib.Path(sys.argv[2])
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def run(*args, timeout=600):
    """Runs twinlab; prints its output when it fails, for the CTest log."""
    r = subprocess.run([twinlab, *args], capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
    return r


def finish(success_line):
    if failures:
        print("\n".join("FAIL: " + f for f in failures))
        sys.exit(1)
    print(success_line)


def skip(reason):
    """Ends the script as skipped (a tool it needs is missing): CTest matches the marker and reports a skip."""
    print("twinlab-test-skipped: " + reason)
    sys.exit(0)
