"""End to end: every shell, Python and YAML snippet in README.md and docs/*.md runs as written.

Usage: test_doc_snippets.py TWINLAB_BINARY SOURCE_DIR
Each document's snippets run in order in a fresh sandbox (so a Python cell can read what an earlier shell
snippet wrote), with `twinlab` on PATH, `./build/twinlab` and `scenarios/` linked in:
  ```sh / ```bash   run by bash -euo pipefail;
  ```python          run by Debian's /usr/bin/python3 (matplotlib with the Agg backend: no display);
  ```yaml            a scenario: `twinlab validate` must accept it; a study file (top-level `sampler:`):
                     `twinlab sweep --design-only` must accept it;
  untagged ```       not code (a synopsis): not run.
A snippet right after `<!-- doc-test: skip REASON -->` is not run (the reason is printed); one right after
`<!-- doc-test: file NAME -->` is saved as NAME in the sandbox for later snippets (and validated if YAML).
"""
import os
import pathlib
import re
import subprocess
import tempfile

from e2e_support import check, finish, source_dir, twinlab

FENCE = re.compile(r"^```(\w*)\s*$")
DIRECTIVE = re.compile(r"^<!-- doc-test: (skip|file) (.+?) -->\s*$")


def snippets(path):
    """(line, language, text, directive, argument) of every fenced block."""
    lines = path.read_text().splitlines()
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, language = i, m.group(1)
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        previous = next((lines[k] for k in range(start - 1, -1, -1) if lines[k].strip()), "")
        d = DIRECTIVE.match(previous)
        out.append((start + 1, language, "\n".join(lines[start + 1:j]) + "\n", d.group(1) if d else None,
                    d.group(2) if d else None))
        i = j + 1
    return out


def sandbox(root):
    (root / "build").mkdir()
    (root / "build" / "twinlab").symlink_to(pathlib.Path(twinlab).resolve())
    (root / "scenarios").symlink_to((source_dir / "scenarios").resolve())
    env = dict(os.environ, PATH=f"{root / 'build'}:{os.environ.get('PATH', '/usr/bin:/bin')}", MPLBACKEND="Agg")
    return env


documents = [source_dir / "README.md"] + sorted((source_dir / "docs").glob("*.md"))
ran = skipped = 0
for doc in documents:
    name = doc.relative_to(source_dir)
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        env = sandbox(root)
        for line, language, text, directive, argument in snippets(doc):
            where = f"{name}:{line}"
            if directive == "skip":
                skipped += 1
                print(f"not run: {where} ({argument})")
                continue
            if language not in ("sh", "bash", "python", "yaml"):
                continue
            if directive == "file":
                (root / argument).write_text(text)
            if language in ("sh", "bash"):
                command = ["bash", "-euo", "pipefail", "-c", text]
            elif language == "python":
                command = ["/usr/bin/python3", "-c", text]
            else:
                scenario = root / (argument if directive == "file" else "snippet.yaml")
                scenario.write_text(text)
                if re.search(r"^sampler:", text, re.M):
                    command = [twinlab, "-q", "sweep", str(scenario), "--design-only", "-o", str(root / "design")]
                else:
                    command = [twinlab, "validate", str(scenario)]
            r = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600)
            ran += 1
            check(r.returncode == 0, f"{where} ({language}) exit {r.returncode}:\n{text}{r.stdout[-2000:]}{r.stderr[-2000:]}")

check(ran >= 10, f"at least ten snippets run (ran {ran})")
finish(f"doc snippets: {ran} run, {skipped} not run (reasons above), in {len(documents)} documents")
