#!/usr/bin/env bash
# Writes scenarios/examples/data/estimate_sensors.csv: the observations of the estimate_sources example, made
# by the twin itself (its plume concentrations at the eight sensors with the true rates: boiler_stack 0.8 kg/s
# in hours 1-3 and 1.2 kg/s in hours 4-6, dryer_vent 0.05 kg/s) plus Gaussian noise of 10 % + 0.5 ug/m3 (seed
# 17), three samples an hour per sensor, with that noise as the uncertainty column.
# Usage: bash scripts/make_estimate_example.sh   (after scripts/build.sh); commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The example with the true rates: the stack's guessed constant rate replaced by its true schedule.
sed -e 's/^      emission_rate_kg_s: 0.5 .*$/      schedule: [{time_s: 0, rate_kg_s: 0.8}, {time_s: 10800, rate_kg_s: 1.2}]/' \
  scenarios/examples/estimate_sources.yaml >"$out/truth.yaml"
grep -q 'rate_kg_s: 1.2' "$out/truth.yaml"
./build/twinlab -q run "$out/truth.yaml" -o "$out/truth" --set 'dispersion.sources[1].emission_rate_kg_s=0.05' >/dev/null
/usr/bin/python3 - "$out/truth/results.h5" scenarios/examples/data/estimate_sensors.csv <<'PY'
import sys
import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    c = f["plume/receptor_concentration"][...]          # (period, receptor), kg/m3
    names = [n.decode() if isinstance(n, bytes) else n for n in f["plume/receptor"][...]]
    starts = f["plume/time"][...]
rng = np.random.default_rng(17)
lines = ["# Observations of scenarios/examples/estimate_sources.yaml made by the twin (scripts/make_estimate_example.sh):",
         "# true rates boiler_stack 0.8 kg/s (hours 1-3), 1.2 kg/s (hours 4-6), dryer_vent 0.05 kg/s; noise 10 % + 0.5 ug/m3.",
         "time_s,sensor,concentration_ug_m3,uncertainty_ug_m3"]
for p, start in enumerate(starts):
    for offset in (600.0, 1800.0, 3000.0):
        for r, name in enumerate(names):
            value = c[p, r] * 1e9
            sigma = 0.1 * value + 0.5
            noisy = value + sigma * rng.standard_normal()
            assert noisy > -3 * sigma
            lines.append(f"{start + offset:.0f},{name},{noisy:.4g},{sigma:.3g}")
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
PY
echo "wrote scenarios/examples/data/estimate_sensors.csv"
