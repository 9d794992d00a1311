#!/usr/bin/env bash
# Regenerates the key reference in docs/scenarios.md from the schema compiled into build/twinlab
# (`twinlab schema TWIN`). tests/scenarios/test_scenario_docs.cpp fails when the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
doc=docs/scenarios.md
for twin in dispersion production_line; do
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
echo "updated $doc"
