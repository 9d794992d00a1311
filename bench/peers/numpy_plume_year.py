"""NumPy peer of bench_plume_year: a year of hourly Gaussian plume results on many receptors, then the
averaging periods, ranks and design values, vectorised the ordinary NumPy way (receptors in blocks, all hours
of a block at once as (hours, receptors) arrays, one source at a time, sigma curves with `**`).

    C = Q / (2 pi u sy sz) exp(-y^2 / 2 sy^2) [exp(-(z-H)^2 / 2 sz^2) + exp(-(z+H)^2 / 2 sz^2)],  0 where x <= 0

Calm and missing hours are 0 and not valid. Rules as twins/dispersion/averaging.hpp (EPA calms policy):
8 h rolling and daily means divide the sum of valid hourly values by max(valid hours, 6 or 18); the annual mean
by the valid hours; days without a valid hour have no daily value; 99th percentile of daily maxima = the k-th
highest, k = max(1, ceil(0.01 n)).

Run by build/bench/bench_plume_year with Debian's /usr/bin/python3 (python3-numpy):
    /usr/bin/python3 bench/peers/numpy_plume_year.py CASE_DIR [OUT_FILE]
CASE_DIR holds case.txt ("HOURS SOURCES RECEPTORS RANKS PEER_RECEPTORS": the peer computes the first
PEER_RECEPTORS receptors), receptors.raw (x, y, z arrays), sources.raw
([hour][source] rows "X Y Q H U DIRECTION AY BY PY AZ BZ PZ") and status.raw (1 valid, 0 calm/missing), all
float64. Prints "EVALUATIONS CPU_S" (process CPU time of the computation alone). With OUT_FILE, writes the
design values of the four limits (EU SO2 hourly: 25th highest 1 h; EU SO2 daily: 4th highest day; 99th
percentile of daily max 1 h; annual mean), [limit][receptor] float64.
"""
import os
import sys
import time

import numpy as np

BLOCK = 500  # receptors per block: (8760, 500) float64 arrays of 35 MB


def block_concentration(xr, yr, zr, src, valid):
    hours = src.shape[0]
    c = np.zeros((hours, xr.size))
    for k in range(src.shape[1]):
        xs, ys, q, h, u, direction, ay, by, py, az, bz, pz = (src[:, k, i][:, None] for i in range(12))
        theta = np.radians(direction)
        ex, ey = -np.sin(theta), -np.cos(theta)
        dx, dy = xr[None, :] - xs, yr[None, :] - ys
        x = dx * ex + dy * ey
        y = dy * ex - dx * ey
        downwind = x > 0.0
        x = np.where(downwind, x, 1.0)
        sy = ay * x * (1.0 + by * x) ** py
        sz = az * x * (1.0 + bz * x) ** pz
        two_sy2, two_sz2 = 2.0 * sy * sy, 2.0 * sz * sz
        vertical = np.exp(-(zr[None, :] - h) ** 2 / two_sz2) + np.exp(-(zr[None, :] + h) ** 2 / two_sz2)
        term = q / (2.0 * np.pi * u) / (sy * sz) * np.exp(-y * y / two_sy2) * vertical
        c += np.where(downwind, term, 0.0)
    c[~valid, :] = 0.0
    return c


def kth_highest(values, k, axis=0):
    """k-th highest along axis (k >= 1); values may hold -inf for 'no value'."""
    n = values.shape[axis]
    return -np.partition(-values, k - 1, axis=axis).take(k - 1, axis=axis) if k <= n else np.zeros(values.shape[1])


def design_values(c, valid, ranks):
    hours, n = c.shape
    days = hours // 24
    v = valid[:, None]
    hourly = np.where(v, c, -np.inf)
    top1h = -np.sort(np.partition(-hourly, ranks - 1, axis=0)[:ranks], axis=0)
    # 8 h rolling means (windows wholly inside the run)
    cs = np.vstack([np.zeros((1, n)), np.cumsum(c, axis=0)])
    cnt = np.concatenate([[0], np.cumsum(valid)])
    wsum = cs[8:] - cs[:-8]
    wcnt = (cnt[8:] - cnt[:-8])[:, None]
    eight = wsum / np.maximum(wcnt, 6)
    top8h = -np.sort(np.partition(-eight, ranks - 1, axis=0)[:ranks], axis=0)
    # calendar days
    cd = c[: days * 24].reshape(days, 24, n)
    vd = valid[: days * 24].reshape(days, 24)
    nvalid = vd.sum(axis=1)[:, None]
    daily = cd.sum(axis=1) / np.maximum(nvalid, 18)
    daily = np.where(nvalid > 0, daily, -np.inf)
    top24h = -np.sort(np.partition(-daily, ranks - 1, axis=0)[:ranks], axis=0)
    annual = c.sum(axis=0) / max(valid.sum(), 1)
    daymax = np.where(vd[:, :, None], cd, -np.inf).max(axis=1)[nvalid[:, 0] > 0]
    k99 = max(1, int(np.ceil(0.01 * daymax.shape[0] - 1e-9)))
    p99 = kth_highest(daymax, k99)
    return np.vstack([top1h[24], top24h[3], p99, annual]), top1h, top8h, top24h


def main():
    case = sys.argv[1]
    hours, nsrc, nrec_all, ranks, nrec = (int(v) for v in open(os.path.join(case, "case.txt")).read().split())
    rec = np.fromfile(os.path.join(case, "receptors.raw")).reshape(3, nrec_all)[:, :nrec]
    src = np.fromfile(os.path.join(case, "sources.raw")).reshape(hours, nsrc, 12)
    valid = np.fromfile(os.path.join(case, "status.raw")) > 0.5
    out = np.zeros((4, nrec))
    t0 = time.process_time()
    for b in range(0, nrec, BLOCK):
        sl = slice(b, min(b + BLOCK, nrec))
        c = block_concentration(rec[0, sl], rec[1, sl], rec[2, sl], src, valid)
        out[:, sl] = design_values(c, valid, ranks)[0]
    cpu_s = time.process_time() - t0
    if len(sys.argv) > 2:
        out.tofile(sys.argv[2])
    print(hours * nsrc * nrec, cpu_s)


if __name__ == "__main__":
    main()
