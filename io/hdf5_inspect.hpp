#pragma once
// Reading back HDF5 results files: the text of `twinlab info RESULTS.h5`, the scenario text and what the file
// says about one variable. The raw typed readers (read_double_dataset, ...) are in io/hdf5_read.hpp, included
// here. Errors: twinlab::base::InputError when the file is missing or not HDF5 at all (the user named the wrong
// file); std::runtime_error for anything else (a missing object, a wrong type, an HDF5 file that is not a
// twinlab results file).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "io/hdf5_read.hpp"

namespace twinlab::io {

inline constexpr const char* results_filetype = "twinlab-results";  // root attribute `filetype` of results files

// A multi-line summary: root attributes (long text shown as "<text: N lines, M bytes> first line"), then each
// group with its dimensions and a table of variables: name, dims (from the attached scales), shape, dtype,
// units, storage (of compressed variables: chunks, shuffle, gzip, fletcher32) and long_name. Throws std::runtime_error when the root attribute
// `filetype` is not "twinlab-results".
std::string describe_hdf5(const std::filesystem::path& path);

// A root text attribute in full (e.g. "scenario"), after the same filetype check as describe_hdf5.
std::string read_root_text_attribute(const std::filesystem::path& path, const std::string& name);

// What the file says about one dataset.
struct VariableInfo {
  std::string path;               // "/eulerian/concentration"
  std::vector<std::string> dims;  // names of the attached dimension scales ("-" for an axis without one)
  std::vector<std::size_t> shape;
  std::string dtype;                // "float64", "float32", "int64", "string", ...
  std::string units;                // empty when absent
  std::string long_name;            // empty when absent
  bool is_coordinate = false;       // a dimension scale holding coordinate values
  bool is_dimension_only = false;   // a dimension scale without values (netCDF "dimension but not variable")
  std::vector<std::size_t> chunks;  // empty when not chunked
  bool shuffle = false;
  int deflate_level = -1;  // -1 when not gzip-compressed
  bool fletcher32 = false;  // values checksummed (HDF5's Fletcher32 filter)
};
VariableInfo inspect_variable(const std::filesystem::path& path, const std::string& dataset_path);

}  // namespace twinlab::io
