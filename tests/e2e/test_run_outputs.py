"""End to end: `twinlab run` with the built-in default scenario; its files opened as a user would.

Usage: test_run_outputs.py TWINLAB_BINARY SOURCE_DIR
results.h5 with h5py and xarray (named dims), vtk/ with VTK's readers, summary.json, stdout's table,
`twinlab info` and `validate`, and --set/--seed reaching the results.
"""
import json
import math
import pathlib
import re
import tempfile
import xml.etree.ElementTree as ET

import h5py
import numpy as np
import xarray as xr
import vtk
from vtk.util.numpy_support import vtk_to_numpy

from e2e_support import check, finish, run, source_dir



with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    out = tmp / "default"
    r = run("run", "-o", str(out))
    check(r.returncode == 0, f"default run exit {r.returncode}")
    check("max ground-level concentration" in r.stdout and "eulerian" in r.stdout, "KPI table on stdout")
    check("time step" not in r.stdout, "logs belong on stderr")
    for name in ("results.h5", "summary.json", "vtk"):
        check((out / name).exists(), f"{name} missing")

    # --- results.h5 through h5py: provenance at the root
    with h5py.File(out / "results.h5", "r") as f:
        a = f.attrs
        check(a["filetype"] == "twinlab-results", "filetype attribute")
        check(int(a["seed"]) == 1, "seed attribute")
        check("twin: dispersion" in a["scenario"], "resolved scenario stored")
        check("wind_speed_m_s" in a["scenario"] and "courant" in a["scenario"], "defaults in stored scenario")
        check("twinlab_version" in a, "version attribute")
        # The checkout's git revision (12 hex digits, maybe "-dirty"), or "unknown" outside a checkout.
        rev = a["twinlab_git_revision"]
        check(rev == "unknown" or re.fullmatch(r"[0-9a-f]{12}(-dirty)?", rev) is not None, f"git revision {rev!r}")
        emitted = f["eulerian/mass_emitted"][()]

    # --- xarray: named dims with coordinate values and units
    eul = xr.open_dataset(out / "results.h5", engine="h5netcdf", group="eulerian")
    c = eul["concentration"]
    check(c.dims == ("time", "z", "y", "x"), f"eulerian dims {c.dims}")
    check(c.attrs.get("units") == "kg m-3", "concentration units")
    check(eul["x"].attrs.get("units") == "m" and eul["time"].attrs.get("units") == "s", "coordinate units")
    check(eul.sizes["x"] == 100 and eul.sizes["y"] == 60 and eul.sizes["z"] == 20, f"sizes {dict(eul.sizes)}")
    check(eul.sizes["time"] == 13 and float(eul["time"][-1]) == 21600.0, "13 output times to 6 h")
    check(float(c.min()) >= 0.0, "no negative concentration")
    check(abs(float(eul["x"][0]) - (-950.0)) < 1e-9, "x coordinate values are cell centres")
    names = [str(n) for n in eul["receptor"].values]
    check(names == ["site_gate", "village_east", "school", "farm_north", "hospital"], f"receptor names {names}")
    check(eul["receptor_concentration"].dims == ("time", "receptor"), "receptor series dims")
    budget = (eul["mass_emitted"] - eul["mass_in_domain"] - eul["mass_outflow"] - eul["mass_decayed"]
              - eul["mass_deposited"])
    check(float(abs(budget).max()) < 1e-9 * float(eul["mass_emitted"][-1]), "mass budget closes")
    # 2 h at 0.3 kg/s then 4 h at 0.45 kg/s from the main stack, 6 h at 0.02 kg/s from the vent
    check(math.isclose(float(eul["mass_emitted"][-1]), 0.3 * 7200 + 0.45 * 14400 + 0.02 * 21600, rel_tol=1e-12),
          "emitted mass follows the schedule")
    plume = xr.open_dataset(out / "results.h5", engine="h5netcdf", group="plume")
    check(plume["concentration"].dims == ("time", "y", "x"), f"plume dims {plume['concentration'].dims}")
    check(plume.sizes["x"] == 201 and plume.sizes["y"] == 121 and plume.sizes["time"] == 6, "plume sizes")
    check(float(plume["concentration"].max()) > 0.0, "plume has a footprint")

    # --- summary.json matches the file
    s = json.loads((out / "summary.json").read_text())
    check(set(s["models"]) == {"plume", "eulerian"}, "both models in summary")
    pm = s["models"]["plume"]["max_ground_concentration_kg_m3"]
    check(math.isclose(pm, float(plume["concentration"].max()), rel_tol=1e-12), "plume max in summary")
    check(abs(s["models"]["eulerian"]["mass_balance_residual_kg"]) < 1e-9 * float(emitted[-1]), "residual")

    # --- VTK: the image series, its .pvd, and the sources/receptors points
    pvd = ET.parse(out / "vtk" / "eulerian.pvd").getroot()
    entries = pvd.findall(".//DataSet")
    check(len(entries) == 13, f"eulerian.pvd lists {len(entries)} files")
    last = out / "vtk" / entries[-1].get("file")
    reader = vtk.vtkXMLImageDataReader()
    reader.SetFileName(str(last))
    reader.Update()
    image = reader.GetOutput()
    check(image.GetDimensions() == (101, 61, 21), f"vti point dims {image.GetDimensions()}")
    arr = image.GetCellData().GetArray("concentration")
    check(arr is not None, "vti has cell array 'concentration'")
    if arr is not None:
        values = vtk_to_numpy(arr)
        check(np.allclose(values, eul["concentration"][-1].values.ravel()), "vti values equal the HDF5 field")
    points = vtk.vtkXMLPolyDataReader()
    points.SetFileName(str(out / "vtk" / "sites.vtp"))
    points.Update()
    check(points.GetOutput().GetNumberOfPoints() == 7, "sites.vtp: 2 sources + 5 receptors")

    # --- info and validate
    r = run("info", str(out / "results.h5"))
    check(r.returncode == 0 and "concentration" in r.stdout and "receptor" in r.stdout, "info lists variables")
    r = run("info", "--scenario", str(out / "results.h5"))
    stored = tmp / "stored.yaml"
    stored.write_text(r.stdout)
    r = run("validate", str(stored))
    check(r.returncode == 0 and "courant: 0.8" in r.stdout, "stored scenario validates again")

    # --- --set and --seed reach the results: the plume is linear in Q (all sources scaled by 2)
    half = tmp / "double"
    r = run("run", "-o", str(half), "--seed", "7", "--set", "dispersion.eulerian.enabled=false",
            "--set", "dispersion.sources[0].schedule=[]", "--set", "dispersion.sources[0].emission_rate_kg_s=0.6",
            "--set", "dispersion.sources[1].emission_rate_kg_s=0.04")
    check(r.returncode == 0, "override run")
    base = tmp / "base"
    run("run", "-o", str(base), "--set", "dispersion.eulerian.enabled=false",
        "--set", "dispersion.sources[0].schedule=[]", "--set", "dispersion.sources[0].emission_rate_kg_s=0.3")
    with h5py.File(half / "results.h5") as f2, h5py.File(base / "results.h5") as f1:
        check(int(f2.attrs["seed"]) == 7, "--seed stored")
        check("eulerian" not in f2, "eulerian disabled by --set")
        ratio = f2["plume/concentration"][()].max() / f1["plume/concentration"][()].max()
        check(abs(ratio - 2.0) < 1e-12, f"doubling Q doubles the plume (ratio {ratio})")

    # --- running again into the same directory replaces it whole
    r = run("run", "-o", str(base), "--set", "dispersion.eulerian.enabled=false")
    check(r.returncode == 0 and not [p for p in tmp.iterdir() if p.name.startswith(".")], "no staging left")

finish("run outputs: results.h5 (h5py, xarray), vtk/ (VTK readers), summary.json, info, validate: all checked")
