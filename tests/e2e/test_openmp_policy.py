"""End to end: `twinlab` waits passively by default, and the user's OpenMP variables win (issue #12).

Usage: test_openmp_policy.py TWINLAB_BINARY SOURCE_DIR
libgomp prints its settings at load when OMP_DISPLAY_ENV=verbose; GOMP_SPINCOUNT is how long a waiting
thread spins (300000 libgomp's default, 0 passive, 30000000000 active). twinlab re-executes itself once to
set the policy, so the last block printed is the one in effect for the run.
"""
import json
import os
import pathlib
import re
import subprocess
import tempfile

from e2e_support import check, finish, source_dir, twinlab

example = source_dir / "scenarios" / "examples" / "assembly_cell.yaml"
shrink = ["--set", "line.run.horizon_s=20000", "--set", "line.run.replications=2", "--set", "line.run.warmup_s=0"]
OMP_VARIABLES = ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OMP_NUM_THREADS", "OMP_DYNAMIC", "OMP_THREAD_LIMIT",
                 "TWINLAB_OPENMP_REEXEC")


def run_with(extra_env, *args):
    """Runs twinlab with the OpenMP variables removed (scripts/test.sh sets one), then `extra_env` added."""
    env = {k: v for k, v in os.environ.items() if k not in OMP_VARIABLES}
    env.update(extra_env, OMP_DISPLAY_ENV="verbose")
    r = subprocess.run([twinlab, *args], capture_output=True, text=True, timeout=300, env=env)
    blocks = r.stderr.count("OPENMP DISPLAY ENVIRONMENT BEGIN")
    spin = re.findall(r"GOMP_SPINCOUNT = '(\d+)'", r.stderr)
    policy = re.findall(r"OMP_WAIT_POLICY = '(\w+)'", r.stderr)
    threads = re.findall(r"OMP_NUM_THREADS = '([\d,]+)'", r.stderr)
    return r, blocks, spin[-1] if spin else None, policy[-1] if policy else None, threads[-1] if threads else None


with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp) / "default"
    # No variable set: one re-execution (two blocks), passive waiting in the run, arguments passed through.
    r, blocks, spin, policy, _ = run_with({}, "-q", "run", str(example), *shrink, "-o", str(out))
    check(r.returncode == 0, f"default run exits 0 (got {r.returncode}: {r.stderr[-300:]})")
    check(spin == "0" and policy == "PASSIVE", f"default: passive waiting, spin count 0 (got {policy}, {spin})")
    check(blocks == 2, f"default: libgomp loaded twice, i.e. re-executed exactly once (got {blocks})")
    summary = out / "summary.json"
    check(summary.exists() and json.loads(summary.read_text())["replications"] == 2,
          "default: the re-executed run kept every argument (--set, -o)")

    # The user's explicit choices are kept, and then twinlab does not re-execute.
    r, blocks, spin, policy, _ = run_with({"OMP_WAIT_POLICY": "active"}, "--version")
    check(r.returncode == 0 and "twinlab" in r.stdout, "--version with OMP_WAIT_POLICY=active")
    check(spin == "30000000000" and policy == "ACTIVE" and blocks == 1,
          f"OMP_WAIT_POLICY=active kept, no re-execution (got {policy}, {spin}, {blocks} blocks)")
    r, blocks, spin, _, _ = run_with({"GOMP_SPINCOUNT": "1234"}, "--version")
    check(spin == "1234" and blocks == 1, f"GOMP_SPINCOUNT=1234 kept (got {spin}, {blocks} blocks)")
    r, blocks, spin, _, threads = run_with({"OMP_NUM_THREADS": "3"}, "--version")
    check(threads == "3" and spin == "0", f"OMP_NUM_THREADS=3 kept beside the passive default (got {threads}, {spin})")
    # A marker already present (as in the re-executed process) never leads to another re-execution.
    r, blocks, spin, _, _ = run_with({"TWINLAB_OPENMP_REEXEC": "1"}, "--version")
    check(r.returncode == 0 and blocks == 1, f"marker set: no re-execution (got {blocks} blocks)")

finish("openmp policy: passive by default, user values kept, one re-execution")
