#!/usr/bin/env bash
# Builds twinlab and every test with AddressSanitizer + UndefinedBehaviorSanitizer (clang, -O1, the options in
# cmake/asan_build.cmake) into ./build-asan and runs the whole CTest suite there (arguments go to ctest, e.g.
# `-R io`). Any finding fails its test: ASan stops at the first error, UBSan too (-fno-sanitize-recover,
# halt_on_error), LeakSanitizer at exit. Leaks inside libraries twinlab does not build are suppressed in
# tests/sanitizers/lsan.supp, each line with its reason. The same build holds the fuzz targets (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$(date +%s)
cmake -C cmake/asan_build.cmake -S . -B build-asan >/dev/null
# TWINLAB_SANITIZE_TARGETS (space-separated) builds only those targets (default: all).
read -r -a targets <<<"${TWINLAB_SANITIZE_TARGETS:-all}"
cmake --build build-asan --parallel "$(nproc)" --target "${targets[@]}"
built=$(date +%s)

source scripts/sanitizer_env.sh
# As in scripts/test.sh: two test processes share the cores, OpenMP threads must not spin-wait.
export OMP_WAIT_POLICY=passive
status=0
(cd build-asan && ctest --output-on-failure --parallel "$(nproc)" "$@") || status=$?
echo "sanitize: build $(( built - start )) s, tests $(( $(date +%s) - built )) s" >&2
exit $status
