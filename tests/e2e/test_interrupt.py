"""End to end: Ctrl-C (SIGINT) and SIGTERM stop twinlab cleanly.

Usage: test_interrupt.py TWINLAB_BINARY SOURCE_DIR
Mid-run, mid-sweep and mid-compare: exit 130 / 143, one line on stderr naming what was interrupted, no hidden
staging directory or temporary file left, the earlier output untouched; an interrupted sweep's journal stays
valid and `--resume` completes it.
"""
import json
import pathlib
import signal
import subprocess
import tempfile
import time

from e2e_support import check, finish, run, source_dir, twinlab

examples = (source_dir / "scenarios" / "examples").resolve()


def long_line(tmp, factor):
    """The machining line on a horizon `factor` times longer (data paths made absolute)."""
    path = tmp / f"long_line_{factor}.yaml"
    path.write_text((examples / "machining_line.yaml").read_text()
                    .replace("horizon_s: 432000", f"horizon_s: {432000 * factor}")
                    .replace("csv: data/", f"csv: {examples / 'data'}/"))
    return path


def hidden_leftovers(directory):
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".") and
                  (".partial-" in p.name or ".tmp-" in p.name))


def wait_for(condition, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def interrupt(args, sig, ready, settle=0.3):
    """Starts twinlab, waits until ready() (then a little more), sends sig; returns (exit code, stderr)."""
    p = subprocess.Popen([twinlab, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = wait_for(lambda: ready() or p.poll() is not None)
    time.sleep(settle)
    running = p.poll() is None
    p.send_signal(sig)
    out, err = p.communicate(timeout=120)
    check(started and running, f"{' '.join(args)}: still running when {sig.name} was sent ({err[-300:]})")
    return p.returncode, err


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    scenario = long_line(tmp, 2000)  # a minute or more of work: certainly still running when the signal comes

    # An earlier, complete output in the same place must survive the interruption untouched.
    out = tmp / "line"
    r = run("-q", "run", str(examples / "machining_line.yaml"), "-o", str(out), "--set", "line.run.replications=2")
    check(r.returncode == 0, "earlier run")
    before = (out / "results.h5").read_bytes()

    for sig, status in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        code, err = interrupt(["run", str(scenario), "-o", str(out)], sig, lambda: hidden_leftovers(tmp) != [])
        check(code == status, f"run + {sig.name}: exit {code}, expected {status}: {err[-300:]}")
        lines = [l for l in err.splitlines() if "interrupted" in l]
        check(len(lines) == 1 and f"interrupted by {sig.name}" in lines[0] and "machining_line" in lines[0]
              and "removed its unfinished output" in lines[0], f"run + {sig.name}: message {err[-400:]!r}")
        check(hidden_leftovers(tmp) == [], f"run + {sig.name}: leftovers {hidden_leftovers(tmp)}")
        check((out / "results.h5").read_bytes() == before, f"run + {sig.name}: the earlier results untouched")

    # compare: two long runs (its staging directory comes after them), interrupted in the middle of the first.
    code, err = interrupt(["compare", str(scenario), "--variant", "more", "--set", "line.run.replications=11",
                           "-o", str(tmp / "cmp")], signal.SIGTERM, lambda: True, settle=2.0)
    check(code == 143 and "interrupted by SIGTERM" in err, f"compare + SIGTERM: {code} {err[-300:]}")
    check(hidden_leftovers(tmp) == [] and not (tmp / "cmp").exists(), "compare: nothing left")

    # sweep: interrupted after a few runs; the journal stays valid and --resume completes it.
    study = tmp / "slow.yaml"
    study.write_text((examples / "studies" / "line_buffers.yaml").read_text()
                     .replace("scenario: ../machining_line.yaml", f"scenario: {long_line(tmp, 10)}"))
    sweep_dir = tmp / "sweep"
    journal = sweep_dir / "journal.jsonl"
    runs_done = lambda: journal.exists() and journal.read_text().count('"type":"run"')
    for sig, status in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        done_before = runs_done() or 0
        args = ["sweep", str(study), "-o", str(sweep_dir), "-j", "2"] + (["--resume"] if done_before else [])
        code, err = interrupt(args, sig, lambda: (runs_done() or 0) >= done_before + 3, settle=0.1)
        check(code == status, f"sweep + {sig.name}: exit {code}: {err[-300:]}")
        check("interrupted by " + sig.name in err and "--resume" in err, f"sweep + {sig.name}: message {err[-300:]!r}")
        text = journal.read_text()
        check(text.endswith("\n"), f"sweep + {sig.name}: the journal ends with a whole line")
        try:
            records = [json.loads(l) for l in text.splitlines()]
        except ValueError as e:
            records = []
            check(False, f"sweep + {sig.name}: journal line not JSON: {e}")
        check(0 < sum(r.get("type") == "run" for r in records) < 24, f"sweep + {sig.name}: stopped mid-sweep")
        check(not (sweep_dir / "study.h5").exists(), f"sweep + {sig.name}: no study.h5 that looks whole")
        check(hidden_leftovers(sweep_dir) == [], f"sweep + {sig.name}: leftovers {hidden_leftovers(sweep_dir)}")
    r = run("-q", "sweep", str(study), "-o", str(sweep_dir), "--resume", "-j", "2")
    check(r.returncode == 0, f"resume after interruptions: {r.returncode} {r.stderr[-300:]}")
    runs = [json.loads(l)["run"] for l in journal.read_text().splitlines() if '"type":"run"' in l]
    check(sorted(runs) == list(range(24)), f"every run exactly once after resume: {sorted(runs)}")

finish("interrupt: run, compare and sweep stop on SIGINT/SIGTERM with 130/143, one line, nothing unfinished left; "
       "sweep resumes")
