"""End to end: the site-geometry example (a CRS, lat/lon input, area/volume/line sources, receptor networks).
A notebook gets the CRS from results.h5 (CF grid_mapping, read with xarray and h5py), the sources' and
receptors' lat/lon, and reshapes a grid network back into 2-D.

Usage: test_site_geometry.py TWINLAB_BINARY SOURCE_DIR
"""
import tempfile
import pathlib

import e2e_support as e2e

try:
    import h5py
    import numpy as np
    import xarray as xr
except ImportError as missing:  # Debian's python3-h5py / python3-xarray
    e2e.skip(f"needs h5py, numpy and xarray ({missing})")

example = e2e.source_dir / "scenarios" / "examples" / "site_geometry.yaml"

with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp) / "site"
    r = e2e.run("run", str(example), "-o", str(out))
    e2e.check(r.returncode == 0, f"run exit {r.returncode}")
    e2e.check("network grid1 highest peak" in r.stdout, "the table has a row per network")
    e2e.check("sensor school peak" in r.stdout, "the discrete receptor keeps its row")
    e2e.check("sensor grid1[" not in r.stdout and "sensor ring" not in r.stdout, "no row per network receptor")
    results = out / "results.h5"

    for group in ("plume", "eulerian"):
        ds = xr.open_dataset(results, engine="h5netcdf", group=group)
        e2e.check(ds["concentration"].attrs.get("grid_mapping") == "crs", f"{group}: concentration grid_mapping")
        crs = ds["crs"].attrs
        e2e.check(crs.get("grid_mapping_name") == "transverse_mercator", f"{group}: grid_mapping_name {crs}")
        e2e.check(crs.get("epsg_code") == "EPSG:32633", f"{group}: epsg_code")
        e2e.check("UTM zone 33N" in crs.get("crs_wkt", ""), f"{group}: crs_wkt")
        e2e.check("UTM zone 33N" in crs.get("spatial_ref", ""), f"{group}: spatial_ref")
        e2e.check(ds["x"].attrs.get("standard_name") == "projection_x_coordinate", f"{group}: x standard_name")
        names = [str(n) for n in ds["receptor"].values]
        school = names.index("school")
        # The school was given as 48.1935 N, 16.3990 E: projected and back within 1e-9 degrees (0.1 mm).
        e2e.check(abs(float(ds["receptor_latitude"][school]) - 48.1935) < 1e-9, f"{group}: school latitude")
        e2e.check(abs(float(ds["receptor_longitude"][school]) - 16.3990) < 1e-9, f"{group}: school longitude")
        net = ds["receptor_network"].values
        e2e.check(net[school] == -1, f"{group}: the school is a discrete receptor")
        e2e.check("ring500m[090]" in names and "grid1[3,4]" in names and "fence[1]" in names, f"{group}: names")
        ds.close()

    with h5py.File(results, "r") as f:
        e2e.check(f.attrs["crs"] in (b"EPSG:32633", "EPSG:32633"), "root attribute crs")
        lat = f["sources/latitude"][...]
        e2e.check(abs(lat[0] - 48.1908) < 1e-9, f"kiln stack latitude {lat[0]}")
        net = f["receptor_networks/grid1"]
        first, count = int(net.attrs["receptor_offset"]), int(net.attrs["receptor_count"])
        shape = tuple(int(n) for n in net.attrs["shape"])
        e2e.check(shape == (9, 14), f"grid1 shape {shape}")
        c = f["plume/receptor_concentration"][:, first:first + count].reshape((-1, *shape))
        x = f["plume/receptor_x"][first:first + count].reshape(shape)
        y = f["plume/receptor_y"][first:first + count].reshape(shape)
        e2e.check(np.allclose(x[0, :], net["x"][...]) and np.allclose(y[:, 0], net["y"][...]), "grid axes")
        e2e.check(c.shape == (2, 9, 14) and np.all(c >= 0) and c.max() > 0, "grid values reshaped")
        names = [n.decode() if isinstance(n, bytes) else n for n in f["plume/receptor"][first:first + count]]
        e2e.check(names[4 * 14 + 3] == "grid1[3,4]", f"row-major names: {names[4 * 14 + 3]}")

e2e.finish("site geometry: CRS on the fields, lat/lon, networks reshaped")
