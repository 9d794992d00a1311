"""End to end: a long run shows a progress line with an ETA on a terminal, and nothing under -q or when
stderr is not a terminal.

Usage: test_progress.py TWINLAB_BINARY SOURCE_DIR
A line run of a few seconds (machining_line with a long horizon) runs three times at once: stderr on a
pseudo-terminal, the same with -q after the command's arguments (global options work in any position), and
stderr on a pipe; the built-in default (an Eulerian run of a few seconds) twice, on a terminal and with -q.
"""
import os
import pty
import subprocess
import tempfile

from e2e_support import check, finish, source_dir, twinlab

scenario = source_dir / "scenarios" / "examples" / "machining_line.yaml"
# About 3-7 s on two cores: longer than the 2 s a run stays silent.
longer = ["--set", "line.run.horizon_s=6e7", "--set", "line.run.time_series_interval_s=0"]


def read_all(fd):
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO once the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode(errors="replace")


with tempfile.TemporaryDirectory() as tmp:
    runs = {}
    cases = (("tty", [str(scenario), *longer], True), ("quiet", [str(scenario), *longer, "-q"], True),
             ("pipe", [str(scenario), *longer], False),
             # the built-in default: its Eulerian model runs a few seconds
             ("eulerian_tty", [], True), ("eulerian_quiet", ["-q"], True))
    for name, extra, on_tty in cases:
        args = [twinlab, "run", "-o", f"{tmp}/{name}", *extra]
        if on_tty:
            master, slave = pty.openpty()
            p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, text=True)
            os.close(slave)
        else:
            master = None
            p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        runs[name] = (p, master)
    errs = {}
    for name, (p, master) in runs.items():
        errs[name] = read_all(master) if master is not None else p.stderr.read()
        out = p.stdout.read()
        p.wait(timeout=600)
        if master is not None:
            os.close(master)
        check(p.returncode == 0, f"{name}: exit {p.returncode}: {errs[name][-500:]}")
        check(("throughput" in out or "eulerian" in out) and "\033" not in out,
              f"{name}: the KPI table on stdout, no progress in it")

    check("[production line]" in errs["tty"] and "ETA" in errs["tty"] and "%" in errs["tty"],
          f"tty: progress line with ETA expected, got {errs['tty'][-400:]!r}")
    check("[production line]" not in errs["quiet"], f"-q: no progress, got {errs['quiet'][-400:]!r}")
    check(errs["quiet"].strip() == "", f"-q: nothing on stderr, got {errs['quiet'][-400:]!r}")
    check("[production line]" not in errs["pipe"] and "\r" not in errs["pipe"],
          f"pipe: no progress line, got {errs['pipe'][-400:]!r}")

    check("[eulerian]" in errs["eulerian_tty"] and "ETA" in errs["eulerian_tty"],
          f"eulerian on a tty: progress with ETA expected, got {errs['eulerian_tty'][-400:]!r}")
    check("[eulerian]" not in errs["eulerian_quiet"], f"eulerian -q: no progress, got {errs['eulerian_quiet'][-400:]!r}")

finish("progress: drawn with an ETA on a terminal, silent under -q and on a pipe")
