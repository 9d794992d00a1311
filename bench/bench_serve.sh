#!/usr/bin/env bash
# `twinlab serve` under load (issue #19): KServe v2 infer requests per second and latency percentiles (p50, p99)
# at 1, 4 and 16 connections, measured with Debian's `wrk` against a small MLP surrogate (an ensemble of 5
# members, 2 hidden layers of 64, 2 inputs, 1 output; trained here in seconds on an analytic table: the model's
# accuracy does not matter, its size does). Each infer request is one row, FP32 (the native float32 path) and,
# at 4 connections, FP64 (LibTorch's TorchScript path).
# Baseline measured in the same run: GET /v2/health/live at the same connections (the server's HTTP floor: no
# JSON decoding, no model); the ratio infer/health shows what the surrogate path costs.
# The server runs with --threads SERVE_THREADS (default 2) and -q (warnings only: the per-request info log line
# would go to stderr, i.e. /dev/null here; BENCH_LOG=1 keeps it, to measure its cost).
# wrk: 1 thread per connection up to 2 (the machine's cores are shared with the server).
# Then a soak: SOAK_SECONDS (default 60; 0 skips it) of FP32 infer at 16 connections, with the server's resident
# memory (VmRSS) before and after: no errors, memory flat.
# Target of issue #19: >= 1e4 infer/s at 4 connections with p99 <= 2 ms and no errors.
# Usage: bash bench/bench_serve.sh [TWINLAB_BINARY]   (BENCH_SECONDS per point, default 10; about 3 min)
set -euo pipefail
cd "$(dirname "$0")/.."
twinlab=$(realpath "${1:-build/twinlab}")
seconds=${BENCH_SECONDS:-10}
soak=${SOAK_SECONDS:-60}
threads=${SERVE_THREADS:-2}
command -v wrk >/dev/null || { echo "bench_serve: wrk is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

/usr/bin/python3 - "$work/table.csv" <<'PY'
import csv, sys
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["wind", "height", "y"])
    for i in range(200):
        wind, height = 1 + 7 * ((i * 37) % 200) / 199, 20 + 80 * i / 199
        w.writerow([wind, height, 0.1 * wind + 0.01 * height + 1])
PY
"$twinlab" -q train "$work/table.csv" --inputs wind,height --outputs y --members 5 --hidden 64,64 --epochs 50 \
  --patience 10 -o "$work/models/mlp" >/dev/null

quiet=(-q)
[ "${BENCH_LOG:-0}" = 1 ] && quiet=()
"$twinlab" "${quiet[@]}" serve --models "$work/models" --listen 127.0.0.1:0 --threads "$threads" >"$work/serve.out" 2>/dev/null &
server=$!
for _ in $(seq 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.out")
[ -n "$port" ] || { echo "bench_serve: the server did not start" >&2; exit 1; }
url=http://127.0.0.1:$port

for type in FP32 FP64; do
  cat >"$work/infer_$type.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"id":"b","inputs":[{"name":"input","shape":[1,2],"datatype":"$type","data":[4.5,60.0]}]}'
LUA
done
# Check the request is answered 200 before measuring it.
curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"inputs":[{"name":"input","shape":[1,2],"datatype":"FP32","data":[4.5,60.0]}]}' "$url/v2/models/mlp/infer" >/dev/null

# measure NAME CONNECTIONS [wrk args...]: one row "name conns req/s p50_ms p99_ms errors"
ms() {  # wrk's latency text (e.g. 512.00us, 1.20ms, 2.00s) in ms
  awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) v /= 1000; else if (t ~ /ms$/) v *= 1; else if (t ~ /s$/) v *= 1000; printf "%.3f", v }'
}
measure() {
  local name=$1 c=$2
  shift 2
  local wt=$(( c < 2 ? c : 2 ))
  local out
  out=$(wrk -t"$wt" -c"$c" -d"${seconds}s" --timeout 5s --latency "$@")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$out")
  printf '%s %s %s %s %s %s\n' "$name" "$c" "$rps" "$p50" "$p99" "$errors"
}

rows=()
for c in 1 4 16; do
  rows+=("$(measure health "$c" "$url/v2/health/live")")
  rows+=("$(measure infer_fp32 "$c" -s "$work/infer_FP32.lua" "$url/v2/models/mlp/infer")")
done
rows+=("$(measure infer_fp64 4 -s "$work/infer_FP64.lua" "$url/v2/models/mlp/infer")")
rss() { awk '/^VmRSS:/ { print $2 / 1024 }' "/proc/$server/status"; }
soak_line=""
if [ "$soak" -gt 0 ]; then
  rss_before=$(rss)
  soak_row=$(seconds=$soak measure soak 16 -s "$work/infer_FP32.lua" "$url/v2/models/mlp/infer")
  rss_after=$(rss)
  read -r _ _ soak_rps soak_p50 soak_p99 soak_errors <<<"$soak_row"
  soak_line=$(printf 'soak: %s s of infer_fp32 at 16 connections: %.0f req/s, p50 %s ms, p99 %s ms, %s errors; server RSS %.1f MiB before, %.1f MiB after' \
    "$soak" "$soak_rps" "$soak_p50" "$soak_p99" "$soak_errors" "$rss_before" "$rss_after")
fi

echo "twinlab serve: ${seconds} s per point, --threads $threads, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the end"
printf '%-11s %5s %12s %9s %9s %7s %14s\n' request conns 'req/s' 'p50 ms' 'p99 ms' errors 'vs health req/s'
printf '%s\n' "${rows[@]}" | awk '
  { name[NR] = $1; c[NR] = $2; rps[NR] = $3; p50[NR] = $4; p99[NR] = $5; err[NR] = $6; if ($1 == "health") base[$2] = $3 }
  END { for (i = 1; i <= NR; ++i)
          printf "%-11s %5d %12.0f %9.3f %9.3f %7d %14s\n", name[i], c[i], rps[i], p50[i], p99[i], err[i],
                 (name[i] == "health" ? "1 (baseline)" : sprintf("%.2f", rps[i] / base[c[i]])) }'
[ -z "$soak_line" ] || echo "$soak_line"
