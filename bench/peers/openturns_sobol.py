#!/usr/bin/python3
"""Peer of bench/bench_sensitivity.cpp: OpenTURNS's Jansen estimators on the same Saltelli design and outputs.

Usage: /usr/bin/python3 bench/peers/openturns_sobol.py DESIGN.csv BASE_ROWS [REPEATS] [BOOTSTRAP]

DESIGN.csv has a header line and one row per run, the d inputs then the output, rows in the order
A, B, AB_1, ..., AB_d (BASE_ROWS rows each), which is the layout OpenTURNS's SobolIndicesAlgorithm classes
expect (block 2 + i is A with column i taken from B). Prints, one item per line:
  version 1.20
  first S_1 ... S_d            JansenSensitivityAlgorithm.getFirstOrderIndices()
  total ST_1 ... ST_d          JansenSensitivityAlgorithm.getTotalOrderIndices()
  seconds_point T              fastest of REPEATS (construction + both index vectors)
  seconds_bootstrap T          the same plus getFirstOrderIndicesInterval/getTotalOrderIndicesInterval with
                               BOOTSTRAP resamples (once)

OpenTURNS 1.20 (lib/src/.../JansenSensitivityAlgorithm.cxx, checked against these formulas in numpy) centres the
outputs, takes V = the sample variance of f(A) (divisor N - 1), and computes
  S_i  = 1 - sum_r (f(AB_i,r) - f(B_r))^2 / (2N - 1) / V
  ST_i =     sum_r (f(AB_i,r) - f(A_r))^2 / (2N - 1) / V.
"""
import sys
import time

import numpy as np

try:
    import openturns as ot
except ImportError:
    print("error OpenTURNS is not installed (apt-get install python3-openturns)")
    sys.exit(1)


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    bootstrap = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    x, y = ot.Sample(data[:, :-1]), ot.Sample(data[:, -1:])

    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        algorithm = ot.JansenSensitivityAlgorithm(x, y, n)
        first = algorithm.getFirstOrderIndices()
        total = algorithm.getTotalOrderIndices()
        best = min(best, time.perf_counter() - start)

    ot.RandomGenerator.SetSeed(0)
    start = time.perf_counter()
    algorithm = ot.JansenSensitivityAlgorithm(x, y, n)
    algorithm.setBootstrapSize(bootstrap)
    algorithm.getFirstOrderIndices()
    algorithm.getTotalOrderIndices()
    algorithm.getFirstOrderIndicesInterval()
    algorithm.getTotalOrderIndicesInterval()
    seconds_bootstrap = time.perf_counter() - start

    print("version", ot.__version__)
    print("first", " ".join(repr(float(v)) for v in first))
    print("total", " ".join(repr(float(v)) for v in total))
    print("seconds_point", best)
    print("seconds_bootstrap", seconds_bootstrap)


if __name__ == "__main__":
    main()
