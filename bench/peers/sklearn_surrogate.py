"""Peers of twinlab's scalar surrogate for bench/bench_surrogate.cpp: scikit-learn's GaussianProcessRegressor
and MLPRegressor (Debian's python3-sklearn) on the SAME runs and split as a twinlab model (model.json `split`),
with the same input/output transforms (model.json `scaling`: log10 where twinlab chose it, then standardised).

Accuracy and calibration are computed by one function, here, for every method, twinlab's model.pt included
(run by Debian's python3-torch, like a notebook would): R^2, RMSE and mean relative error in raw units; the
coverage of +-1 / +-2 sigma and the Gaussian NLL in the learnt (scaled) space, as in model.json.

Times: training (wall and CPU of this process, one BLAS/OpenMP thread), inference of a batch of 4096 points
(samples per CPU second) and the latency of one point (median and 99th percentile), all outputs with their spread (GP: return_std=True).

Usage: /usr/bin/python3 sklearn_surrogate.py STUDY.h5 MODEL_DIR   -> one JSON object on stdout
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"  # one thread, like twinlab's benchmark (before NumPy loads its BLAS)

import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.gaussian_process import GaussianProcessRegressor  # noqa: E402
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Matern, WhiteKernel  # noqa: E402
from sklearn.neural_network import MLPRegressor  # noqa: E402

LN10 = math.log(10.0)


class Scaling:
    def __init__(self, spec):
        s = spec["scaling"]
        self.log10 = s["transform"] == "log10"
        self.shift, self.scale = s["shift"], s["scale"]

    def forward(self, v):
        return ((np.log10(v) if self.log10 else v) - self.shift) / self.scale

    def inverse(self, t):
        v = t * self.scale + self.shift
        return 10.0 ** v if self.log10 else v

    def raw_to_learnt_sigma(self, mean, std):  # twinlab's contract (model_card.hpp)
        return (std / (LN10 * mean) if self.log10 else std) / self.scale


def metrics(truth, mean, truth_t=None, mu=None, sigma=None):
    e = mean - truth
    ss_res, ss_tot = float(np.sum(e * e)), float(np.sum((truth - truth.mean()) ** 2))
    nz = truth != 0
    out = {"n": int(truth.size), "r2": 1.0 - ss_res / ss_tot, "rmse": math.sqrt(ss_res / truth.size),
           "mean_relative_error": float(np.mean(np.abs(e[nz]) / np.abs(truth[nz])))}
    if sigma is not None:
        z = (truth_t - mu) / sigma
        out["mean_nll"] = float(np.mean(0.5 * (np.log(2 * math.pi * sigma * sigma) + z * z)))
        out["coverage_1sigma"] = float(np.mean(np.abs(z) <= 1.0))
        out["coverage_2sigma"] = float(np.mean(np.abs(z) <= 2.0))
    return out


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - w, time.process_time() - c


def inference(predict, x_batch, x_single):
    predict(x_batch[:64])  # warm-up
    # CPU time of this (one-threaded) process, like twinlab's thread CPU time: a shared machine's other jobs
    # do not count. Latencies below are wall-clock on both sides.
    rounds, start = 0, time.process_time()
    while rounds < 3 or time.process_time() - start < 1.0:
        predict(x_batch)
        rounds += 1
    rate = rounds * x_batch.shape[0] / (time.process_time() - start)
    lat = []
    for i in range(x_single.shape[0]):
        t = time.perf_counter()
        predict(x_single[i:i + 1])
        lat.append(time.perf_counter() - t)
    return {"rate_batch4096_per_s": rate, "latency_median_us": 1e6 * float(np.median(lat)),
            "latency_p99_us": 1e6 * float(np.percentile(lat, 99))}


def main():
    study, model_dir = sys.argv[1], sys.argv[2]
    card = json.load(open(os.path.join(model_dir, "model.json")))
    split = card.get("split")
    if split is None:
        sys.exit(f"{model_dir}/model.json has no `split` block (train it with this twinlab)")
    in_names = [i["name"] for i in card["inputs"]]
    out_names = [o["name"] for o in card["outputs"]]
    in_sc = [Scaling(i) for i in card["inputs"]]
    out_sc = [Scaling(o) for o in card["outputs"]]
    with h5py.File(study, "r") as f:
        g = f["study"]
        runs = g["run"][:].astype(np.int64)
        X = np.column_stack([g[n][:] for n in in_names]).astype(np.float64)
        Y = np.column_stack([g[n][:] for n in out_names]).astype(np.float64)
    if split["by"] == "run":
        where = {int(r): k for k, r in enumerate(runs)}
        pick = lambda ids: np.array([where[int(i)] for i in ids], dtype=np.int64)  # noqa: E731
    else:  # rows of the successful runs in file order: not reconstructible here without the status filter
        sys.exit("split.by must be `run` for this script")
    tr, va, te = pick(split["train"]), pick(split["validation"]), pick(split["test"])

    def fx(x):
        return np.column_stack([s.forward(x[:, k]) for k, s in enumerate(in_sc)])

    def fy(y):
        return np.column_stack([s.forward(y[:, k]) for k, s in enumerate(out_sc)])

    Xt, Yt = fx(X), fy(Y)
    rng = np.random.default_rng(1)
    lo = np.array([i["min"] for i in card["inputs"]])
    hi = np.array([i["max"] for i in card["inputs"]])
    x_batch = fx(lo + (hi - lo) * rng.random((4096, len(lo))))
    x_single = x_batch[:2000]

    def report(mu_t, sigma_t):  # learnt-space predictions of the test rows -> metrics per output
        per = []
        for k, s in enumerate(out_sc):
            mean = s.inverse(mu_t[:, k])
            per.append(metrics(Y[te, k], mean, Yt[te, k], mu_t[:, k],
                               None if sigma_t is None else sigma_t[:, k]))
        return per

    result = {"python": sys.version.split()[0], "sklearn": sklearn.__version__, "numpy": np.__version__,
              "outputs": out_names, "rows": {"train": len(tr), "validation": len(va), "test": len(te)},
              "methods": []}

    # twinlab's own model.pt through torch.jit.load: its metrics by the same function as the peers'.
    try:
        import torch
        torch.set_num_threads(1)
        module = torch.jit.load(os.path.join(model_dir, "model.pt"))
        with torch.no_grad():
            mean, std = module(torch.tensor(X[te], dtype=torch.float64))
        mean, std = mean.numpy(), std.numpy()
        mu_t = np.column_stack([s.forward(mean[:, k]) for k, s in enumerate(out_sc)])
        sig_t = np.column_stack([s.raw_to_learnt_sigma(mean[:, k], std[:, k]) for k, s in enumerate(out_sc)])
        result["methods"].append({"name": "twinlab", "fit_rows": len(tr), "outputs": report(mu_t, sig_t)})
    except ImportError:
        pass

    def gp_peer(name, kernel, rows):
        gps = []

        def fit():
            for k in range(len(out_sc)):
                gp = GaussianProcessRegressor(kernel=kernel, normalize_y=True, n_restarts_optimizer=4, random_state=0)
                gps.append(gp.fit(Xt[rows], Yt[rows, k]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            _, wall, cpu = timed(fit)

        def predict(x):
            pairs = [gp.predict(x, return_std=True) for gp in gps]
            return np.column_stack([p[0] for p in pairs]), np.column_stack([p[1] for p in pairs])
        mu_t, sig_t = predict(Xt[te])
        entry = {"name": name, "fit_rows": len(rows), "train_wall_s": wall, "train_cpu_s": cpu,
                 "kernel": [str(gp.kernel_) for gp in gps], "outputs": report(mu_t, sig_t)}
        entry.update(inference(predict, x_batch, x_single))
        result["methods"].append(entry)

    d = len(in_sc)
    white = WhiteKernel(1e-6, (1e-12, 1e-1))
    gp_peer("GP RBF", ConstantKernel(1.0, (1e-3, 1e3)) * RBF(np.ones(d), (1e-2, 1e3)) + white, tr)
    gp_peer("GP Matern5/2", ConstantKernel(1.0, (1e-3, 1e3)) * Matern(np.ones(d), (1e-2, 1e3), nu=2.5) + white, tr)
    gp_peer("GP Matern5/2 tr+val", ConstantKernel(1.0, (1e-3, 1e3)) * Matern(np.ones(d), (1e-2, 1e3), nu=2.5) + white,
            np.concatenate([tr, va]))

    # MLPRegressor: the same widths, activation, optimiser and learning rate as twinlab's default members.
    mlp = MLPRegressor(hidden_layer_sizes=tuple(card["training"]["hidden_layers"] or [64, 64]), activation="tanh",
                       solver="adam", learning_rate_init=3e-3, batch_size=len(tr), max_iter=4000, tol=1e-9,
                       n_iter_no_change=300, alpha=1e-6, random_state=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, wall, cpu = timed(lambda: mlp.fit(Xt[tr], Yt[tr]))
    entry = {"name": "MLPRegressor", "fit_rows": len(tr), "train_wall_s": wall, "train_cpu_s": cpu,
             "epochs": int(mlp.n_iter_), "outputs": report(mlp.predict(Xt[te]).reshape(len(te), -1), None)}
    entry.update(inference(mlp.predict, x_batch, x_single))
    result["methods"].append(entry)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
