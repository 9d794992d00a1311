#!/usr/bin/env bash
# Builds the fuzz targets (fuzz/*.cpp: libFuzzer, clang, AddressSanitizer + UndefinedBehaviorSanitizer) into
# ./build-asan (shared with scripts/sanitize.sh) and runs each for SECONDS (default 60), starting from its
# committed seeds (fuzz/corpus/TARGET; what it learns goes to build-asan/fuzz-corpus/TARGET, never into the
# repository). A crash, sanitizer report, leak, hang (-timeout) or memory blow-up (-rss_limit_mb) fails the
# script; the input that caused it is kept as build-asan/fuzz-findings/TARGET/crash-... (once fixed, copy it to
# fuzz/regressions/TARGET/: CTest replays it).
# Usage: scripts/fuzz.sh [SECONDS [TARGET...]]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
# By default the targets the clang build can hold: scenario, set_override and study_file link scenarios/, which
# links surrogates/, whose LibTorch headers clang 14 cannot compile in C++20 (docs/reliability.md); their
# inputs are replayed by CTest in the normal and the GCC sanitizer builds.
[ ${#targets[@]} -gt 0 ] || targets=(csv_column results_file sensor_csv serve_request event_log)

build=${TWINLAB_FUZZ_BUILD:-build-asan}  # another build directory configured alike may stand in
cmake -C cmake/asan_build.cmake -S . -B "$build" >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

source scripts/sanitizer_env.sh
export OMP_WAIT_POLICY=passive OMP_NUM_THREADS=1

failed=()
summary=$(printf '%-14s %12s %10s %8s %s' target executions 'execs/s' corpus result)
for t in "${targets[@]}"; do
  mkdir -p "$build/fuzz-corpus/$t" "$build/fuzz-findings/$t"
  dict=() max_len=65536
  case $t in
    scenario|set_override|study_file) dict=(-dict=fuzz/twinlab.dict) ;;
    results_file) max_len=131072 ;;  # the seeds are small results files of 27 and 72 KB
    serve_request) dict=(-dict=fuzz/serve_request.dict) ;;
  esac
  log=$build/fuzz-findings/$t/last_run.log
  echo "fuzz: $t for ${seconds} s" >&2
  status=0
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=$max_len \
    -print_final_stats=1 "${dict[@]}" -artifact_prefix="$build/fuzz-findings/$t/" \
    "$build/fuzz-corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1 || status=$?
  # results_file: the checking child (io/hdf5_check) is a fork of the fuzzer, so a crash it contains (inside
  # libhdf5) still makes libFuzzer's death callback write a crash-* file, from the child, whose stderr is closed:
  # an artifact the log does not name is such a contained crash, not a finding; it goes to contained/.
  for f in "$build/fuzz-findings/$t"/crash-* "$build/fuzz-findings/$t"/slow-unit-*; do
    [ -e "$f" ] || continue
    if ! grep -qF "$(basename "$f")" "$log"; then
      mkdir -p "$build/fuzz-findings/$t/contained"
      mv "$f" "$build/fuzz-findings/$t/contained/"
    fi
  done
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$build/fuzz-corpus/$t" -type f | wc -l)
  result=ok
  if [ "$status" -ne 0 ]; then
    result="FAILED (exit $status; $build/fuzz-findings/$t/)"
    failed+=("$t")
    grep -E -A30 "ERROR: |==ERROR|runtime error|deadly signal|timeout|out-of-memory" "$log" | head -60 >&2 || true
  fi
  summary+=$'\n'$(printf '%-14s %12s %10s %8s %s' "$t" "${runs:-?}" "${speed:-?}" "$corpus" "$result")
done
echo "$summary"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
