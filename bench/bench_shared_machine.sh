#!/usr/bin/env bash
# twinlab on a shared machine (issue #12): wall and CPU time of `build/twinlab -q run` (the built-in default
# scenario) alone and beside one competing CPU-bound process (a shell busy loop), for four settings:
#   before   OMP_WAIT_POLICY=active: waiting threads spin (the behaviour the issue measured);
#   libgomp  GOMP_SPINCOUNT=300000: libgomp's own default when nothing is set (spin a while, then sleep),
#            i.e. twinlab before this change;
#   1 thread OMP_WAIT_POLICY=passive OMP_NUM_THREADS=1: whether fewer threads would help under load;
#   after    nothing set: twinlab's default (passive waiting; scenarios/openmp_policy.hpp).
# The four are interleaved within each condition. A run still going after BENCH_TIMEOUT_S (default 30) is
# stopped and shown as "> limit" (its ratios are then lower bounds); raise the limit for exact figures. Other
# load on the machine is printed for each condition (load averages at its start).
# Usage: bash bench/bench_shared_machine.sh [TWINLAB_BINARY]   (about 2 min; less on a quiet machine)
set -euo pipefail
cd "$(dirname "$0")/.."
twinlab=$(realpath "${1:-build/twinlab}")
limit_s=${BENCH_TIMEOUT_S:-30}
cpus=$(nproc)
work=$(mktemp -d)
spinner=""
cleanup() {
  if [ -n "$spinner" ]; then kill "$spinner" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

names=("before: spin (OMP_WAIT_POLICY=active)" "libgomp default (spin 300000)" "passive, 1 thread"
       "after: twinlab default")
envs=("OMP_WAIT_POLICY=active" "GOMP_SPINCOUNT=300000" "OMP_WAIT_POLICY=passive OMP_NUM_THREADS=1" "")
after=$((${#names[@]} - 1))

# Prints "WALL_S CPU_S" of one run, or "timeout CPU_S" when it was stopped at the limit.
time_run() {
  local TIMEFORMAT='%R %U %S' status=0
  # shellcheck disable=SC2086  # $1 is a list of VAR=value words
  { time env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT -u OMP_NUM_THREADS -u OMP_DYNAMIC -u OMP_THREAD_LIMIT \
      $1 timeout "$limit_s" "$twinlab" -q run -o "$work/out" >/dev/null 2>"$work/err"; } 2>"$work/time" || status=$?
  if [ "$status" -eq 124 ]; then
    awk '{printf "timeout %.2f\n", $2 + $3}' "$work/time"
  elif [ "$status" -ne 0 ]; then
    echo "twinlab failed (exit $status):" >&2
    cat "$work/err" >&2
    return 1
  else
    awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/time"
  fi
}

declare -A wall cpu
loads=()
for condition in alone beside; do
  if [ "$condition" = beside ]; then
    bash -c 'while :; do :; done' &
    spinner=$!
    sleep 1
  fi
  loads+=("$condition: load averages $(cut -d' ' -f1-3 /proc/loadavg) at start")
  for i in "${!names[@]}"; do
    result=$(time_run "${envs[$i]}") || exit 1
    read -r w c <<<"$result"
    wall[$condition,$i]=$w
    cpu[$condition,$i]=$c
  done
  if [ -n "$spinner" ]; then kill "$spinner"; wait "$spinner" 2>/dev/null || true; spinner=""; fi
done

echo "twinlab -q run (default scenario), $cpus CPUs; 'beside' = one busy-loop process running all along"
printf '%s\n' "${loads[@]}"
printf '%-38s %10s %8s %12s %8s %14s %16s\n' "waiting" "alone s" "cpu s" "beside s" "cpu s" "beside/alone" "beside vs after"
for i in "${!names[@]}"; do
  awk -v n="${names[$i]}" -v wa="${wall[alone,$i]}" -v ca="${cpu[alone,$i]}" -v wb="${wall[beside,$i]}" \
      -v cb="${cpu[beside,$i]}" -v after="${wall[beside,$after]}" -v limit="$limit_s" '
    function shown(w) { return w == "timeout" ? "> " limit : sprintf("%.2f", w) }
    # a / b with either possibly stopped at the limit: a bound, or "-" when both were stopped
    function ratio(a, b) {
      if (a == "timeout" && b == "timeout") return "-"
      if (a == "timeout") return sprintf(">%.2f", limit / b)
      if (b == "timeout") return sprintf("<%.2f", a / limit)
      return sprintf("%.2f", a / b)
    }
    BEGIN { printf "%-38s %10s %8.2f %12s %8.2f %14s %16s\n", n, shown(wa), ca, shown(wb), cb, ratio(wb, wa), ratio(wb, after) }'
done
