"""End to end: damaged HDF5 files never crash a reader; new files still open in h5py and xarray.

Usage: test_damaged_files.py TWINLAB_BINARY SOURCE_DIR
Copies of a line run's results.h5, a dispersion run's results.h5 and a sweep's study.h5 are damaged at many
seeded-random offsets (one byte replaced, or 16 bytes zeroed), plus the single byte of issue #20 (offset 3314
set to 0x92 in a line run's file), and read back with `twinlab info` (and `info --scenario`, `analyze` for the
study): every exit is 0 or 2, never a signal, and every exit 2 says "damaged" (or names a file that is not a
twinlab file at all). Files in the old HDF5 format (superblock 0, no checksums, written by h5py the way twinlab
wrote them before) get the same treatment: there libhdf5 itself crashes on some copies, and twinlab must contain
that in its checking child. Prints the counts (docs/reliability.md quotes them).
"""
import os
import pathlib
import random
import shutil
import signal
import subprocess
import tempfile

import h5py
import numpy as np
import xarray as xr

from e2e_support import check, finish, run, source_dir, twinlab

examples = (source_dir / "scenarios" / "examples").resolve()
copies_per_file = int(os.environ.get("TWINLAB_MUTATIONS", "30"))  # per file; docs/reliability.md: 150
# (30 by default: each `twinlab` start costs ~2 s of CPU loading LibTorch, and the test starts it ~330 times)


def results_of(tmp, name, scenario, *settings):
    out = tmp / name
    args = ["-q", "run", str(scenario), "-o", str(out)]
    for s in settings:
        args += ["--set", s]
    r = run(*args)
    check(r.returncode == 0, f"{name}: run exit {r.returncode}")
    return out / "results.h5"


def twinlab_exit(args, timeout=300, with_stdout=False):
    r = subprocess.run([twinlab, *args], capture_output=True, timeout=timeout)
    err = r.stderr.decode(errors="replace")
    return (r.returncode, err, r.stdout) if with_stdout else (r.returncode, err)


# Messages of an exit 2 that are right for a damaged file: damage detected, or (when the damage hit the
# signature or the filetype attribute) "not an HDF5 file" / "not a twinlab results file".
acceptable_2 = ("damaged", "not an HDF5 file", "not a twinlab results file")


def mutate_and_read(tmp, original, label, commands, rng, extra=(), content_checked=()):
    """content_checked: commands whose own checks of the content (e.g. analyze: the Saltelli order) may meet
    damage that no checksum covers first (text in HDF5's global heap): their exit 2 need not say "damaged"."""
    data = original.read_bytes()
    tally = {"copies": 0, "exit 0": 0, "exit 2": 0, "contained crashes": 0, "changed": 0}
    expected = {c: twinlab_exit([a if a != "FILE" else str(original) for a in c], with_stdout=True) for c in commands}
    for c, (code, err, _) in expected.items():
        check(code == 0, f"{label}: the undamaged file: {' '.join(c)}: exit {code} {err[-300:]}")
    mutations = [(offset, bytes([rng.randrange(256)])) for offset in rng.sample(range(len(data)), copies_per_file)]
    mutations += [(offset, bytes(16)) for offset in rng.sample(range(len(data) - 16), copies_per_file // 3)]
    mutations += list(extra)
    for n, (offset, replacement) in enumerate(mutations):
        damaged = bytearray(data)
        damaged[offset:offset + len(replacement)] = replacement
        if bytes(damaged) == data:
            continue
        path = tmp / f"{label}-{n}.h5"
        path.write_bytes(bytes(damaged))
        tally["copies"] += 1
        for command in commands:
            code, err, out = twinlab_exit([a if a != "FILE" else str(path) for a in command], with_stdout=True)
            where = f"{label} offset {offset} -> {replacement.hex()}: {' '.join(command)}"
            if code < 0 or code > 2:
                check(False, f"{where}: exit {code} ({signal.Signals(-code).name if code < 0 else ''}) {err[-300:]}")
            elif code == 1:
                check(False, f"{where}: exit 1 instead of 2: {err[-300:]}")
            elif code == 2:
                tally["exit 2"] += 1
                check(command in content_checked or any(m in err for m in acceptable_2),
                      f"{where}: exit 2 without 'damaged': {err[-300:]}")
                check(err.count("\n") == 1, f"{where}: one line: {err!r}")
                if "crashes the HDF5 library" in err:
                    tally["contained crashes"] += 1
            else:
                tally["exit 0"] += 1
                # Read without complaint but not what the undamaged file gives: damage no checksum covers
                # (variable-length text lives in HDF5's global heap, which has none). Counted, not failed.
                if out.replace(str(path).encode(), b"FILE") != expected[command][2].replace(str(original).encode(),
                                                                                            b"FILE"):
                    tally["changed"] += 1
        path.unlink()
    print(f"{label}: {tally['copies']} damaged copies, {len(commands)} command(s) each: "
          f"{tally['exit 0']} exit 0 ({tally['changed']} of them with other output than the undamaged file), "
          f"{tally['exit 2']} exit 2 ({tally['contained crashes']} of them contained libhdf5 crashes), 0 signals")
    return tally


def old_format_copy(new, old):
    """The file as twinlab wrote it before: HDF5's earliest format (no checksums), variable-length strings in
    attributes, no Fletcher32. Built by h5py from the new file's content, dimension scales included."""
    with h5py.File(new, "r") as src, h5py.File(old, "w", libver="earliest", track_order=True) as dst:
        def copy_attrs(a, b):
            for k, v in a.attrs.items():
                if k in ("DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME", "_Netcdf4Dimid"):
                    continue
                if isinstance(v, (str, bytes)):
                    b.attrs.create(k, v if isinstance(v, str) else v.decode(), dtype=h5py.string_dtype())
                else:
                    b.attrs[k] = v

        copy_attrs(src, dst)
        for name, group in src.items():
            g = dst.create_group(name, track_order=True)
            copy_attrs(group, g)
            scales = {}
            for vname, var in group.items():
                data = var[()]
                if var.dtype.kind == "O":
                    data = np.array([s.decode() if isinstance(s, bytes) else s for s in np.ravel(data)],
                                    dtype=h5py.string_dtype()).reshape(var.shape)
                d = g.create_dataset(vname, data=data, track_order=True)
                copy_attrs(var, d)
                if h5py.h5ds.is_scale(var.id):
                    d.make_scale(vname)
                    scales[vname] = d
            for vname, var in group.items():
                if h5py.h5ds.is_scale(var.id):
                    continue
                for axis, dim in enumerate(var.dims):
                    for scale in dim.values():
                        key = scale.name.split("/")[-1]
                        if key in scales:
                            g[vname].dims[axis].attach_scale(scales[key])


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    line = results_of(tmp, "line", examples / "machining_line.yaml", "line.run.horizon_s=172800",
                      "line.run.replications=3")
    plume = results_of(tmp, "plume", examples / "urban_plume.yaml", "dispersion.plume.grid_nx=41",
                       "dispersion.plume.grid_ny=41")
    small_plume = tmp / "small_plume.yaml"  # a coarse grid: the 20 runs take a few seconds
    small_plume.write_text((examples / "urban_plume.yaml").read_text()
                           .replace("grid_nx: 161, grid_ny: 161", "grid_nx: 21, grid_ny: 21"))
    study_file = tmp / "sobol.yaml"
    study_file.write_text((examples / "studies" / "plume_stack.yaml").read_text()
                          .replace("../urban_plume.yaml", str(small_plume)).replace("samples: 16", "samples: 4")
                          .replace("fields: [plume.ground_concentration_max]", ""))
    study_dir = tmp / "study"
    r = run("-q", "sweep", str(study_file), "-o", str(study_dir), "-j", "2")
    check(r.returncode == 0, f"sweep exit {r.returncode}")
    study = study_dir / "study.h5"

    # New files: the 1.10 format (superblock version 2 or 3 at byte 8), Fletcher32 on numeric arrays, and
    # h5py and xarray (h5netcdf) still read them as before.
    for path, groups in ((line, ("kpis", "stations", "series", "replications")), (plume, ("plume",)),
                         (study, ("study",))):
        head = path.read_bytes()[:9]
        check(head[:8] == b"\x89HDF\r\n\x1a\n" and head[8] >= 2, f"{path.name}: superblock version {head[8]}")
        with h5py.File(path, "r") as f:
            check(isinstance(f.attrs["filetype"], str) and f.attrs["filetype"].startswith("twinlab-"),
                  "h5py reads text attributes as str")
            numeric = [v for g in groups for v in f[g].values() if isinstance(v, h5py.Dataset)
                       if v.dtype.kind in "fi" and v.ndim > 0 and v.size > 0 and not h5py.h5ds.is_scale(v.id)]
            check(numeric and all(v.fletcher32 for v in numeric), f"{path.name}: Fletcher32 on numeric arrays")
        for g in groups:
            ds = xr.open_dataset(path, engine="h5netcdf", group=g)
            check(len(ds.data_vars) > 0, f"{path.name}: xarray opens group {g}")
            ds.close()
    kpis = xr.open_dataset(line, engine="h5netcdf", group="kpis")
    check(kpis["mean"].attrs.get("units") is not None or "kpi" in kpis.coords, "line kpis readable")
    check(str(kpis["kpi"].values[0]) != "", "string coordinate readable")

    rng = random.Random(20)
    info = [("info", "FILE"), ("info", "--scenario", "FILE")]
    # Issue #20's single byte, against a line run's file (the offset is inside every results file).
    issue_case = [(3314, bytes([0x92]))]
    code, err = twinlab_exit(["analyze", str(study), "--bootstrap", "0", "-o", str(tmp / "analysis")])
    check(code == 0, f"analyze of the undamaged study: {code} {err}")
    analyze = ("analyze", "FILE", "--bootstrap", "0", "-o", str(tmp / "analysis"))
    totals = [mutate_and_read(tmp, line, "line results.h5", info, rng, extra=issue_case),
              mutate_and_read(tmp, plume, "dispersion results.h5", info, rng),
              mutate_and_read(tmp, study, "study.h5", [("info", "FILE"), analyze], rng, content_checked=[analyze])]

    # The old format: libhdf5 crashes on some of these copies; twinlab must contain every crash.
    old_line = tmp / "old_line.h5"
    old_format_copy(line, old_line)
    check(old_line.read_bytes()[8] == 0, "the old-format copy has superblock version 0")
    code, err = twinlab_exit(["info", str(old_line)])
    check(code == 0, f"an undamaged old-format file reads: {code} {err}")
    old = mutate_and_read(tmp, old_line, "old-format line results.h5", info, rng, extra=issue_case)
    totals.append(old)

finish(f"damaged files: {sum(t['copies'] for t in totals)} damaged copies read, no crash, no exit 1; "
       f"{sum(t['contained crashes'] for t in totals)} libhdf5 crashes contained")
