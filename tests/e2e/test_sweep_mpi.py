"""End to end: a two-rank MPI sweep (Debian's OpenMPI) writes the same table as one process.

Usage: test_sweep_mpi.py TWINLAB_BINARY SOURCE_DIR
Runs as root in CI: OpenMPI then needs OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM); two ranks on a loaded two-core
machine need --oversubscribe.
"""
import csv
import io
import os
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

finish("mpi sweep: two ranks, the same table as one process")
