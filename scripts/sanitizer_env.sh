# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: how the sanitizers report (from the repository root).
# ASan: stop at the first error; check the order of static initialisers across files too.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
# LeakSanitizer: leaks in libraries twinlab does not build are suppressed, one reason per line.
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
# UBSan: every finding stops the program (the build also has -fno-sanitize-recover), with its stack.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"
if [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
