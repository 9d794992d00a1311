# %% [markdown]
# # A sweep's study.h5
# Opens `study.h5` with xarray, h5py and pandas (one line each) and plots each KPI against each parameter, and
# a kept field (a ground-level map per run) when the study has one.
# Make the study first: `twinlab sweep scenarios/examples/studies/plume_stack.yaml -o out/plume_stack`.
# As a script: `python3 open_study.py [STUDY_DIR_OR_FILE [FIGURE_DIR]]`; docs/data-format.md lists the variables.

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
study = pathlib.Path(args[0] if args else "out/plume_stack")
study = study / "study.h5" if study.is_dir() else study
figures = pathlib.Path(args[1] if len(args) > 1 else ".")
figures.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Open it: one row a run; each variable's `role` says what it is (parameter, kpi, field, status, meta)

# %%
s = xr.open_dataset(study, engine="h5netcdf", group="study")
table = s[[v for v in s.data_vars if s[v].dims == ("run",)]].to_dataframe()  # pandas: the scalar columns
with h5py.File(study) as f:
    print(f.attrs["study_name"], "| sampler", f.attrs["sampler"], "| runs", f.attrs["design_count"])
parameters = [v for v in s.data_vars if s[v].attrs.get("role") == "parameter"]
kpis = [v for v in s.data_vars if s[v].attrs.get("role") == "kpi"]
fields = [v for v in s.data_vars if s[v].attrs.get("role") == "field"]
ok = table[table["status"] == "ok"]
print(ok[parameters + kpis].describe().T[["min", "mean", "max"]])

# %% [markdown]
# ## Each KPI against each parameter

# %%
fig, axes = plt.subplots(len(kpis), len(parameters), figsize=(3.2 * len(parameters), 2.8 * len(kpis)),
                         squeeze=False)
for i, kpi in enumerate(kpis):
    for j, parameter in enumerate(parameters):
        ax = axes[i][j]
        ax.scatter(ok[parameter], ok[kpi], s=12)
        ax.set_xlabel(f"{parameter.split('.')[-1]} [{s[parameter].attrs.get('units', '')}]", fontsize=8)
        if j == 0:
            ax.set_ylabel(f"{kpi.split('.')[-1]}\n[{s[kpi].attrs.get('units', '')}]", fontsize=8)
        ax.tick_params(labelsize=7)
fig.suptitle(f"{study.parent.name}: KPIs over the design")
fig.tight_layout()
fig.savefig(figures / "study_scatter.png", dpi=100)

# %% [markdown]
# ## A kept field: the run with the highest value, and the mean over the runs (log scale)

# %%
if fields:
    field = s[fields[0]].where(s["status"] == "ok")
    best = int(field.max(dim=field.dims[1:]).argmax())
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for ax, data, title in ((axes[0], field.isel(run=best), f"run {int(s.run[best])}"),
                            (axes[1], field.mean(dim="run"), "mean over the runs")):
        scale, units = (1e9, "ug/m^3") if field.attrs.get("units") == "kg m-3" else (1.0, field.attrs.get("units"))
        values = np.asarray(data) * scale
        top = np.nanmax(values)
        image = ax.imshow(np.where(values > top * 1e-4, values, np.nan), origin="lower", cmap="viridis",
                          norm=LogNorm(vmin=top * 1e-4, vmax=top))
        fig.colorbar(image, ax=ax, label=f"{fields[0].split('.')[-1]} [{units}]")
        ax.set(title=title, xlabel="x node", ylabel="y node")
    fig.tight_layout()
    fig.savefig(figures / "study_field.png", dpi=100)
print("figures:", sorted(str(p) for p in figures.glob("study_*.png")))
