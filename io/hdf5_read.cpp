#include "io/hdf5_read.hpp"

#include <string_view>
#include <utility>

#include "io/hdf5_handle.hpp"

namespace twinlab::io {

namespace fs = std::filesystem;

namespace {

using detail::Contents;
using detail::Hid;
using detail::quoted;

Contents attribute_at(const fs::path& path, const std::string& object_path, const std::string& name) {
  Hid file = detail::open_file(path);
  Hid object(H5Oopen(file.get(), object_path.c_str(), H5P_DEFAULT), H5Oclose,
             quoted(path) + ": no object '" + object_path + "'");
  return detail::read_attribute(object.get(), name, quoted(path) + ": " + object_path);
}

Contents dataset_at(const fs::path& path, const std::string& dataset_path) {
  Hid file = detail::open_file(path);
  Hid dataset(H5Dopen2(file.get(), dataset_path.c_str(), H5P_DEFAULT), H5Dclose,
              quoted(path) + ": no dataset '" + dataset_path + "'");
  return detail::read_dataset(dataset.get(), quoted(path) + ": " + dataset_path);
}

std::string describe_read(const fs::path& path, const std::string& object, const std::string& name) {
  return quoted(path) + ": " + object + (name.empty() ? "" : " attribute '" + name + "'");
}

void expect_class(const Contents& c, H5T_class_t type_class, const std::string& what, std::string_view kind) {
  if (c.type_class != type_class) throw std::runtime_error(what + " is " + c.dtype + ", not " + std::string(kind));
}

}  // namespace

std::string read_string_attribute(const fs::path& path, const std::string& object_path, const std::string& name) {
  const Contents c = attribute_at(path, object_path, name);
  const std::string what = describe_read(path, object_path, name);
  expect_class(c, H5T_STRING, what, "text");
  return detail::single(c.strings, what, "text");
}

double read_double_attribute(const fs::path& path, const std::string& object_path, const std::string& name) {
  const Contents c = attribute_at(path, object_path, name);
  const std::string what = describe_read(path, object_path, name);
  expect_class(c, H5T_FLOAT, what, "a floating-point number");
  return detail::single(c.reals, what, "number");
}

std::int64_t read_int64_attribute(const fs::path& path, const std::string& object_path, const std::string& name) {
  const Contents c = attribute_at(path, object_path, name);
  const std::string what = describe_read(path, object_path, name);
  expect_class(c, H5T_INTEGER, what, "an integer");
  return detail::single(c.integers, what, "integer");
}

bool hdf5_object_exists(const fs::path& path, const std::string& object_path) {
  Hid file = detail::open_file(path);
  if (object_path == "/") return true;
  for (std::size_t slash = object_path.find('/', 1);; slash = object_path.find('/', slash + 1)) {
    const std::string prefix = object_path.substr(0, slash);
    if (H5Lexists(file.get(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) return true;
  }
}

std::vector<double> read_double_dataset(const fs::path& path, const std::string& dataset_path) {
  Contents c = dataset_at(path, dataset_path);
  if (c.type_class == H5T_INTEGER) return {c.integers.begin(), c.integers.end()};
  expect_class(c, H5T_FLOAT, describe_read(path, dataset_path, ""), "numeric");
  return std::move(c.reals);
}

std::vector<std::int64_t> read_int64_dataset(const fs::path& path, const std::string& dataset_path) {
  Contents c = dataset_at(path, dataset_path);
  expect_class(c, H5T_INTEGER, describe_read(path, dataset_path, ""), "an integer");
  return std::move(c.integers);
}

std::vector<std::string> read_string_dataset(const fs::path& path, const std::string& dataset_path) {
  Contents c = dataset_at(path, dataset_path);
  expect_class(c, H5T_STRING, describe_read(path, dataset_path, ""), "text");
  return std::move(c.strings);
}

}  // namespace twinlab::io
