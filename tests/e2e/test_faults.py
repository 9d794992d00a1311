"""End to end: faults survived. SIGKILL at random points, a full disk, unwritable output, a full stdout.

Usage: test_faults.py TWINLAB_BINARY SOURCE_DIR
- kill -9 at seeded-random moments of a run: the output directory holds the earlier complete results or the
  new complete ones, never a mixture; the stale staging directory is removed (and logged) by the next run,
  which finishes;
- kill -9 at seeded-random moments of a sweep, several times over: every journal line stays whole, --resume
  finishes with every run exactly once and the same table as an uninterrupted sweep;
- a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored so that write() fails with EFBIG, as on a full disk): run
  and sweep exit 1 naming the reason, earlier results untouched, nothing half-written left looking whole;
- an output path that cannot be created (under a regular file; under /proc): exit 1 with the reason;
- stdout on /dev/full: exit 1 with the reason.
"""
import csv
import io
import json
import pathlib
import random
import resource
import signal
import subprocess
import tempfile
import time

from e2e_support import check, finish, run, source_dir, twinlab

examples = (source_dir / "scenarios" / "examples").resolve()
rng = random.Random(2020)


def line_scenario(tmp, factor):
    path = tmp / f"line_{factor}.yaml"
    path.write_text((examples / "machining_line.yaml").read_text()
                    .replace("horizon_s: 432000", f"horizon_s: {int(432000 * factor)}")
                    .replace("csv: data/", f"csv: {examples / 'data'}/"))
    return path


def leftovers(directory):
    return sorted(p.name for p in directory.iterdir() if ".partial-" in p.name or ".tmp-" in p.name)


def limited(max_bytes):
    """preexec_fn: files may not grow past max_bytes; SIGXFSZ ignored, so write() fails with EFBIG."""
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return apply


def table(directory):
    """study.csv without the wall-time column (the only machine-dependent figure)."""
    rows = list(csv.DictReader(io.StringIO((directory / "study.csv").read_text())))
    for r in rows:
        r.pop("wall_time_s")
    return rows


def killed_after(args, seconds):
    p = subprocess.Popen([twinlab, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    p.send_signal(signal.SIGKILL)
    p.wait()
    return p.returncode


def whole_results(directory):
    """The output directory reads back whole: info exits 0 and summary.json parses."""
    r = subprocess.run([twinlab, "info", str(directory / "results.h5")], capture_output=True, text=True)
    try:
        json.loads((directory / "summary.json").read_text())
        summary_ok = True
    except (OSError, ValueError):
        summary_ok = False
    return r.returncode == 0 and summary_ok


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)

    # --- kill -9 during runs ------------------------------------------------------------------------------
    scenario = line_scenario(tmp, 2)
    out = tmp / "line"
    t0 = time.time()
    r = run("-q", "run", str(scenario), "-o", str(out))
    duration = time.time() - t0
    check(r.returncode == 0 and whole_results(out), "first complete run")
    kills = 8
    for k in range(kills):
        when = rng.uniform(0.0, duration * 1.2)
        code = killed_after(["-q", "run", str(scenario), "-o", str(out)], when)
        check(whole_results(out), f"kill -9 after {when:.2f} s (exit {code}): the output still reads whole")
    stale = leftovers(tmp)
    r = run("run", str(scenario), "-o", str(out))  # not quiet: the clean-up is logged at info level
    check(r.returncode == 0 and whole_results(out), "the run after the kills finishes")
    check(leftovers(tmp) == [], f"stale staging directories removed: {leftovers(tmp)}")
    check(all(name in r.stderr for name in stale) and (not stale or "removed the stale staging directory" in r.stderr),
          f"the removal of {stale} is logged: {r.stderr[-500:]}")
    print(f"run: {kills} kill -9 at random moments, {len(stale)} stale staging directories removed by the next run")

    # --- kill -9 during a sweep, several times, then --resume ---------------------------------------------
    study = tmp / "study.yaml"
    study.write_text((examples / "studies" / "line_buffers.yaml").read_text()
                     .replace("scenario: ../machining_line.yaml", f"scenario: {line_scenario(tmp, 3)}"))
    whole, sweep = tmp / "whole", tmp / "sweep"
    t0 = time.time()
    check(run("-q", "sweep", str(study), "-o", str(whole), "-j", "2").returncode == 0, "uninterrupted sweep")
    duration = time.time() - t0
    for k in range(4):
        # A kill before the journal was first written leaves nothing to resume: then the sweep starts afresh.
        resumable = (sweep / "journal.jsonl").exists()
        args = ["-q", "sweep", str(study), "-o", str(sweep), "-j", "2"] + (["--resume"] if resumable else [])
        killed_after(args, rng.uniform(0.2, 0.3) * duration)
        journal = sweep / "journal.jsonl"
        if journal.exists():
            lines = journal.read_text().split("\n")
            # Only the very last line may be torn (the kill hit a write); every other one is whole JSON.
            for line in lines[:-1]:
                try:
                    json.loads(line)
                except ValueError:
                    check(False, f"sweep kill {k}: a journal line before the last is torn: {line[:80]!r}")
    r = run("-q", "sweep", str(study), "-o", str(sweep), "-j", "2",
            *(["--resume"] if (sweep / "journal.jsonl").exists() else []))
    check(r.returncode == 0, f"resume after 4 kills: {r.returncode} {r.stderr[-300:]}")
    runs = [json.loads(l)["run"] for l in (sweep / "journal.jsonl").read_text().splitlines() if '"type":"run"' in l]
    check(sorted(runs) == list(range(24)), f"every run once: {sorted(runs)}")
    check(table(sweep) == table(whole), "the resumed table equals the uninterrupted one")

    # --- a full disk (file-size limit) --------------------------------------------------------------------
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    r = subprocess.run([twinlab, "-q", "run", str(scenario), "-o", str(out)], capture_output=True, text=True,
                       preexec_fn=limited(20_000))
    check(r.returncode == 1 and "File too large" in r.stderr and r.stderr.count("\n") == 1,
          f"run on a full disk: exit {r.returncode} {r.stderr[-300:]!r}")
    check({p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before, "earlier results untouched")
    check(leftovers(tmp) == [], f"nothing half-written left: {leftovers(tmp)}")

    full = tmp / "full_sweep"
    journal_bytes = (whole / "journal.jsonl").stat().st_size  # the disk fills up half-way through the runs
    header_bytes = len((whole / "journal.jsonl").read_text().split("\n", 1)[0])
    r = subprocess.run([twinlab, "-q", "sweep", str(study), "-o", str(full), "-j", "2"], capture_output=True,
                       text=True, preexec_fn=limited((header_bytes + journal_bytes) // 2))
    check(r.returncode == 1 and "File too large" in r.stderr, f"sweep on a full disk: {r.returncode} {r.stderr[-300:]!r}")
    check(not (full / "study.h5").exists() and leftovers(full) == [], "no study.h5, no temporary left")
    text = (full / "journal.jsonl").read_text()
    check(text.endswith("\n") and all(json.loads(l) for l in text.splitlines()), "the journal holds whole lines")
    r = run("-q", "sweep", str(study), "-o", str(full), "-j", "2", "--resume")
    check(r.returncode == 0 and table(full) == table(whole),
          f"--resume with space again completes the same table: {r.returncode} {r.stderr[-300:]}")

    # --- unwritable output ---------------------------------------------------------------------------------
    # (Tests run as root in CI, where chmod stops nothing: a path under a regular file and one under /proc fail
    # for root too.)
    plain = tmp / "plain_file"
    plain.write_text("not a directory\n")
    for target in (plain / "out", pathlib.Path("/proc/twinlab_cannot_write_here/out")):
        r = run("-q", "run", str(scenario), "-o", str(target))
        check(r.returncode == 1 and "cannot" in r.stderr and str(target) in r.stderr and r.stderr.count("\n") == 1,
              f"unwritable {target}: exit {r.returncode} {r.stderr[-300:]!r}")
    check(plain.read_text() == "not a directory\n", "the file in the way is untouched")

    # --- stdout on a full device ---------------------------------------------------------------------------
    with open("/dev/full", "w") as devfull:
        r = subprocess.run([twinlab, "info", "--scenario", str(out / "results.h5")], stdout=devfull,
                           stderr=subprocess.PIPE, text=True)
    check(r.returncode == 1 and "standard output" in r.stderr and "No space left on device" in r.stderr,
          f"info > /dev/full: exit {r.returncode} {r.stderr!r}")
    with open("/dev/full", "w") as devfull:
        r = subprocess.run([twinlab, "schema"], stdout=devfull, stderr=subprocess.PIPE, text=True)
    check(r.returncode == 1 and "No space left on device" in r.stderr, f"schema > /dev/full: {r.returncode}")

finish("faults: kill -9 mid-run and mid-sweep, full disk, unwritable output and full stdout handled")
