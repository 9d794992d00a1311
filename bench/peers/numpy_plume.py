"""NumPy peer of bench_plume: the Gaussian plume on the same receptor grid and sources, vectorised the
ordinary NumPy way (whole-grid array expressions, one source at a time, the sigma curves with `**`).

    C = Q / (2 pi u sy sz) exp(-y^2 / 2 sy^2) [exp(-(z-H)^2 / 2 sz^2) + exp(-(z+H)^2 / 2 sz^2)]

with x downwind and y crosswind of the source, sigma = a x (1 + b x)^p, and C = 0 where x <= 0 (no lid, no
decay: the case bench_plume compares).

Run by build/bench/bench_plume with Debian's /usr/bin/python3 (python3-numpy):
    /usr/bin/python3 bench/peers/numpy_plume.py CASE_FILE [OUT_FILE]
CASE_FILE: first line "GRID DOMAIN_M Z_M" (GRID x GRID receptors at x, y = DOMAIN_M * i / (GRID - 1), height
Z_M); then one line per source "X_M Y_M Q_KG_S H_M U_M_S DIRECTION_DEG AY BY_1_M PY AZ BZ_1_M PZ".
Prints one line "EVALUATIONS CPU_S": source-receptor evaluations and the process CPU time of the
concentration computation alone (grid set-up, start-up and imports excluded). With OUT_FILE, also writes the
concentrations (kg/m^3, float64, row-major, x fastest) there.
"""
import sys
import time

import numpy as np


def plume(xr, yr, zr, sources):
    c = np.zeros_like(xr)
    for xs, ys, q, h, u, direction, ay, by, py, az, bz, pz in sources:
        theta = np.radians(direction)
        ex, ey = -np.sin(theta), -np.cos(theta)  # unit vector the wind blows towards
        dx, dy = xr - xs, yr - ys
        x = dx * ex + dy * ey
        y = dy * ex - dx * ey
        downwind = x > 0.0
        x = np.where(downwind, x, 1.0)  # any positive distance: these receptors get 0 below
        sy = ay * x * (1.0 + by * x) ** py
        sz = az * x * (1.0 + bz * x) ** pz
        two_sy2, two_sz2 = 2.0 * sy * sy, 2.0 * sz * sz
        vertical = np.exp(-(zr - h) ** 2 / two_sz2) + np.exp(-(zr + h) ** 2 / two_sz2)
        term = q / (2.0 * np.pi * u) / (sy * sz) * np.exp(-y * y / two_sy2) * vertical
        c += np.where(downwind, term, 0.0)
    return c


def main():
    with open(sys.argv[1]) as f:
        grid, domain_m, z_m = (float(v) for v in f.readline().split())
        sources = [tuple(float(v) for v in line.split()) for line in f if line.strip()]
    n = int(grid)
    axis = domain_m * np.arange(n, dtype=np.float64) / (n - 1)
    xr, yr = np.meshgrid(axis, axis)  # yr varies along rows, xr along columns: row-major, x fastest
    zr = np.full_like(xr, z_m)
    t0 = time.process_time()
    c = plume(xr, yr, zr, sources)
    cpu_s = time.process_time() - t0
    if len(sys.argv) > 2:
        c.tofile(sys.argv[2])
    print(xr.size * len(sources), cpu_s)


if __name__ == "__main__":
    main()
