#!/usr/bin/env bash
# Builds twinlab and every test with AddressSanitizer + UndefinedBehaviorSanitizer into ./build-asan and runs
# the whole CTest suite there (arguments go to ctest, e.g. `-R io`). Any finding fails its test: ASan stops at
# the first error, UBSan too (-fno-sanitize-recover, halt_on_error), LeakSanitizer at exit. Leaks inside
# libraries twinlab does not build are suppressed in tests/sanitizers/lsan.supp, each line with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# -O1: fast enough for the suite, still precise stacks with frame pointers (cmake/sanitizers.cmake).
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG" \
  -DTWINLAB_SANITIZE=address,undefined -DTWINLAB_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan --parallel "$(nproc)"

export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=0"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"
# As in scripts/test.sh: two test processes share the cores, OpenMP threads must not spin-wait.
export OMP_WAIT_POLICY=passive
cd build-asan
ctest --output-on-failure --parallel "$(nproc)" "$@"
