#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and pass every test (ctest); then the hardening runs
# (docs/reliability.md): the base, io and sim tests again under AddressSanitizer + UndefinedBehaviorSanitizer
# (scripts/sanitize.sh, ./build-asan, clang) and a fuzz target for 20 s (scripts/fuzz.sh, same build).
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
# Under the sanitizers CI runs the layers below the twins: LibTorch 1.13's headers do not compile with clang 14
# in C++20 (libstdc++ 12's constexpr std::vector needs the complete c10::IValue), so the clang build cannot
# hold surrogates/ nor what links it (scenarios/, the scenario, set_override and study_file fuzz targets).
# `bash scripts/sanitize.sh` (everything) stays the goal; docs/reliability.md says what runs where.
TWINLAB_SANITIZE_TARGETS="test_base test_io test_sim fuzz_csv_column fuzz_results_file" \
  bash scripts/sanitize.sh -R '^(base|io|sim):|^fuzz: (csv_column|results_file) '
# results_file is replayed above but not explored: within about a minute it reaches the known crash inside
# libhdf5 on damaged files (H5HG_read <- H5T__conv_vlen <- H5Aread; inputs in fuzz/known/results_file/), which
# twinlab's readers contain by checking a file in a child process first; the target reads in process.
bash scripts/fuzz.sh 20 csv_column
