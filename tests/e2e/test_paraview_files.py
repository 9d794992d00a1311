"""End to end: the vtk/ folder of a run opens as ParaView expects, read back with VTK's Python module.

Usage: test_paraview_files.py TWINLAB_BINARY SOURCE_DIR
Runs the examples small (example_outputs.py: both dispersion models on uniform and on stretched layers, a
statistics-only plume, a production line) and checks with python3-vtk9 (Debian's /usr/bin/python3):
* every .pvd entry's time equals the simulated seconds (the `time` coordinate of results.h5's group), its
  file exists and reads; the frame's field data TimeValue is the same time;
* each array is named as docs/data-format.md says and carries its units in field data (NAME_units, equal to
  results.h5's `units`), and a frame's values equal results.h5's (exactly: both are the same doubles);
* sites.vtp and line.vtp hold the names, kinds, positions and station figures of results.h5;
* examples/paraview/plume.py compiles, and the file and array names it uses exist in the run.
"""
import importlib.util
import pathlib
import py_compile
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

import h5py
import numpy as np

from e2e_support import check, finish, skip, source_dir, twinlab

try:
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkIOXML import (vtkXMLImageDataReader, vtkXMLPolyDataReader, vtkXMLRectilinearGridReader)
except ImportError:
    skip("python3-vtk9 is not installed")

import example_outputs

READERS = {".vti": vtkXMLImageDataReader, ".vtr": vtkXMLRectilinearGridReader, ".vtp": vtkXMLPolyDataReader}


def read(path):
    reader = READERS[path.suffix]()
    reader.SetFileName(str(path))
    reader.Update()
    check(reader.GetErrorCode() == 0, f"{path.name}: VTK could not read it")
    return reader.GetOutput()


def field_text(data, name):
    array = data.GetFieldData().GetAbstractArray(name)
    return array.GetValue(0) if array is not None and array.GetNumberOfValues() == 1 else None


def field_number(data, name):
    array = data.GetFieldData().GetArray(name)
    return array.GetTuple1(0) if array is not None else None


def strings(data, name):
    array = data.GetPointData().GetAbstractArray(name)
    return [array.GetValue(i) for i in range(array.GetNumberOfValues())] if array is not None else None


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def pvd_entries(path):
    root = ET.parse(path).getroot()
    return [(float(d.get("timestep")), d.get("file")) for d in root.iter("DataSet")]


def check_series(vtk_dir, results, series, group, association, where):
    """A .pvd series against results.h5 group `group`: times, files, field data and the values of each frame."""
    entries = pvd_entries(vtk_dir / series)
    with h5py.File(results) as f:
        times = f[group]["time"][:]
        values = f[group]["concentration"]
        units = f[group]["concentration"].attrs["units"]
        units = units.decode() if isinstance(units, bytes) else units
        check(len(entries) == len(times), f"{where}: {len(entries)} entries in {series}, {len(times)} times in results.h5")
        check([t for t, _ in entries] == list(times), f"{where}: {series} times {[t for t, _ in entries][:4]}... "
                                                       f"are not results.h5's {group}/time {list(times[:4])}...")
        for k, (time, name) in enumerate(entries):
            path = vtk_dir / name
            check(path.exists(), f"{where}: {series} names {name}, which does not exist")
            if not path.exists():
                continue
            data = read(path)
            attributes = data.GetPointData() if association == "point" else data.GetCellData()
            array = attributes.GetArray("concentration")
            check(array is not None, f"{where}: {name} has no {association} array 'concentration'")
            check(field_text(data, "concentration_units") == units,
                  f"{where}: {name} field data concentration_units = {field_text(data, 'concentration_units')!r}, "
                  f"results.h5 says {units!r}")
            check(field_text(data, "coordinate_units") == "m", f"{where}: {name} has no coordinate_units = m")
            check(field_number(data, "TimeValue") == time,
                  f"{where}: {name} TimeValue {field_number(data, 'TimeValue')} != the .pvd's {time}")
            if array is not None and k in (0, len(entries) - 1):  # first and last frame, value for value
                got = vtk_to_numpy(array)
                want = values[k].ravel()  # C order (z, y, x): x fastest, as VTK
                check(got.shape == want.shape and np.array_equal(got, want),
                      f"{where}: {name} values differ from results.h5 {group}/concentration[{k}] "
                      f"(max |diff| {np.max(np.abs(got - want)) if got.shape == want.shape else 'shape'})")
    return entries


def check_eulerian_geometry(vtk_dir, results, entries, where):
    """Cell centres of the first frame at results.h5's x, y, z (m); on stretched layers, the layer faces."""
    data = read(vtk_dir / entries[0][1])
    with h5py.File(results) as f:
        x, y, z = f["eulerian/x"][:], f["eulerian/y"][:], f["eulerian/z"][:]
        thickness = f["eulerian/layer_thickness"][:]
    if entries[0][1].endswith(".vtr"):
        zc = vtk_to_numpy(data.GetZCoordinates())
        check(np.allclose(np.diff(zc), thickness, rtol=1e-12, atol=1e-9),
              f"{where}: .vtr layer faces do not give results.h5's layer_thickness")
        xc = vtk_to_numpy(data.GetXCoordinates())
        check(np.allclose((xc[:-1] + xc[1:]) / 2, x, atol=1e-9), f"{where}: .vtr x faces are not around results.h5's x")
    else:
        origin, spacing, dims = data.GetOrigin(), data.GetSpacing(), data.GetDimensions()
        check(tuple(dims) == (len(x) + 1, len(y) + 1, len(z) + 1), f"{where}: dims {dims} for {len(x)}x{len(y)}x{len(z)} cells")
        # Tolerance: origin and spacing are differences of the same coordinates, round-off of a few ulps of 1e4 m.
        check(abs(origin[0] + spacing[0] / 2 - x[0]) < 1e-6 and abs(origin[2] + spacing[2] / 2 - z[0]) < 1e-6,
              f"{where}: first cell centre ({origin[0] + spacing[0] / 2}, {origin[2] + spacing[2] / 2}) is not "
              f"results.h5's ({x[0]}, {z[0]})")


def check_sites(vtk_dir, results, where):
    data = read(vtk_dir / "sites.vtp")
    with h5py.File(results) as f:
        sources = text(f["sources/source"][:])
        model = "plume" if "plume" in f else "eulerian"
        receptors = text(f[f"{model}/receptor"][:]) if "receptor" in f[model] else []
        source_xyz = np.column_stack([f["sources/x"][:], f["sources/y"][:], f["sources/height"][:]])
        receptor_xyz = (np.column_stack([f[f"{model}/receptor_x"][:], f[f"{model}/receptor_y"][:],
                                         f[f"{model}/receptor_z"][:]]) if receptors else np.empty((0, 3)))
    check(strings(data, "name") == sources + receptors, f"{where}: sites.vtp names are not results.h5's sources + sensors")
    check(strings(data, "kind") == ["source"] * len(sources) + ["receptor"] * len(receptors),
          f"{where}: sites.vtp kind is not source.../receptor...")
    points = vtk_to_numpy(data.GetPoints().GetData())
    check(np.array_equal(points, np.vstack([source_xyz, receptor_xyz])), f"{where}: sites.vtp positions differ")
    check(data.GetPointData().GetArray("height_m") is not None, f"{where}: sites.vtp has no height_m")
    check(field_text(data, "height_m_units") == "m" and field_text(data, "coordinate_units") == "m",
          f"{where}: sites.vtp field data lacks height_m_units / coordinate_units")


def check_line(vtk_dir, results, where):
    data = read(vtk_dir / "line.vtp")
    with h5py.File(results) as f:
        stations = text(f["stations/station"][:])
        columns = {name: (v[:], v.attrs.get("units")) for name, v in f["stations"].items()
                   if name not in ("station", "buffer_capacity") and not name.endswith("_half_width")}
    check(strings(data, "name") == stations, f"{where}: line.vtp names {strings(data, 'name')} != {stations}")
    for name, (values, units) in columns.items():
        units = units.decode() if isinstance(units, bytes) else units
        array = data.GetPointData().GetArray(name)
        check(array is not None, f"{where}: line.vtp has no point array '{name}'")
        if array is not None:
            check(np.array_equal(vtk_to_numpy(array), values.astype(float)),
                  f"{where}: line.vtp '{name}' differs from results.h5 stations/{name}")
        check(field_text(data, f"{name}_units") == units,
              f"{where}: line.vtp {name}_units = {field_text(data, f'{name}_units')!r}, results.h5 says {units!r}")
    check(data.GetNumberOfLines() >= len(stations) - 1, f"{where}: line.vtp has {data.GetNumberOfLines()} buffer lines")
    for name in ("buffer_mean", "buffer_capacity"):
        array = data.GetCellData().GetArray(name)
        check(array is not None, f"{where}: line.vtp has no cell array '{name}'")
        if array is not None:  # vertex cells first (NaN), then one value per buffer line
            values = vtk_to_numpy(array)
            check(np.all(np.isnan(values[:len(stations)])) and np.all(np.isfinite(values[len(stations):])),
                  f"{where}: line.vtp '{name}' is not NaN on the stations and finite on the buffers")
        check(field_text(data, f"{name}_units") == "1", f"{where}: line.vtp lacks {name}_units")


def documented_arrays():
    """Backticked names in the vtk/ section of docs/data-format.md."""
    doc = (source_dir / "docs" / "data-format.md").read_text()
    section = doc[doc.index("<!-- data-format: vtk -->"):]
    return set(re.findall(r"`([A-Za-z_]+)`", section))


def arrays_of(data):
    names = set()
    for attributes in (data.GetPointData(), data.GetCellData(), data.GetFieldData()):
        names |= {attributes.GetAbstractArray(i).GetName() for i in range(attributes.GetNumberOfArrays())}
    return names


with tempfile.TemporaryDirectory() as tmp:
    try:
        out = example_outputs.make(twinlab, source_dir, pathlib.Path(tmp), ["stack", "site", "met", "line"])
    except RuntimeError as e:
        print(e)
        sys.exit(1)
    frames = 0
    for kind in ("stack", "site"):
        vtk_dir, results = out[kind] / "vtk", out[kind] / "results.h5"
        eulerian = check_series(vtk_dir, results, "eulerian.pvd", "eulerian", "cell", f"{kind} eulerian")
        plume = check_series(vtk_dir, results, "plume.pvd", "plume", "point", f"{kind} plume")
        frames += len(eulerian) + len(plume)
        check(eulerian and eulerian[0][1].endswith(".vtr" if kind == "site" else ".vti"),
              f"{kind}: Eulerian frames are {eulerian[:1]}, want {'.vtr (stretched layers)' if kind == 'site' else '.vti'}")
        if eulerian:
            check_eulerian_geometry(vtk_dir, results, eulerian, f"{kind} eulerian")
        check_sites(vtk_dir, results, kind)

    statistics = read(out["met"] / "vtk" / "plume_statistics.vti")
    with h5py.File(out["met"] / "results.h5") as f:
        for name in ("concentration_max", "concentration_mean"):
            array = statistics.GetPointData().GetArray(name)
            check(array is not None and np.array_equal(vtk_to_numpy(array), f[f"plume/{name}"][:].ravel()),
                  f"met: plume_statistics.vti '{name}' differs from results.h5 plume/{name}")
            check(field_text(statistics, f"{name}_units") == "kg m-3", f"met: plume_statistics.vti lacks {name}_units")
    check_line(out["line"] / "vtk", out["line"] / "results.h5", "line")

    # Every array name a dispersion file holds is in docs/data-format.md (the line's station figures are
    # documented as "every station figure of results.h5 `stations`" and checked against results.h5 above).
    documented = documented_arrays()
    for kind in ("stack", "site", "met"):
        for path in sorted((out[kind] / "vtk").glob("*.vt?")):
            for name in arrays_of(read(path)) - documented:
                check(False, f"{kind}: {path.name} array '{name}' is not in docs/data-format.md's vtk/ section")

    # The ParaView script: it compiles, and what it opens exists with the arrays it colours by.
    script = source_dir / "examples" / "paraview" / "plume.py"
    try:
        py_compile.compile(str(script), cfile=str(pathlib.Path(tmp) / "plume.pyc"), doraise=True)
    except py_compile.PyCompileError as e:
        check(False, f"examples/paraview/plume.py does not compile: {e}")
    spec = importlib.util.spec_from_file_location("plume_script", script)
    plume_script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plume_script)  # constants only: paraview is imported inside main()
    p = plume_script
    stack_vtk, met_vtk = out["stack"] / "vtk", out["met"] / "vtk"
    for directory, name in ((stack_vtk, p.PLUME_SERIES), (stack_vtk, p.EULERIAN_SERIES), (stack_vtk, p.SITES),
                            (met_vtk, p.PLUME_STATISTICS)):
        check((directory / name).exists(), f"plume.py opens {name}, which a run does not write")
    first = pvd_entries(stack_vtk / p.PLUME_SERIES)[0][1]
    check(read(stack_vtk / first).GetPointData().GetArray(p.CONCENTRATION) is not None,
          f"plume.py colours the plume by point array '{p.CONCENTRATION}', absent from {first}")
    first = pvd_entries(stack_vtk / p.EULERIAN_SERIES)[0][1]
    check(read(stack_vtk / first).GetCellData().GetArray(p.CONCENTRATION) is not None,
          f"plume.py colours the Eulerian slice by cell array '{p.CONCENTRATION}', absent from {first}")
    check(read(met_vtk / p.PLUME_STATISTICS).GetPointData().GetArray(p.STATISTICS_ARRAY) is not None,
          f"plume.py colours statistics by '{p.STATISTICS_ARRAY}', absent")
    check(field_text(read(stack_vtk / first), p.CONCENTRATION_UNITS) == "kg m-3", "plume.py's units field is absent")
    sites = read(stack_vtk / p.SITES)
    check(strings(sites, p.SITE_NAME) is not None and set(strings(sites, p.SITE_KIND) or []) == set(p.SITE_KINDS),
          f"plume.py labels by '{p.SITE_NAME}' and '{p.SITE_KIND}' {p.SITE_KINDS}: not what sites.vtp holds")
    check(p.arguments(["run_dir", "--model", "eulerian"]).model == "eulerian", "plume.py's arguments do not parse")

finish(f"ParaView files: {frames} frames of 4 series match results.h5 (times, values, units); sites, line, "
       "statistics and examples/paraview/plume.py's names checked")
