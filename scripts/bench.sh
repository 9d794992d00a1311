#!/usr/bin/env bash
# Builds and runs every benchmark (build/bench/bench_*, and the scripts bench/bench_*.sh), printing each one's
# table and the machine it ran on.
# Benchmarks compare against a baseline measured in the same run: read the ratios, not the absolute times.
# Usage: bash scripts/bench.sh [NAME ...]   (e.g. bash scripts/bench.sh eulerian plume shared_machine surrogate)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ), twinlab $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for b in build/bench/bench_* bench/bench_*.sh; do names+=("$(basename "$b" .sh | sed 's/^bench_//')"); done
fi
for n in "${names[@]}"; do
  echo
  echo "== bench_$n =="
  if [ -f "bench/bench_$n.sh" ]; then bash "bench/bench_$n.sh"; else "build/bench/bench_$n"; fi
done
