"""End to end: the scenario stored in a line run's results.h5 re-runs anywhere and gives the same KPIs.

Usage: test_line_rerun.py TWINLAB_BINARY SOURCE_DIR
machining_line reads its inspection times from a CSV file next to the scenario. The recipe
`twinlab info --scenario results.h5 > again.yaml && twinlab run again.yaml` is followed from another
working directory: the stored scenario carries the CSV's values inline (with the file's SHA-256 in
values_from), and the re-run's KPIs equal the first run's exactly (same scenario, same seed).
"""
import hashlib
import json
import pathlib
import subprocess
import tempfile

from e2e_support import check, finish, source_dir, twinlab

binary = str(pathlib.Path(twinlab).resolve()) if "/" in twinlab else twinlab  # runs from other directories
example = (source_dir / "scenarios" / "examples" / "machining_line.yaml").resolve()
csv = (source_dir / "scenarios" / "examples" / "data" / "inspection_times.csv").resolve()


def run(*args, cwd):
    r = subprocess.run([binary, *args], capture_output=True, text=True, timeout=600, cwd=cwd)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
    return r


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    first, elsewhere = tmp / "first", tmp / "elsewhere"
    first.mkdir()
    elsewhere.mkdir()
    # Fewer, shorter replications than the example's: the recipe is what is tested, not the figures.
    fewer = ["--set", "line.run.replications=3", "--set", "line.run.horizon_s=172800"]
    r = run("run", str(example), "-o", "out", *fewer, cwd=first)
    check(r.returncode == 0, "first run")

    r = run("info", str(first / "out" / "results.h5"), "--scenario", cwd=first)
    check(r.returncode == 0, "info --scenario")
    stored = r.stdout
    (first / "again.yaml").write_text(stored)
    check("csv:" not in stored, "the stored scenario names no CSV file to read")
    digest = hashlib.sha256(csv.read_bytes()).hexdigest()
    check(f"sha256 {digest}" in stored, f"the stored scenario records the CSV's SHA-256 {digest}")
    check(str(csv.resolve()) in stored, "the stored scenario records where the CSV was read from")

    # Re-run from another working directory, the stored file copied there (the CSV is not).
    (elsewhere / "again.yaml").write_text(stored)
    r = run("run", "again.yaml", "-o", "out", cwd=elsewhere)
    check(r.returncode == 0, f"re-run of the stored scenario from another directory: {r.stderr!r}")
    check("warning" not in r.stderr, f"re-run warns: {r.stderr!r}")

    a, b = ({} if not p.exists() else json.loads(p.read_text())
            for p in (first / "out" / "summary.json", elsewhere / "out" / "summary.json"))
    check(a != {} and b != {}, "both runs wrote summary.json")
    check(a.get("seed") == b.get("seed") and a.get("replications") == b.get("replications") == 3,
          "same seed and replications")
    check(a.get("kpis") == b.get("kpis"), "identical line KPIs (means and half-widths)")
    check(a.get("stations") == b.get("stations"), "identical station KPIs")

    # The stored scenario of the re-run is the same text again (a fixed point), apart from the CSV's origin.
    r = run("info", str(elsewhere / "out" / "results.h5"), "--scenario", cwd=elsewhere)
    check(r.returncode == 0 and r.stdout == stored, "the re-run stores the same scenario")

finish("line re-run: stored scenario carries the CSV data; KPIs identical from another directory")
