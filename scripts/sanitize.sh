#!/usr/bin/env bash
# Builds twinlab and every test with AddressSanitizer + UndefinedBehaviorSanitizer and runs the CTest suite there
# (arguments go to ctest, e.g. `-R io`). Any finding fails its test: ASan stops at the first error, UBSan too
# (-fno-sanitize-recover, halt_on_error), LeakSanitizer at exit. Leaks inside libraries twinlab does not build
# are suppressed in tests/sanitizers/lsan.supp, each line with its reason.
#
# TWINLAB_SANITIZE_COMPILER chooses the build:
#   gcc (default)  ./build-asan-gcc (cmake/asan_gcc_build.cmake): the WHOLE suite, surrogates/ and the CLI
#                  included (GCC 12 compiles LibTorch's headers); the fuzz targets replay their inputs.
#   clang          ./build-asan (cmake/asan_build.cmake), the build scripts/fuzz.sh explores with libFuzzer; it
#                  cannot compile LibTorch's headers (clang 14, C++20), so only targets that do not link
#                  surrogates/: set TWINLAB_SANITIZE_TARGETS (e.g. "test_base test_io") and a matching -R.
# TWINLAB_SANITIZE_TARGETS (space-separated) builds only those targets (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
case ${TWINLAB_SANITIZE_COMPILER:-gcc} in
  gcc) build=build-asan-gcc cache=cmake/asan_gcc_build.cmake ;;
  clang) build=build-asan cache=cmake/asan_build.cmake ;;
  *) echo "sanitize: TWINLAB_SANITIZE_COMPILER must be gcc or clang (got ${TWINLAB_SANITIZE_COMPILER})" >&2; exit 2 ;;
esac
cmake -C "$cache" -S . -B "$build" >/dev/null
read -r -a targets <<<"${TWINLAB_SANITIZE_TARGETS:-all}"
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"
built=$(date +%s)

source scripts/sanitizer_env.sh
# As in scripts/test.sh: two test processes share the cores, OpenMP threads must not spin-wait.
export OMP_WAIT_POLICY=passive
status=0
(cd "$build" && ctest --output-on-failure --parallel "$(nproc)" "$@") || status=$?
echo "sanitize ($build): build $(( built - start )) s, tests $(( $(date +%s) - built )) s" >&2
exit $status
