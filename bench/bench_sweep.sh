#!/usr/bin/env bash
# `twinlab sweep` overhead and throughput (issue #13). Builds nothing: uses build/twinlab (scripts/bench.sh builds).
#   overhead  1000 runs of bench/studies/tiny_line.yaml (two stations, one simulated hour, one replication: a
#             sub-millisecond simulation), -j 1 and -j 2. The twin's own simulation time is not recorded per run
#             (a run's wall_time_s in study.csv covers load + validate + build + run), so it is estimated from a
#             second study of identical runs whose horizon is k = LONG_FACTOR (default 100) times longer: per run,
#             t(1 h) = a + b and t(k h) = a + k b, so the simulation's share is b = (t(k h) - t(1 h)) / (k - 1)
#             and everything else, a, does not grow with the horizon. (k = 10 is too small here: 9 b is within
#             the run-to-run noise of a.) Overhead per run = (sweep wall time x workers - N b) / N: the
#             whole process (start, study checks, load/validate/build of each run, journal append + fdatasync,
#             study.h5/csv at the end) per run, charging every worker's time. The part of the twin's run that
#             does not grow with the horizon (setting up stations) counts as overhead: an upper bound. The same
#             from CPU time, (user + system - N b) / N, is shown beside it: waiting (fdatasync, other processes
#             on a shared machine) inflates the wall-clock figure, not that one.
#   speed-up  SPEEDUP_RUNS runs of the same line on a longer horizon (about 20-50 ms a run), -j 1 vs -j 2.
#   journal   appending N journal-sized lines with fdatasync on the output directory's file system.
#   resume    `--resume` of the complete 1000-run sweep: reads the journal back, runs nothing, writes the tables.
#   I/O       journal bytes per run: KPI-only (the tiny line) and keeping a 161 x 161 field (urban plume).
# Each timing is repeated BENCH_REPEATS times (default 3), the cases interleaved; best and median are shown;
# CPU = user + system (median); load = the 1-minute load average after each repeat (lowest-highest).
# The output goes to a temporary directory (TMPDIR) whose file system is printed: fdatasync costs depend on it.
# Usage: bash bench/bench_sweep.sh [TWINLAB_BINARY]   (about 1 min on 2 quiet cores with 3 repeats)
set -euo pipefail
cd "$(dirname "$0")/.."
twinlab=$(realpath "${1:-build/twinlab}")
repeats=${BENCH_REPEATS:-3}
speedup_runs=${SPEEDUP_RUNS:-200}
speedup_horizon_s=${SPEEDUP_HORIZON_S:-14400000}  # 4000 h: about 30 ms a run on a 2020s x86 core
long_factor=${LONG_FACTOR:-100}
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Study variants in the work directory (scenario paths are relative to the study file).
cp bench/studies/tiny_line.yaml bench/studies/sweep_tiny.yaml "$work/"
variant() {  # variant NAME HORIZON_S RUNS: a copy of sweep_tiny on another horizon and run count
  sed "s/horizon_s: 3600,/horizon_s: $2,/; s/^name: tiny_line/name: $1_line/" bench/studies/tiny_line.yaml >"$work/$1_line.yaml"
  sed "s/^study: sweep_tiny/study: $1/; s/^scenario: tiny_line.yaml/scenario: $1_line.yaml/; s/samples: 1000}/samples: $3}/" \
    bench/studies/sweep_tiny.yaml >"$work/$1.yaml"
  grep -q "horizon_s: $2," "$work/$1_line.yaml" && grep -q "samples: $3}" "$work/$1.yaml" \
    || { echo "bench_sweep: could not make the $1 variant" >&2; exit 1; }
}
variant long $((3600 * long_factor)) 1000
variant speedup "$speedup_horizon_s" "$speedup_runs"
sed "s#^scenario: ../../scenarios/#scenario: $PWD/scenarios/#" bench/studies/plume_field.yaml >"$work/plume_field.yaml"

results="$work/results.txt"  # lines: LABEL WALL_S CPU_S SUM_RUN_WALL_S RUNS_OK LOAD_1MIN
launcher=()  # a command twinlab runs under (mpirun for the MPI case)
# Two MPI ranks (Debian's OpenMPI; root needs the two variables, a loaded 2-core machine --oversubscribe).
mpi=()
if command -v mpirun >/dev/null 2>&1; then
  mpi=(env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun -np 2 --oversubscribe)
fi
# timed LABEL OUTDIR twinlab-arguments...: one timed twinlab call, appended to the results
timed() {
  local label=$1 out=$2
  shift 2
  /usr/bin/time -f '%e %U %S' -o "$work/time" "${launcher[@]}" "$twinlab" -q "$@" >/dev/null 2>"$work/err" || {
    echo "bench_sweep: twinlab $* failed:" >&2; cat "$work/err" >&2; exit 1; }
  read -r wall user sys <"$work/time"
  local sum=0 ok=0
  if [ -f "$out/study.csv" ]; then
    read -r sum ok < <(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "wall_time_s") w = i; if ($i == "status") s = i } next }
                               { t += $w; if ($s == "ok") n++ } END { printf "%.6f %d\n", t, n }' "$out/study.csv")
  fi
  echo "$label $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $sum $ok $(cut -d' ' -f1 /proc/loadavg)" >>"$results"
}
sweep() {  # sweep LABEL STUDY JOBS [KEEP_DIR]
  rm -rf "$work/out"
  timed "$1" "$work/out" sweep "$work/$2.yaml" -o "$work/out" -j "$3"
  if [ -n "${4:-}" ]; then rm -rf "${work:?}/$4"; mv "$work/out" "$work/$4"; fi
}

echo "load averages at start: $(cut -d' ' -f1-3 /proc/loadavg); output file system: $(df -T "$work" | awk 'NR == 2 { print $2 }')"
for ((r = 0; r < repeats; r++)); do  # interleaved, so that other load on the machine hits every case alike
  sweep tiny_j1 sweep_tiny 1 tiny_done
  sweep tiny_j2 sweep_tiny 2
  sweep long_j1 long 1
  sweep speedup_j1 speedup 1
  sweep speedup_j2 speedup 2
  if [ ${#mpi[@]} -gt 0 ]; then
    launcher=("${mpi[@]}")
    sweep speedup_mpi2 speedup 1  # -j is per process; under mpirun each rank runs one worker
    launcher=()
  fi
done
for ((r = 0; r < repeats; r++)); do
  timed resume "$work/tiny_done" sweep "$work/sweep_tiny.yaml" -o "$work/tiny_done" --resume
  rm -rf "$work/design"
  timed design_only "$work/design" sweep "$work/sweep_tiny.yaml" -o "$work/design" --design-only
done
echo "load averages at end:   $(cut -d' ' -f1-3 /proc/loadavg)"
sweep plume_field plume_field 1 plume_done

"$python" - "$results" "$work" "$long_factor" <<'EOF'
import json, os, statistics, sys, time
results, work, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = {}
for line in open(results):
    label, wall, cpu, total, ok, load = line.split()
    rows.setdefault(label, []).append((float(wall), float(cpu), float(total), int(ok), float(load)))

def best(label, i=0): return min(r[i] for r in rows[label])
def median(label, i=0): return statistics.median(r[i] for r in rows[label])
def runs(label): return rows[label][0][3]
def load(label): return f"{min(r[4] for r in rows[label]):.1f}-{max(r[4] for r in rows[label]):.1f}"

def run_lines(journal):
    """Bytes of the journal's run lines, and their count."""
    sizes = [len(l) for l in open(journal, "rb") if json.loads(l)["type"] == "run"]
    return sum(sizes), len(sizes)

# The twin's own simulation time for the 1000 tiny runs, from the k x horizon study: N b = (Sk - S1) / (k - 1).
n = runs("tiny_j1")
assert n == runs("tiny_j2") == runs("long_j1") == 1000, "every one of the 1000 runs must be ok"
s1, sk = median("tiny_j1", 2), median("long_j1", 2)
twin_s = max(0.0, (sk - s1) / (k - 1))
print(f"\n{n} runs of tiny_line (2 stations, 1 h, 1 replication); twin's own simulation time, from the {k}x horizon")
print(f"study: (sum t({k} h) - sum t(1 h)) / {k - 1} = ({sk:.3f} - {s1:.3f}) / {k - 1} = {twin_s:.4f} s, "
      f"i.e. {1e3 * twin_s / n:.4f} ms a run")
print(f"{'case':<26}{'runs':>6}{'wall s best':>13}{'median':>9}{'cpu s':>8}{'sum run s':>11}"
      f"{'overhead ms/run':>17}{'(cpu)':>7}{'runs/s':>9}{'load':>10}")
for label, workers, name in (("tiny_j1", 1, "tiny, -j 1"), ("tiny_j2", 2, "tiny, -j 2"),
                             ("long_j1", 1, f"tiny x{k} horizon, -j 1")):
    w = median(label)
    # overhead: worker-seconds of the whole sweep minus the twin's own simulation, per run (median wall)
    # the same from CPU time (user + system of the process, minus the twin's own): insensitive to other load
    overhead, cpu_overhead = "", ""
    if label != "long_j1":
        overhead = f"{1e3 * (w * workers - twin_s) / n:.3f}"
        cpu_overhead = f"{1e3 * (median(label, 1) - twin_s) / n:.3f}"
    print(f"{name:<26}{runs(label):>6}{best(label):>13.2f}{w:>9.2f}{median(label, 1):>8.2f}{median(label, 2):>11.3f}"
          f"{overhead:>17}{cpu_overhead:>7}{runs(label) / w:>9.0f}{load(label):>10}")
in_run = 1e3 * (s1 - twin_s) / n
outside = 1e3 * (median("tiny_j1") - s1) / n
print(f"-j 1 overhead split: {in_run:.3f} ms a run inside the run's wall_time_s (load + validate + build + fixed twin "
      f"setup), {outside:.3f} ms outside it (journal line + fdatasync, design, process start, study.h5/csv)")

m = runs("speedup_j1")
w1, w2 = median("speedup_j1"), median("speedup_j2")
print(f"\nspeed-up: {m} runs of the same line, {1e3 * median('speedup_j1', 2) / m:.1f} ms a run (wall_time_s, -j 1)")
print(f"{'case':<26}{'wall s best':>13}{'median':>9}{'cpu s':>8}{'runs/s':>9}{'load':>10}")
cases = [("speedup_j1", "-j 1"), ("speedup_j2", "-j 2")]
if "speedup_mpi2" in rows:
    cases.append(("speedup_mpi2", "mpirun -np 2 (cpu: mpirun)"))
for label, name in cases:
    print(f"{name:<26}{best(label):>13.2f}{median(label):>9.2f}{median(label, 1):>8.2f}{m / median(label):>9.1f}"
          f"{load(label):>10}")
print(f"speed-up 2 vs 1 worker: {w1 / w2:.2f}x (medians), {best('speedup_j1') / best('speedup_j2'):.2f}x (bests)")
if "speedup_mpi2" in rows:
    print(f"speed-up 2 MPI ranks vs 1 worker: {w1 / median('speedup_mpi2'):.2f}x (medians), "
          f"{best('speedup_j1') / best('speedup_mpi2'):.2f}x (bests; mpirun's own start-up included)")
else:
    print("2 MPI ranks: not measured (no mpirun)")
print("(runs/s from the median; load: the 1-minute load average after each repeat, lowest-highest: with other\n"
      "processes on the machine -j 2 competes for the second core, and the best of the repeats is the figure\n"
      "nearest a quiet machine)")

# Journal: N appends of a journal-sized line with fdatasync, on the output's file system.
line_bytes, lines = run_lines(os.path.join(work, "tiny_done", "journal.jsonl"))
size = line_bytes // lines
line = b"x" * (size - 1) + b"\n"
def appends(sync, count=1000):
    path = os.path.join(work, "appends.jsonl")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_TRUNC, 0o666)
    start = time.perf_counter()
    for _ in range(count):
        os.write(fd, line)
        if sync: os.fdatasync(fd)
    elapsed = time.perf_counter() - start
    os.close(fd)
    os.remove(path)
    return elapsed / count
synced = sorted(appends(True) for _ in range(3))
plain = min(appends(False) for _ in range(3))
print(f"\njournal: appending a {size}-byte line + fdatasync: {1e3 * synced[0]:.3f} ms best, {1e3 * synced[1]:.3f} ms "
      f"median (without fdatasync: {1e3 * plain:.4f} ms), 1000 appends x 3")
r = median("resume")
print(f"resume: --resume of the complete 1000-run sweep (reads the journal, runs nothing, writes study.h5/csv): "
      f"{best('resume'):.3f} s best, {r:.3f} s median, cpu {median('resume', 1):.2f} s, i.e. {1e3 * r / n:.3f} ms a run; "
      f"--design-only of the same study (process start, study checks, design.csv): {median('design_only'):.3f} s")

kpi_bytes = line_bytes / lines
plume_journal = os.path.join(work, "plume_done", "journal.jsonl")
field_bytes, field_lines = run_lines(plume_journal)
plume_h5 = os.path.getsize(os.path.join(work, "plume_done", "study.h5"))
tiny_h5 = os.path.getsize(os.path.join(work, "tiny_done", "study.h5"))
print(f"I/O per run: journal {kpi_bytes:.0f} B with KPIs only (tiny line: 2 parameters, all its KPIs); "
      f"{field_bytes / field_lines / 1e3:.0f} kB keeping a 161 x 161 field (urban plume, {field_lines} runs); "
      f"study.h5 {tiny_h5 / n:.0f} B a run (tiny, 1000 runs), {plume_h5 / field_lines / 1e3:.0f} kB a run (with the field)")
EOF
