#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and pass every test (ctest); then the hardening runs
# (docs/reliability.md): the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (scripts/sanitize.sh, ./build-asan) and every fuzz target for 20 s (scripts/fuzz.sh, ./build-fuzz).
# TWINLAB_HARDENING=0 stops after the first ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
(
  cd build
  # Two test processes share the 2 cores: OpenMP threads must not spin-wait for a descheduled partner.
  export OMP_WAIT_POLICY=passive
  ctest --output-on-failure --parallel "$(nproc)"
)
[ "${TWINLAB_HARDENING:-1}" != 0 ] || exit 0
bash scripts/sanitize.sh
bash scripts/fuzz.sh 20
