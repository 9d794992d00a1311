# %% [markdown]
# # A dispersion run's results.h5
# Opens `results.h5` of a dispersion run with xarray, h5py and pandas (one line each) and plots the
# ground-level concentration map with the sources and sensors, and the sensors' time series.
# Make the run first: `twinlab run -o out/industrial_stack` (the built-in scenario).
# As a script: `python3 open_results.py [RUN_DIR [FIGURE_DIR]]`; every group and variable is listed in
# docs/data-format.md.

# %%
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
run = pathlib.Path(args[0] if args else "out/industrial_stack")
figures = pathlib.Path(args[1] if len(args) > 1 else ".")
figures.mkdir(parents=True, exist_ok=True)
results = run / "results.h5"

# %% [markdown]
# ## Open it: xarray (one group a Dataset), h5py (the raw file), pandas (a table)

# %%
plume = xr.open_dataset(results, engine="h5netcdf", group="plume")
sources = xr.open_dataset(results, engine="h5netcdf", group="sources")
with h5py.File(results) as f:
    print(f.attrs["scenario_name"], "| pollutant", f.attrs["pollutant"], "| groups", list(f))
sensors = plume.receptor_concentration.to_pandas() * 1e9  # rows: period start (s), columns: sensors; ug/m^3
print(sensors.round(1))

# %% [markdown]
# ## The ground-level map of the period with the highest concentration (ug/m^3, log scale)

# %%
ground = plume.concentration if "concentration" in plume else plume.concentration_max.expand_dims(time=[0.0])
worst = int(ground.max(dim=("y", "x")).argmax())
field = ground.isel(time=worst) * 1e9  # kg/m^3 -> ug/m^3
peak = float(field.max())
fig, ax = plt.subplots(figsize=(8, 5))
mesh = ax.pcolormesh(plume.x, plume.y, field.where(field > peak * 1e-4), shading="nearest",
                     norm=LogNorm(vmin=peak * 1e-4, vmax=peak), cmap="viridis")
fig.colorbar(mesh, ax=ax, label="concentration [ug/m^3]")
ax.plot(sources.x, sources.y, "r^", markersize=9, label="sources")
if "receptor" in plume.dims:
    ax.plot(plume.receptor_x, plume.receptor_y, "wo", markeredgecolor="k", label="sensors")
    for name, x, y in zip(plume.receptor.values, plume.receptor_x.values, plume.receptor_y.values):
        ax.annotate(str(name), (x, y), textcoords="offset points", xytext=(4, 4), fontsize=8)
ax.set(xlabel="x [m]", ylabel="y [m]", aspect="equal",
       title=f"plume model, period starting {float(ground.time[worst]):.0f} s")
ax.legend(loc="upper right", fontsize=8)
fig.savefig(figures / "results_map.png", dpi=100)

# %% [markdown]
# ## The sensors over time (both models when both ran)

# %%
fig, ax = plt.subplots(figsize=(8, 4))
with h5py.File(results) as f:
    has_eulerian = "eulerian" in f
eulerian = xr.open_dataset(results, engine="h5netcdf", group="eulerian") if has_eulerian else None
end = float(plume.time[-1] + plume.period_duration[-1])  # each period's value holds until the next one
for k, column in enumerate(sensors):
    colour = f"C{k % 10}"
    hours = np.append(sensors.index, end) / 3600
    ax.step(hours, np.append(sensors[column], sensors[column].iloc[-1]), where="post", color=colour,
            label=f"{column} (plume)")
    if eulerian is not None:
        series = eulerian.receptor_concentration.sel(receptor=column) * 1e9
        ax.plot(eulerian.time / 3600, series, "--", color=colour, label=f"{column} (Eulerian)")
ax.set(xlabel="time [h]", ylabel="concentration [ug/m^3]", title="sensors")
ax.legend(fontsize=7, ncol=2)
fig.savefig(figures / "results_sensors.png", dpi=100)
print("figures:", figures / "results_map.png", figures / "results_sensors.png")
