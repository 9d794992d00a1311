# %% [markdown]
# # A surrogate: its model.json and its predictions
# Opens a model directory's `model.json` with pandas, and the predictions of `twinlab predict ... -o
# predictions.h5` with xarray and h5py (one line each); plots the predictions with their ensemble spread (a
# field model: the predicted map and its spread) and the model's test metrics.
# Make them first:
# `twinlab sweep scenarios/examples/studies/plume_surrogate.yaml -o out/plume_surrogate`,
# `twinlab train out/plume_surrogate/study.h5 -o out/models/plume`,
# `twinlab predict out/models/plume --input points.csv -o out/predictions.h5`.
# As a script: `python3 open_surrogate.py [MODEL_DIR [PREDICTIONS.h5 [FIGURE_DIR]]]`.

# %%
import json
import sys
import pathlib

import h5py
import matplotlib
if "ipykernel" not in sys.modules:
    matplotlib.use("Agg")  # no display needed when run as a script
import matplotlib.pyplot as plt
from matplotlib.colors import LogNorm
import numpy as np
import pandas as pd
import xarray as xr

args = [] if "ipykernel" in sys.argv[0] else sys.argv[1:]  # a kernel's own arguments are not ours
model = pathlib.Path(args[0] if args else "out/models/plume")
predictions = pathlib.Path(args[1] if len(args) > 1 else "out/predictions.h5")
figures = pathlib.Path(args[2] if len(args) > 2 else ".")
figures.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Open them: the model card (pandas), the predictions (xarray, h5py)

# %%
card = json.loads((model / "model.json").read_text())
inputs = pd.DataFrame(card["inputs"])[["name", "units", "min", "max"]]  # the training domain
outputs = pd.json_normalize(card["outputs"])
p = xr.open_dataset(predictions, engine="h5netcdf", group="predictions")
with h5py.File(predictions) as f:
    print(f.attrs["filetype"], "of", f.attrs["model"], "|", card["kind"], "|", len(p.point), "points")
print(inputs)
predicted = [v for v in p.data_vars if p[v].attrs.get("role") == "prediction"]

# %% [markdown]
# ## The predictions with their spread (mean +- 2 standard deviations)

# %%
field = p[predicted[0]].ndim > 1
if field:  # a field model: the predicted map at the first point and its spread
    mean, std = p[predicted[0]].isel(point=0), p[predicted[0] + "_std"].isel(point=0)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for ax, data, title in ((axes[0], mean, "predicted mean"), (axes[1], std, "ensemble spread (std)")):
        values = np.asarray(data) * 1e9
        top = np.nanmax(values)  # log scale over four decades below the top
        image = ax.pcolormesh(p.x, p.y, np.where(values > top * 1e-4, values, np.nan), shading="nearest",
                              cmap="viridis", norm=LogNorm(vmin=top * 1e-4, vmax=top))
        fig.colorbar(image, ax=ax, label="ug/m^3")
        ax.set(title=f"{title}, point 0", xlabel="x [m]", ylabel="y [m]", aspect="equal")
    fig.tight_layout()
else:
    fig, axes = plt.subplots(1, len(predicted), figsize=(4.5 * len(predicted), 3.5), squeeze=False)
    for ax, name in zip(axes[0], predicted):
        ax.errorbar(p.point, p[name], yerr=2 * p[name + "_std"], fmt="o", capsize=4)
        ax.set(xlabel="query point", ylabel=f"[{p[name].attrs.get('units', '')}]", title=name.split(".")[-1])
        ax.set_xticks(p.point)
    fig.tight_layout()
fig.savefig(figures / "surrogate_predictions.png", dpi=100)

# %% [markdown]
# ## How well the model did on its test runs

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
if "test_metrics.r2" in outputs:
    ax.barh(outputs["name"].str.split(".").str[-1], outputs["test_metrics.r2"])
    ax.set(xlabel="R^2 on the test runs", title="scalar outputs")
else:
    errors = pd.DataFrame(card["field"]["test_errors"]).drop(index="metric", errors="ignore")
    errors = errors.loc[["median", "p95", "max"], ["projection_floor", "end_to_end"]].astype(float)
    errors.plot.bar(ax=ax, rot=0)
    ax.set(ylabel="relative L2 error per test run", title=card["field"]["name"])
fig.tight_layout()
fig.savefig(figures / "surrogate_metrics.png", dpi=100)
print("figures:", figures / "surrogate_predictions.png", figures / "surrogate_metrics.png")
