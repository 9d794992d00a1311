#!/usr/bin/env bash
# Refreshes the seeds taken from the repository's examples (fuzz/corpus/TARGET): every example scenario and
# bad scenario (tests/e2e/bad_scenarios), the example studies, the example CSV column, and two small results
# files written by build/twinlab from the examples. The hand-written seeds beside them stay as they are.
# Usage: bash fuzz/make_corpus.sh   (after scripts/build.sh); commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
cp scenarios/examples/*.yaml "$corpus/scenario/"
for f in tests/e2e/bad_scenarios/*.yaml; do cp "$f" "$corpus/scenario/bad_$(basename "$f")"; done
cp scenarios/examples/studies/*.yaml "$corpus/study_file/"
cp scenarios/examples/data/*.csv "$corpus/csv_column/"
head -5 tests/data/prairie_grass.csv >"$corpus/csv_column/prairie_grass_head.csv"
# Results files: small runs (a 5 x 4 plume grid; two hours of the assembly cell, one replication).
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
./build/twinlab -q run scenarios/examples/urban_plume.yaml -o "$out/u" \
  --set dispersion.plume.grid_nx=5 --set dispersion.plume.grid_ny=4 >/dev/null
./build/twinlab -q run scenarios/examples/assembly_cell.yaml -o "$out/a" \
  --set line.run.horizon_s=7200 --set line.run.warmup_s=0 --set line.run.replications=1 >/dev/null
cp "$out/u/results.h5" "$corpus/results_file/urban_plume_small.h5"
cp "$out/a/results.h5" "$corpus/results_file/assembly_cell_short.h5"
# An event log written by the line twin (the calibrate example), its first 60 lines.
./build/twinlab -q run scenarios/examples/press_line.yaml -o "$out/p" --set line.run.replications=1 >/dev/null
head -60 "$out/p/events.csv" >"$corpus/event_log/press_line_head.csv"
du -sh "$corpus"
