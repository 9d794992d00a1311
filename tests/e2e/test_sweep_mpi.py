"""End to end: a two-rank MPI sweep (Debian's OpenMPI) writes the same table as one process.

Usage: test_sweep_mpi.py TWINLAB_BINARY SOURCE_DIR
Runs as root in CI: OpenMPI then needs OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM); two ranks on a loaded two-core
machine need --oversubscribe.
"""
import csv
import io
import os
import json
import pathlib
import shutil
import subprocess
import tempfile

from e2e_support import check, finish, run, skip, source_dir, twinlab

mpirun = shutil.which("mpirun")
if mpirun is None:
    skip("mpirun (Debian package openmpi-bin) is not installed")
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
study = (source_dir / "scenarios" / "examples" / "studies" / "line_buffers.yaml").resolve()


def table(directory):
    rows = list(csv.DictReader(io.StringIO((directory / "study.csv").read_text())))
    for r in rows:
        r.pop("wall_time_s")
    return rows


def mpi(*args):
    return subprocess.run([mpirun, "-np", "2", "--oversubscribe", twinlab, *args], capture_output=True, text=True,
                          timeout=600, env=env)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    check(run("-q", "sweep", str(study), "-o", str(tmp / "one")).returncode == 0, "single-process sweep")
    r = mpi("-q", "sweep", str(study), "-o", str(tmp / "mpi"))
    check(r.returncode == 0, f"mpirun -np 2: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    check(r.stdout.count("study line_buffers:") == 1, f"rank 0 alone reports: {r.stdout!r}")
    check(table(tmp / "mpi") == table(tmp / "one"), "two MPI ranks: the same table as one process")
    runs = (tmp / "mpi" / "journal.jsonl").read_text().count('"type":"run"')
    check(runs == 24, f"every run journaled once ({runs})")

    bad = tmp / "bad.yaml"
    bad.write_text(study.read_text().replace("name: lhs", "name: lsh"))
    r = mpi("sweep", str(bad), "-o", str(tmp / "bad_out"))
    check(r.returncode != 0 and r.stderr.count("did you mean 'lhs'") == 1,
          f"bad study under mpirun: one message, non-zero exit: {r.returncode} {r.stderr!r}")
    check(not (tmp / "bad_out").exists(), "nothing written for a bad study")

    # A refusal on rank 0 alone (--resume of a directory without a journal): the worker rank, already waiting
    # for a run, is told to stop; before, rank 0 waited in MPI_Finalize for it and it for rank 0, for ever.
    r = subprocess.run([mpirun, "-np", "2", "--oversubscribe", twinlab, "sweep", str(study), "-o",
                        str(tmp / "nothing"), "--resume"], capture_output=True, text=True, timeout=120, env=env)
    check(r.returncode == 2 and r.stderr.count("holds no sweep journal") == 1,
          f"rank 0's refusal under mpirun: one message, exit 2, no hang: {r.returncode} {r.stderr[-500:]!r}")

    # Rank 0 cannot write its journal half-way (a full disk: a file-size limit, SIGXFSZ ignored so that write()
    # fails with EFBIG). The exception meets rank 0's own worker thread or its manager loop, whichever journals
    # next: either way the sweep stops cleanly (no abort, every rank told to stop): exit 1 with the reason, a
    # journal of whole lines, and --resume with space again completes the table.
    journal_bytes = (tmp / "one" / "journal.jsonl").stat().st_size // 2
    # The limit applies to rank 0 only (mpirun's own files and signal handling would not survive it): a
    # wrapper sets it and execs twinlab, as the first of two app contexts.
    limit = ("import os, resource, signal, sys; "
             f"resource.setrlimit(resource.RLIMIT_FSIZE, ({journal_bytes}, {journal_bytes})); "
             "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); os.execv(sys.argv[1], sys.argv[1:])")
    full = tmp / "full"
    sweep = [twinlab, "-q", "sweep", str(study), "-o", str(full)]
    # btl self,tcp: OpenMPI's shared-memory transport sizes a file, which the limit would refuse.
    r = subprocess.run([mpirun, "--oversubscribe", "--mca", "btl", "self,tcp", "-np", "1", "/usr/bin/python3", "-c",
                        limit, *sweep, ":", "-np", "1", *sweep], capture_output=True, text=True, timeout=600,
                       env=env)
    check(r.returncode == 1 and "twinlab: failed: cannot write the journal" in r.stderr
          and "File too large" in r.stderr and "terminate called" not in r.stderr
          and "exited on signal" not in r.stderr,
          f"rank 0's journal fails: exit 1 with the reason, no abort: {r.returncode}\n{r.stderr[-1500:]}")
    check(not (full / "study.h5").exists(), "no study.h5 after the failure")
    text = (full / "journal.jsonl").read_text() if (full / "journal.jsonl").exists() else ""
    check(text.endswith("\n") and all(json.loads(l) for l in text.splitlines()), f"whole journal lines: {text[-200:]!r}")
    r = mpi("-q", "sweep", str(study), "-o", str(full), "--resume")
    check(r.returncode == 0 and table(full) == table(tmp / "one"),
          f"--resume completes the same table: {r.returncode} {r.stderr[-500:]}")

finish("mpi sweep: two ranks, the same table as one process; a journal failure on rank 0 stops cleanly")
