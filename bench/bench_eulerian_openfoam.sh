#!/usr/bin/env bash
# CPU time to a given error, twinlab's Eulerian solver vs OpenFOAM's scalarTransportFoam (issue 14, "Speed"):
# the steady point source in a uniform wind with isotropic K of bench/bench_eulerian_accuracy.cpp, the same
# grids, the same exact solution and error measure, both codes on one core in the same run.
#  * twinlab (its explicit and IMEX schemes, OMP_NUM_THREADS=1) on BENCH_TWINLAB_GRIDS (cell sizes h in m),
#    with a STREAM-like triad on one core measured in the same run and the fraction of it each run's traffic
#    reaches (the 0.5 m grid, 2.3 million cells, is the one larger than the caches);
#  * OpenFOAM (Debian's `openfoam` 1912; deliberately not in scripts/setup.sh: `apt-get install openfoam` to
#    measure) on BENCH_OPENFOAM_GRIDS with `Gauss limitedLinear 1` and `Gauss linear` for div(phi,T),
#    implicit Euler at Courant number BENCH_OPENFOAM_COURANT (0.5 by default; twinlab's explicit horizontal
#    step runs at about 0.4) to t = 40 s; case writer and error in bench/peers/openfoam_point_source.py.
#    OpenFOAM's CPU time is the process's user + system time minus that of a one-step run of the same case
#    (start-up and mesh reading are not counted, as twinlab's figure counts only its time loop).
# Then the table: for each OpenFOAM run, twinlab's CPU time at the same error (log-log interpolation between
# its grid levels) and the ratio. Without OpenFOAM it prints a skip note and runs twinlab's side only.
# Run: bash bench/bench_eulerian_openfoam.sh   (a few minutes; needs build/bench/bench_eulerian_accuracy)
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3
peer=bench/peers/openfoam_point_source.py
tw_grids=${BENCH_TWINLAB_GRIDS:-"5 4 2.8 2 1.4 1 0.5"}
of_grids=${BENCH_OPENFOAM_GRIDS:-"4 2.8 2 1.4"}
courant=${BENCH_OPENFOAM_COURANT:-0.5}
work=$(mktemp -d "${TMPDIR:-/tmp}/twinlab_bench_openfoam.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "twinlab (explicit and IMEX schemes, 1 thread), grids h = $tw_grids m:"
OMP_NUM_THREADS=1 BENCH_GRIDS="$tw_grids" BENCH_ROWS="$work/twinlab.rows" \
  build/bench/bench_eulerian_accuracy

if ! command -v scalarTransportFoam >/dev/null 2>&1 || ! command -v blockMesh >/dev/null 2>&1; then
  echo "OpenFOAM: scalarTransportFoam not installed (Debian package 'openfoam', not in scripts/setup.sh): skipped."
  exit 0
fi
# Debian's OpenFOAM finds its etc/ files through WM_PROJECT_DIR.
export WM_PROJECT_DIR=${WM_PROJECT_DIR:-/usr/share/openfoam}
cpu_of() {  # user + system CPU s of the case's solver run; echoes "CPU MAX_RSS_KIB"
  (cd "$1" && /usr/bin/time -f "%U %S %M" -o time.txt scalarTransportFoam >log.solver 2>&1) ||
    { echo "scalarTransportFoam failed in $1:" >&2; tail -20 "$1/log.solver" >&2; return 1; }
  awk '{printf "%.3f %d\n", $1 + $2, $3}' "$1/time.txt"
}
echo
echo "OpenFOAM scalarTransportFoam (1 core), Courant $courant, grids h = $of_grids m:"
printf "%-16s %6s %9s %6s %13s %9s %12s %10s\n" "div(phi,T)" "h [m]" "cells" "steps" "CPU s (total)" "CPU s" \
  "max RSS MiB" "rel. L2"
for scheme in "limitedLinear 1" "linear"; do
  label=${scheme// /_}
  for h in $of_grids; do
    case_dir="$work/${label}_$h"
    $py $peer write "$case_dir" "$h" "$scheme" "$courant"
    (cd "$case_dir" && blockMesh >log.blockMesh 2>&1) || { tail -20 "$case_dir/log.blockMesh"; exit 1; }
    # One step alone: the start-up cost to subtract.
    cp -r "$case_dir" "$case_dir.one"
    dt=$(awk '/deltaT/ {for (i = 1; i <= NF; ++i) if ($i == "deltaT") {v = $(i + 1); sub(";", "", v); print v}}' \
      "$case_dir/system/controlDict")
    sed -i "s/endTime [0-9.e+-]*;/endTime $dt;/; s/writeInterval [0-9.e+-]*;/writeInterval 1e9;/" \
      "$case_dir.one/system/controlDict"
    grep -q "endTime $dt;" "$case_dir.one/system/controlDict" || { echo "one-step case not written" >&2; exit 1; }
    read -r cpu_one _ < <(cpu_of "$case_dir.one")
    read -r cpu_all rss < <(cpu_of "$case_dir")
    steps=$(grep -c '^Time = ' "$case_dir/log.solver")
    read -r cells err < <($py $peer error "$case_dir" "$h")
    cpu=$(awk -v a="$cpu_all" -v b="$cpu_one" -v n="$steps" 'BEGIN {printf "%.3f", (a - b) * n / (n - 1)}')
    printf "%-16s %6s %9s %6s %13s %9s %12.0f %10.3e\n" "$scheme" "$h" "$cells" "$steps" "$cpu_all" "$cpu" \
      "$(awk -v r="$rss" 'BEGIN {print r / 1024}')" "$err"
    echo "$label $h $cells $cpu $err" >>"$work/openfoam.rows"
    rm -rf "$case_dir" "$case_dir.one"
  done
done
echo
echo "CPU time at equal error (twinlab interpolated between its grid levels; both on one core):"
$py $peer table "$work/twinlab.rows" "$work/openfoam.rows"
