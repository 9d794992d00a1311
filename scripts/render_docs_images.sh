#!/usr/bin/env bash
# Regenerates the two pictures the README shows: docs/img/plume_map.png (the ground-level plume of the built-in
# default scenario, both models, at the end of its six hours) and docs/img/line_schematic.png (machining_line). Needs
# build/twinlab; runs the two scenarios into a temporary directory (about a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./build/twinlab -q run scenarios/examples/industrial_stack.yaml -o "$tmp/stack" >/dev/null
./build/twinlab -q render "$tmp/stack/results.h5" -o "$tmp/stack_pictures" --max-frames 2 >/dev/null
./build/twinlab -q run scenarios/examples/machining_line.yaml -o "$tmp/line" --render >/dev/null
mkdir -p docs/img
# The last map of the two evenly spaced frames plus the peak's: the end of the six hours.
last=$(tail -n +2 "$tmp/stack_pictures/index.csv" | grep ',concentration_map,' | tail -1 | cut -d, -f1)
cp "$tmp/stack_pictures/$last" docs/img/plume_map.png
cp "$tmp/line/pictures/line_schematic.png" docs/img/line_schematic.png
echo "wrote docs/img/plume_map.png ($last) docs/img/line_schematic.png"
