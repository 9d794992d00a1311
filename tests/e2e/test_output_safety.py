"""End to end: twinlab never destroys what it did not write.

Usage: test_output_safety.py TWINLAB_BINARY SOURCE_DIR
`-o DIR` replaces DIR only when it is an earlier twinlab output (it holds the .twinlab-output marker) or
empty; any other directory is refused (exit 2) unless --overwrite, which writes twinlab's files into it and
keeps the rest. The scenario's `name:` is a plain name, never a path: '', '/abs', '../x' are refused.
"""
import os
import pathlib
import re
import subprocess
import tempfile

from e2e_support import check, finish, run, source_dir, twinlab

example = source_dir / "scenarios" / "examples" / "urban_plume.yaml"  # plume only: a fraction of a second


def tree(root):
    return sorted(str(p.relative_to(root)) for p in pathlib.Path(root).rglob("*"))


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)

    # A user's directory: refused, every file kept, no staging leftovers beside it.
    mine = tmp / "mydata"
    (mine / "sub").mkdir(parents=True)
    (mine / "keep.txt").write_text("precious")
    (mine / "sub" / "photo.txt").write_text("also precious")
    before = tree(mine)
    r = subprocess.run([twinlab, "run", str(example), "-o", str(mine)], capture_output=True, text=True, timeout=300)
    check(r.returncode == 2, f"foreign -o: exit {r.returncode}, want 2; {r.stderr!r}")
    check("did not write" in r.stderr and "--overwrite" in r.stderr, f"foreign -o message: {r.stderr!r}")
    check(len(r.stderr.strip().splitlines()) == 1, f"foreign -o: one line, got {r.stderr!r}")
    check(tree(mine) == before and (mine / "keep.txt").read_text() == "precious", "foreign directory changed")
    check(sorted(p.name for p in tmp.iterdir()) == ["mydata"], f"leftovers: {sorted(p.name for p in tmp.iterdir())}")

    # --overwrite: twinlab's files land in it, the user's stay, and it does not become twinlab's.
    r = run("run", str(example), "-o", str(mine), "--overwrite")
    check(r.returncode == 0, f"--overwrite: exit {r.returncode}")
    check((mine / "keep.txt").read_text() == "precious", "--overwrite lost keep.txt")
    check((mine / "sub" / "photo.txt").read_text() == "also precious", "--overwrite lost sub/photo.txt")
    check((mine / "results.h5").is_file() and (mine / "summary.json").is_file(), "--overwrite wrote no results")
    check(not (mine / ".twinlab-output").exists(), "--overwrite marked a user's directory as twinlab's")

    # twinlab's own output: marked, and replaced whole by the next run into it.
    ours = tmp / "ours"
    check(run("run", str(example), "-o", str(ours)).returncode == 0, "first run")
    check((ours / ".twinlab-output").is_file(), "output directory carries the marker")
    (ours / "stale.txt").write_text("from the first run")
    check(run("run", str(example), "-o", str(ours)).returncode == 0, "second run into twinlab's directory")
    check(not (ours / "stale.txt").exists(), "twinlab's own directory is replaced whole")

    # An empty directory holds nothing to lose.
    (tmp / "empty").mkdir()
    check(run("run", str(example), "-o", str(tmp / "empty")).returncode == 0, "empty directory accepted")

    # name: is a name. Run from a directory whose out/ holds another run's results.
    work = tmp / "work"
    (work / "out" / "other").mkdir(parents=True)
    (work / "out" / "other" / "results.h5").write_text("another run")
    (tmp / "victim").mkdir()
    (tmp / "victim" / "data.txt").write_text("not twinlab's")
    text = example.read_text()
    for bad in ["''", str(tmp / "victim"), "../../victim", "a/b", "..", ".hidden"]:
        scenario = work / "bad_name.yaml"
        scenario.write_text(re.sub(r"^name: .*$", "name: " + bad, text, count=1, flags=re.M))
        line = next(i + 1 for i, l in enumerate(scenario.read_text().splitlines()) if l.startswith("name:"))
        r = subprocess.run([twinlab, "run", str(scenario)], capture_output=True, text=True, timeout=300, cwd=work)
        check(r.returncode == 2, f"name {bad}: exit {r.returncode}, want 2; {r.stderr!r}")
        check(re.search(rf"bad_name.yaml:{line}:\d+: name: must be a name", r.stderr) is not None,
              f"name {bad}: message {r.stderr!r}")
        r = subprocess.run([twinlab, "run", str(example), "--set", "name=" + bad], capture_output=True, text=True,
                           timeout=300, cwd=work)
        check(r.returncode == 2 and f"--set name={bad}: name:" in r.stderr, f"--set name={bad}: {r.returncode} {r.stderr!r}")
    check(tree(work / "out") == ["other", "other/results.h5"], f"out/ changed: {tree(work / 'out')}")
    check((tmp / "victim" / "data.txt").read_text() == "not twinlab's", "a directory outside out/ was touched")

    # A plain name goes to out/NAME.
    r = subprocess.run([twinlab, "run", str(example), "--set", "name=urban-2.b"], capture_output=True, text=True,
                       timeout=300, cwd=work)
    check(r.returncode == 0 and (work / "out" / "urban-2.b" / "results.h5").is_file(), f"plain name: {r.stderr!r}")

finish("output safety: foreign directories refused or merged with --overwrite, names never paths")
