#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and run the built-in default scenario.
# Extra arguments go to `twinlab run` (e.g. a scenario file, -o DIR, --set key=value).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
./build/twinlab run "$@"
