#!/usr/bin/env bash
# Regenerates the key references in docs/scenarios.md (each twin) and docs/studies.md (study files) from the
# schemas compiled into build/twinlab (`twinlab schema NAME`). tests/scenarios/test_scenario.cpp fails when stale.
set -euo pipefail
cd "$(dirname "$0")/.."
for entry in docs/scenarios.md:dispersion docs/scenarios.md:production_line docs/scenarios.md:site docs/studies.md:study; do
  doc=${entry%%:*}
  twin=${entry#*:}
  begin="<!-- BEGIN GENERATED: $twin -->"
  end="<!-- END GENERATED: $twin -->"
  grep -qF "$begin" "$doc" || continue
  generated=$(./build/twinlab schema "$twin")
  TWIN_BEGIN="$begin" TWIN_END="$end" GENERATED="$generated" /usr/bin/python3 - "$doc" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path).read()
b, e = os.environ["TWIN_BEGIN"], os.environ["TWIN_END"]
head, rest = text.split(b, 1)
_, tail = rest.split(e, 1)
open(path, "w").write(head + b + "\n" + os.environ["GENERATED"] + "\n" + e + tail)
PY
done
echo "updated docs/scenarios.md docs/studies.md"
