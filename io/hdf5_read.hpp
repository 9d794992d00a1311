#pragma once
// Raw typed readers of HDF5 files, used by tests and restart logic. They open the file read-only for each
// call and make no filetype check. object_path "/" is the root; "/eulerian/x" a dataset.
// Errors: twinlab::base::InputError when the file is missing or not HDF5 at all (the user named the wrong
// file); std::runtime_error for anything else (a missing object or attribute, a wrong type, not one value).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace twinlab::io {

// One value of a text / floating-point / integer attribute.
std::string read_string_attribute(const std::filesystem::path& path, const std::string& object_path,
                                  const std::string& name);
double read_double_attribute(const std::filesystem::path& path, const std::string& object_path,
                             const std::string& name);
std::int64_t read_int64_attribute(const std::filesystem::path& path, const std::string& object_path,
                                  const std::string& name);

// True when the group or dataset at object_path ("/plume", "/plume/concentration") is in the file (every
// link on the way is checked, so a missing group answers false rather than an HDF5 error).
bool hdf5_object_exists(const std::filesystem::path& path, const std::string& object_path);

// All values of a dataset (in storage order). read_double_dataset also accepts integer datasets.
std::vector<double> read_double_dataset(const std::filesystem::path& path, const std::string& dataset_path);
std::vector<std::int64_t> read_int64_dataset(const std::filesystem::path& path, const std::string& dataset_path);
std::vector<std::string> read_string_dataset(const std::filesystem::path& path, const std::string& dataset_path);

}  // namespace twinlab::io
