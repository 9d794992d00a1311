# %% [markdown]
# # A production line's results.h5
# Opens `results.h5` of a line run with xarray, h5py and pandas (one line each) and plots the station states
# and the line's throughput and work in process over time.
# Make the run first: `twinlab run scenarios/examples/machining_line.yaml -o out/machining_line`.
# As a script: `python3 open_line.py [RUN_DIR [FIGURE_DIR]]`; every group and variable is listed in
# docs/data-format.md.

# %%
import sys
import pathlib

import h5py
import matplotlib
if "ipykernel" not in sys.modules:
    matplotlib.use("Agg")  # no display needed when run as a script
import matplotlib.pyplot as plt
import pandas as pd
import xarray as xr

args = [] if "ipykernel" in sys.argv[0] else sys.argv[1:]  # a kernel's own arguments are not ours
run = pathlib.Path(args[0] if args else "out/machining_line")
figures = pathlib.Path(args[1] if len(args) > 1 else ".")
figures.mkdir(parents=True, exist_ok=True)
results = run / "results.h5"

# %% [markdown]
# ## Open it: the KPI table (xarray -> pandas), the stations, the time series

# %%
kpis = xr.open_dataset(results, engine="h5netcdf", group="kpis")[["mean", "half_width", "unit"]].to_dataframe()
stations = xr.open_dataset(results, engine="h5netcdf", group="stations").to_dataframe()
series = xr.open_dataset(results, engine="h5netcdf", group="series").to_dataframe()
with h5py.File(results) as f:
    print(f.attrs["scenario_name"], "| replications", f["kpis"].attrs["replications"], "| groups", list(f))
print(kpis.loc[["throughput_per_s", "wip_mean", "oee"]])

# %% [markdown]
# ## Where the machines' time goes, station by station

# %%
states = ["busy_fraction", "starved_fraction", "blocked_fraction", "down_fraction", "maintenance_fraction"]
fig, ax = plt.subplots(figsize=(8, 4))
stations[states].rename(columns=lambda c: c.replace("_fraction", "")).plot.bar(stacked=True, ax=ax, rot=0)
ax.set(ylabel="fraction of planned machine time", title="station states (mean over replications)")
ax.legend(fontsize=8, loc="lower right")
fig.savefig(figures / "line_states.png", dpi=100)

# %% [markdown]
# ## Throughput and work in process over time

# %%
fig, ax = plt.subplots(figsize=(8, 4))
hours = series.index / 3600
ax.plot(hours, series["throughput"] * 3600, label="throughput [parts/h]")
ax.plot(hours, series["wip"], label="work in process [parts]")
ax.set(xlabel="time after the warm-up [h]", title="line over time (replication 0)")
ax.legend()
fig.savefig(figures / "line_series.png", dpi=100)
print("figures:", figures / "line_states.png", figures / "line_series.png")
