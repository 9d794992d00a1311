"""End to end: input a new user, a typo or a hostile file gives is refused quickly with exit 2 and one
escaped line naming the place (issue #20, "Found when tried as a new user would"): files that are not
regular or too large, YAML aliases that expand without bound, a second document, --set and --seed values
that used to be read silently, decimal commas in CSV columns, control characters in messages.

Usage: test_hostile_input.py TWINLAB_BINARY SOURCE_DIR
"""
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from e2e_support import check, failures, finish, source_dir, twinlab  # noqa: E402

example = source_dir / "scenarios" / "examples" / "industrial_stack.yaml"
line_example = source_dir / "scenarios" / "examples" / "machining_line.yaml"


def twinlab_run(*args, timeout=60):
    try:
        return subprocess.run([twinlab, *args], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


def refused(args, fragment, what, timeout=60, lines=1):
    """twinlab ARGS must exit 2 within timeout with `lines` stderr lines holding fragment, no raw control byte."""
    r = twinlab_run(*args, timeout=timeout)
    if r is None:
        check(False, f"{what}: still running after {timeout} s")
        return ""
    err = r.stderr.decode("utf-8", "replace")
    check(r.returncode == 2, f"{what}: exit {r.returncode}, want 2; stderr={err!r}")
    check(fragment in err, f"{what}: want {fragment!r} in {err!r}")
    check(len(err.strip().splitlines()) == lines, f"{what}: want {lines} stderr lines, got {err!r}")
    check(not any(b < 0x20 and b != 0x0a or b == 0x7f for b in r.stderr), f"{what}: raw control byte in {err!r}")
    return err


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)

    # Files that are not regular, or too large: refused before they are read.
    refused(["validate", "/dev/zero"], "/dev/zero: is not a regular file", "/dev/zero", timeout=30)
    fifo = tmp / "pipe.yaml"
    os.mkfifo(fifo)
    refused(["validate", str(fifo)], "pipe.yaml: is not a regular file", "a FIFO", timeout=30)
    big = tmp / "big.yaml"
    with open(big, "wb") as f:
        f.write(b"twin: dispersion\n")
        f.truncate(65 << 20)  # sparse
    refused(["validate", str(big)], "is 65.0 MiB, more than the 64 MiB a scenario file may have", "65 MiB file")

    # A billion laughs of ~90 KB (before: 2.8 GB and 33 s; at 445 KB std::bad_alloc, exit 1 with no file name).
    bomb = tmp / "laughs.yaml"
    text = "twin: dispersion\nx:\n  a0: &a0 [" + ", ".join(["lol"] * 1000) + "]\n"
    for k in range(1, 40):
        text += f"  a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 600) + "]\n"
    bomb.write_text(text)
    check(len(text) > 80000, f"the alias file is {len(text)} bytes")
    refused(["validate", str(bomb)], f"{bomb}:4:", "alias expansion", timeout=30)

    # --set and --seed values that used to be read without a word.
    good = str(example)
    refused(["validate", good, "--set", "dispersion.eulerian="],
            "--set dispersion.eulerian=: dispersion.eulerian: empty value", "--set KEY= (empty)")
    refused(["validate", good, "--set", "dispersion.eulerian.enabled= "], "empty value", "--set KEY=' '")
    refused(["validate", good, "--set", "dispersion.sources[18446744073709551616].height_m=1"],
            "dispersion.sources has no item 18446744073709551616 (it has 2, counted from 0)", "index 2^64")
    out = tmp / "seeded"
    for seed in ["-1", "18446744073709551615", "9223372036854775808", "1e3", "0x10"]:
        # A usage error of the command line: CLI11's line, then its "Run with --help for more information."
        refused(["run", good, "--seed", seed, "-o", str(out)], f"--seed: must be a whole number from 0 to "
                f"9223372036854775807 (got {seed})", f"--seed {seed}", lines=2)
    check(not out.exists(), "a refused --seed wrote its output directory")
    r = twinlab_run("-q", "run", good, "--seed", "010", "-o", str(out), "--set", "dispersion.eulerian.enabled=false")
    check(r is not None and r.returncode == 0, "run --seed 010")
    import h5py
    with h5py.File(out / "results.h5") as f:
        check(int(f.attrs["seed"]) == 10, f"--seed 010 is seed {f.attrs['seed']}, want 10 (decimal, not octal)")
    refused(["validate", good, "--set", "dispersion.wind.speed=-1"],
            "twinlab: error: --set dispersion.wind.speed=-1: dispersion.wind: unknown key", "--set blamed")

    # Control characters from the input never reach the terminal raw.
    err = refused(["validate", good, "--set", "name=\x1b[31mred\nline"], "name: must be a name", "ESC in --set")
    check("\\x1b[31mred" in err, f"escaped value in {err!r}")

    # A decimal comma in a CSV column: refused at the row, not read as its integer part.
    for name, body, fragment in [
        ("unquoted.csv", "id,time_s\n1,30\n2,35,1\n", "unquoted.csv:3: time_s: the row has 3 cells but the header 2"),
        ("quoted.csv", 'id,time_s\n1,30\n2,"35,1"\n', "quoted.csv:3:2: time_s: not a number: '35,1' has a decimal "
                                                    "comma; write 35.1"),
    ]:
        (tmp / name).write_text(body)
        scenario = tmp / f"line_{name}.yaml"
        scenario.write_text("twin: production_line\nline:\n  stations:\n    - name: a\n      processing_time: "
                            f"{{distribution: empirical, csv: {name}, column: time_s}}\n")
        refused(["validate", str(scenario)], fragment, f"decimal comma in {name}")

    # A run that cannot fit the memory available is refused before it starts, at its key, with the estimate
    # and the figure available (here the address-space limit, so the test does not depend on the machine):
    # 100 x 100 x 50 cells with 601 stored fields need at least 2.3 GiB; the limit is 1.5 GiB.
    import resource

    def limit_address_space():
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))

    grid = tmp / "grid"
    r = subprocess.run([twinlab, "run", good, "-o", str(grid), "--set", "dispersion.eulerian.nx=100",
                        "--set", "dispersion.eulerian.ny=100", "--set", "dispersion.eulerian.nz=50",
                        "--set", "dispersion.eulerian.duration_s=36000", "--set", "dispersion.eulerian.output_interval_s=60"],
                       capture_output=True, timeout=60, preexec_fn=limit_address_space)
    err = r.stderr.decode("utf-8", "replace")
    check(r.returncode == 2, f"grid under ulimit -v: exit {r.returncode}, want 2; {err!r}")
    check("dispersion.eulerian: the run needs at least 2.3 GiB of memory (Eulerian grid 100 x 100 x 50 cells x "
          "(601 stored fields + 3 working copies) x 8 B" in err, f"grid under ulimit -v: {err!r}")
    # (a machine with less than 1.5 GiB free names MemAvailable instead)
    check("but 1.5 GiB are available (the address-space limit, ulimit -v)" in err or "(MemAvailable in" in err,
          f"available in {err!r}")
    check(not grid.exists(), "a refused run wrote its output directory")

finish("hostile input: refused quickly, located, escaped")
