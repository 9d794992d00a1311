#include "io/hdf5_record_variable.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include "io/dataset.hpp"
#include "io/finite_check.hpp"
#include "io/hdf5_handle.hpp"

namespace twinlab::io {

namespace {

using detail::check;
using detail::Hid;
using detail::own;

constexpr std::size_t target_chunk_bytes = 1024 * 1024;  // as write_hdf5: fits HDF5's default chunk cache
constexpr unsigned deflate_level = 4;

void write_text_attribute(hid_t object, const std::string& name, const std::string& text) {
  Hid type = own(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy");
  check(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "H5Tset_strpad");
  Hid acpl = own(H5Pcreate(H5P_ATTRIBUTE_CREATE), H5Pclose, "H5Pcreate(attribute)");
  check(H5Pset_char_encoding(acpl.get(), H5T_CSET_UTF8), "H5Pset_char_encoding");
  Hid space = own(H5Screate(H5S_SCALAR), H5Sclose, "H5Screate");
  Hid attr = own(H5Acreate2(object, name.c_str(), type.get(), space.get(), acpl.get(), H5P_DEFAULT), H5Aclose,
                 "writing attribute '" + name + "'");
  const char* data = text.c_str();
  check(H5Awrite(attr.get(), type.get(), &data), "writing attribute '" + name + "'");
}

// One record per chunk, split along the next axes while a chunk exceeds target_chunk_bytes.
std::vector<hsize_t> record_chunk(const std::vector<hsize_t>& dims) {
  std::vector<hsize_t> chunk(dims);
  chunk[0] = 1;
  for (std::size_t axis = 1; axis < chunk.size(); ++axis) {
    std::size_t inner = sizeof(double);
    for (std::size_t k = axis + 1; k < chunk.size(); ++k) inner *= chunk[k];
    if (inner * chunk[axis] <= target_chunk_bytes) break;
    chunk[axis] = std::max<hsize_t>(1, target_chunk_bytes / inner);
  }
  return chunk;
}

}  // namespace

struct Hdf5RecordVariable::Impl {
  std::string label;
  std::string group, name, units, long_name;  // for the message of a record that is not finite
  std::vector<std::string> dim_names;
  std::optional<Hid> file, dataset;  // dataset declared last: closed first
  std::vector<hsize_t> dims;
  std::size_t record_size = 1;
};

Hdf5RecordVariable::Hdf5RecordVariable(const std::filesystem::path& path, const std::string& group,
                                       const std::string& name, const std::vector<std::string>& dims,
                                       const std::vector<std::size_t>& shape, const std::string& units,
                                       const std::string& long_name)
    : impl_(std::make_unique<Impl>()) {
  impl_->label = detail::quoted(path) + ": " + group + "/" + name;
  impl_->group = group;
  impl_->name = name;
  impl_->units = units;
  impl_->long_name = long_name;
  impl_->dim_names = dims;
  const std::string& where = impl_->label;
  if (dims.empty() || dims.size() != shape.size()) throw std::runtime_error(where + ": dims and shape must match");
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // failures become exceptions
  impl_->file.emplace(own(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose, where + ": opening the file"));
  Hid g = own(H5Gopen2(impl_->file->get(), group.c_str(), H5P_DEFAULT), H5Gclose, where + ": opening the group");
  if (H5Lexists(g.get(), name.c_str(), H5P_DEFAULT) > 0) throw std::runtime_error(where + ": exists already");

  // The group's dimension scales, checked against the shape.
  std::vector<Hid> scales;
  for (std::size_t axis = 0; axis < dims.size(); ++axis) {
    if (H5Lexists(g.get(), dims[axis].c_str(), H5P_DEFAULT) <= 0)
      throw std::runtime_error(where + ": the group has no dimension '" + dims[axis] + "'");
    Hid scale = own(H5Dopen2(g.get(), dims[axis].c_str(), H5P_DEFAULT), H5Dclose, where + ": opening " + dims[axis]);
    Hid space = own(H5Dget_space(scale.get()), H5Sclose, "H5Dget_space");
    hsize_t size = 0;
    if (H5Sget_simple_extent_ndims(space.get()) != 1 || H5Sget_simple_extent_dims(space.get(), &size, nullptr) != 1 ||
        size != shape[axis]) {
      throw std::runtime_error(where + ": dimension '" + dims[axis] + "' has size " + std::to_string(size) +
                               " in the file, " + std::to_string(shape[axis]) + " here");
    }
    scales.push_back(std::move(scale));
  }

  impl_->dims.assign(shape.begin(), shape.end());
  for (std::size_t axis = 1; axis < shape.size(); ++axis) impl_->record_size *= shape[axis];
  Hid space = own(H5Screate_simple(static_cast<int>(impl_->dims.size()), impl_->dims.data(), nullptr), H5Sclose,
                  "H5Screate_simple");
  Hid dcpl = own(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate(dataset)");
  check(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_attr_creation_order");
  const std::vector<hsize_t> chunk = record_chunk(impl_->dims);
  check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), where + ": H5Pset_chunk");
  check(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle");
  check(H5Pset_deflate(dcpl.get(), deflate_level), "H5Pset_deflate");
  check(H5Pset_fletcher32(dcpl.get()), "H5Pset_fletcher32");  // damage to a value is a read error (as write_hdf5)
  const double fill = std::numeric_limits<double>::quiet_NaN();
  check(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &fill), "H5Pset_fill_value");
  Hid lcpl = own(H5Pcreate(H5P_LINK_CREATE), H5Pclose, "H5Pcreate(link)");
  check(H5Pset_char_encoding(lcpl.get(), H5T_CSET_UTF8), "H5Pset_char_encoding");
  impl_->dataset.emplace(own(H5Dcreate2(g.get(), name.c_str(), H5T_IEEE_F64LE, space.get(), lcpl.get(), dcpl.get(),
                                        H5P_DEFAULT),
                             H5Dclose, where + ": creating the dataset"));
  if (!units.empty()) write_text_attribute(impl_->dataset->get(), "units", units);
  if (!long_name.empty()) write_text_attribute(impl_->dataset->get(), "long_name", long_name);
  for (std::size_t axis = 0; axis < scales.size(); ++axis) {
    check(H5DSattach_scale(impl_->dataset->get(), scales[axis].get(), static_cast<unsigned>(axis)),
          where + ": attaching dimension '" + dims[axis] + "'");
  }
}

Hdf5RecordVariable::~Hdf5RecordVariable() {  // unchecked: the dataset, then the file
  if (impl_) {
    impl_->dataset.reset();
    impl_->file.reset();
  }
}

void Hdf5RecordVariable::set_text_attribute(const std::string& name, const std::string& text) {
  write_text_attribute(impl_->dataset->get(), name, text);
}

std::size_t Hdf5RecordVariable::records() const { return impl_->dims.empty() ? 0 : impl_->dims[0]; }
std::size_t Hdf5RecordVariable::record_size() const { return impl_->record_size; }

void Hdf5RecordVariable::write(std::size_t index, const double* values) {
  if (!impl_->dataset) throw std::runtime_error(impl_->label + ": closed");
  if (index >= records()) {
    throw std::runtime_error(impl_->label + ": record " + std::to_string(index) + " out of " + std::to_string(records()));
  }
  if (!std::all_of(values, values + impl_->record_size, [](double x) { return std::isfinite(x); }))
    throw std::runtime_error(non_finite_refusal(non_finite_text(index, values)));
  std::vector<hsize_t> start(impl_->dims.size(), 0), count(impl_->dims);
  start[0] = index;
  count[0] = 1;
  Hid file_space = own(H5Dget_space(impl_->dataset->get()), H5Sclose, "H5Dget_space");
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
        "H5Sselect_hyperslab");
  Hid memory_space = own(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose,
                         "H5Screate_simple");
  check(H5Dwrite(impl_->dataset->get(), H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT, values),
        impl_->label + ": writing record " + std::to_string(index));
}

// The record as a one-group Dataset (its time coordinate holding the record's time only, the other axes'
// coordinates whole, as the file holds them) for io::non_finite_result, which names the first bad value by its
// coordinates and counts the bad values of the record.
std::string Hdf5RecordVariable::non_finite_text(std::size_t index, const double* values) const {
  Dataset ds;
  Group& g = ds.add_group(impl_->group);
  std::vector<std::size_t> shape(impl_->dims.begin(), impl_->dims.end());
  shape[0] = 1;
  for (std::size_t axis = 0; axis < impl_->dim_names.size(); ++axis) {
    const std::string& dim = impl_->dim_names[axis];
    std::vector<double> coordinate;
    std::string units;
    try {  // the message needs them; a coordinate that cannot be read is named by its index instead
      Hid scale = own(H5Dopen2(impl_->file->get(), (impl_->group + "/" + dim).c_str(), H5P_DEFAULT), H5Dclose, dim);
      coordinate = detail::read_dataset(scale.get(), dim).reals;
      if (H5Aexists(scale.get(), "units") > 0) {
        const detail::Contents c = detail::read_attribute(scale.get(), "units", dim);
        if (c.strings.size() == 1) units = c.strings[0];
      }
    } catch (const std::exception&) {
      coordinate.clear();
    }
    if (coordinate.size() != impl_->dims[axis]) {
      coordinate.resize(impl_->dims[axis]);
      for (std::size_t i = 0; i < coordinate.size(); ++i) coordinate[i] = static_cast<double>(i);
      units.clear();
    }
    if (axis == 0) coordinate = {coordinate[index]};
    g.add_coordinate(dim, std::move(coordinate), units, dim);
  }
  g.add_variable(impl_->name, impl_->dim_names, shape, std::vector<double>(values, values + impl_->record_size),
                 impl_->units, impl_->long_name);
  const std::string where = non_finite_result(ds);
  // Only +/-Inf breaks the rule outside a time axis; this variable's values are fields: any NaN is refused.
  return where.empty() ? impl_->group + "/" + impl_->name + " = NaN in record " + std::to_string(index) : where;
}

void Hdf5RecordVariable::close() {
  if (impl_->dataset) impl_->dataset->close(impl_->label + ": closing the dataset");
  impl_->dataset.reset();
  if (impl_->file) impl_->file->close(impl_->label + ": closing the file");
  impl_->file.reset();
}

}  // namespace twinlab::io
