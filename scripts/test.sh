#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and pass every test (ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
cd build
# Two test processes share the 2 cores: OpenMP threads must not spin-wait for a descheduled partner.
export OMP_WAIT_POLICY=passive
ctest --output-on-failure --parallel "$(nproc)"
