#pragma once
// Writes a Dataset to an HDF5 file that h5py reads plainly and xarray opens with
// `xarray.open_dataset(path, engine="h5netcdf", group="eulerian")` with named dimensions and coordinates.
//
// Layout (netCDF-4 conventions, as h5netcdf and netCDF-C read them):
// - each Group is an HDF5 group; groups, datasets and attributes keep their creation order;
// - a coordinate variable is a dataset named after its dimension, made an HDF5 dimension scale
//   (CLASS="DIMENSION_SCALE", NAME=<dim>) with `_Netcdf4Dimid` (int32, unique in the file);
// - a dimension without a coordinate is a float32 dataset of its size holding no values, made a scale named
//   "This is a netCDF dimension but not a netCDF variable.<size %10d>" (h5netcdf lists it as a dimension,
//   not a variable);
// - every axis of every data variable has its dimension's scale attached (DIMENSION_LIST/REFERENCE_LIST);
// - `units` and `long_name` are attributes; strings (data and attributes) are variable-length UTF-8;
//   float64 and int64 are stored little-endian;
// - the HDF5 1.10 file format (checksummed superblock, object headers, B-trees and chunk indexes);
// - numeric array variables are chunked (about 1 MiB chunks, split along the first dimension first) with the
//   Fletcher32 checksum filter; those larger than 64 KiB are also byte-shuffled and gzip-4 compressed;
// - the root carries the Dataset's attributes and `_NCProperties` ("version=2,twinlab=...,hdf5=...").
#include <filesystem>

#include "io/dataset.hpp"

namespace twinlab::io {

// Validates `dataset` (std::invalid_argument, nothing written); a results file (root attribute filetype
// "twinlab-results") that breaks the rule of io/finite_check.hpp (an infinite value, or NaN over time) is
// std::runtime_error naming where and when, nothing written. Then builds the file in memory (HDF5 core driver;
// peak memory is about twice the compressed file size), then writes it atomically: a temporary sibling is
// written, fsynced and renamed to `path`. On any failure the temporary is removed, an existing file at
// `path` is left untouched, and std::runtime_error names `path` and the reason.
void write_hdf5(const Dataset& dataset, const std::filesystem::path& path);

}  // namespace twinlab::io
