#include "io/hdf5_inspect.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "io/hdf5_handle.hpp"
#include "base/error.hpp"

namespace twinlab::io {

namespace fs = std::filesystem;

namespace {

using detail::check;
using detail::Contents;
using detail::dtype_name;
using detail::hdf5_error_text;
using detail::Hid;
using detail::open_file;
using detail::quoted;
using detail::read_attribute;
using detail::single;

constexpr std::string_view not_a_variable = "This is a netCDF dimension but not a netCDF variable.";
constexpr std::size_t long_text_bytes = 80;  // longer (or multi-line) text attributes are summarised

// Attribute names in creation order where tracked, else alphabetical.
std::vector<std::string> attribute_names(hid_t object) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  };
  hsize_t position = 0;
  if (H5Aiterate2(object, H5_INDEX_CRT_ORDER, H5_ITER_INC, &position, collect, &names) < 0) {
    names.clear();
    position = 0;
    H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &position, collect, &names);
  }
  H5Eclear2(H5E_DEFAULT);
  return names;
}

// Link names of a group in creation order where indexed, else alphabetical.
std::vector<std::string> child_names(hid_t group) {
  H5G_info_t info{};
  if (H5Gget_info(group, &info) < 0) throw std::runtime_error("cannot list a group" + hdf5_error_text());
  H5_index_t index = H5_INDEX_NAME;
  {
    Hid gcpl(H5Gget_create_plist(group), H5Pclose, "H5Gget_create_plist");
    unsigned flags = 0;
    if (H5Pget_link_creation_order(gcpl.get(), &flags) >= 0 && (flags & H5P_CRT_ORDER_INDEXED)) {
      index = H5_INDEX_CRT_ORDER;
    }
  }
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length = H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length < 0) continue;
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
    name.resize(static_cast<std::size_t>(length));
    names.push_back(std::move(name));
  }
  return names;
}

std::string last_component(const std::string& path) { return path.substr(path.rfind('/') + 1); }

std::string object_name(hid_t object) {
  const ssize_t length = H5Iget_name(object, nullptr, 0);
  if (length <= 0) return "?";
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  H5Iget_name(object, name.data(), name.size());
  name.resize(static_cast<std::size_t>(length));
  return name;
}

std::string optional_text_attribute(hid_t object, const char* name) {
  if (H5Aexists(object, name) <= 0) return {};
  const Contents c = read_attribute(object, name, "attribute");
  return c.strings.size() == 1 ? c.strings[0] : std::string();
}

VariableInfo describe_dataset(hid_t dataset, const std::string& path) {
  VariableInfo info;
  info.path = path;
  Hid type(H5Dget_type(dataset), H5Tclose, path + ": dataset type");
  Hid space(H5Dget_space(dataset), H5Sclose, path + ": dataset space");
  info.dtype = dtype_name(type.get());
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  info.shape.assign(dims.begin(), dims.end());

  if (H5DSis_scale(dataset) > 0) {
    info.dims = {last_component(path)};
    char scale_name[128] = {};
    H5DSget_scale_name(dataset, scale_name, sizeof scale_name);
    info.is_dimension_only = std::string_view(scale_name).rfind(not_a_variable, 0) == 0;
    info.is_coordinate = !info.is_dimension_only;
  } else {
    for (int axis = 0; axis < rank; ++axis) {
      std::string name = "-";
      if (H5DSget_num_scales(dataset, static_cast<unsigned>(axis)) > 0) {
        H5DSiterate_scales(
            dataset, static_cast<unsigned>(axis), nullptr,
            [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
              *static_cast<std::string*>(out) = last_component(object_name(scale));
              return 0;  // keep going: like netCDF-C, the last attached scale names the dimension
            },
            &name);
      }
      info.dims.push_back(name);
    }
  }
  H5Eclear2(H5E_DEFAULT);
  info.units = optional_text_attribute(dataset, "units");
  info.long_name = optional_text_attribute(dataset, "long_name");

  Hid dcpl(H5Dget_create_plist(dataset), H5Pclose, path + ": creation properties");
  if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED && rank > 0) {
    std::vector<hsize_t> chunk(static_cast<std::size_t>(rank));
    H5Pget_chunk(dcpl.get(), rank, chunk.data());
    info.chunks.assign(chunk.begin(), chunk.end());
  }
  const int filters = H5Pget_nfilters(dcpl.get());
  for (int i = 0; i < filters; ++i) {
    unsigned flags = 0, config = 0;
    unsigned values[8] = {};
    std::size_t nvalues = 8;
    const H5Z_filter_t id =
        H5Pget_filter2(dcpl.get(), static_cast<unsigned>(i), &flags, &nvalues, values, 0, nullptr, &config);
    if (id == H5Z_FILTER_SHUFFLE) info.shuffle = true;
    if (id == H5Z_FILTER_DEFLATE) info.deflate_level = nvalues > 0 ? static_cast<int>(values[0]) : 0;
    if (id == H5Z_FILTER_FLETCHER32) info.fletcher32 = true;
  }
  return info;
}

// --- formatting -----------------------------------------------------------------------------------------
std::string format_real(double x) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

std::string summarise_text(const std::string& text) {
  if (text.size() <= long_text_bytes && text.find('\n') == std::string::npos) return "\"" + text + "\"";
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
                     (text.empty() || text.back() == '\n' ? 0 : 1);
  std::string first = text.substr(0, text.find('\n'));
  if (first.size() > 60) {
    std::size_t cut = 60;
    while (cut > 0 && (static_cast<unsigned char>(first[cut]) & 0xC0u) == 0x80u) --cut;  // keep UTF-8 whole
    first = first.substr(0, cut) + "...";
  }
  return "<text: " + std::to_string(lines) + " lines, " + std::to_string(text.size()) + " bytes> \"" + first + "\"";
}

template <class T, class Format>
std::string format_list(const std::vector<T>& values, Format format) {
  if (values.size() == 1) return format(values[0]);
  std::string out = "[";
  for (std::size_t i = 0; i < values.size() && i < 8; ++i) out += (i ? ", " : "") + format(values[i]);
  if (values.size() > 8) out += ", ... (" + std::to_string(values.size()) + " values)";
  return out + "]";
}

std::string format_contents(const Contents& c) {
  switch (c.type_class) {
    case H5T_STRING:
      return format_list(c.strings, summarise_text);
    case H5T_FLOAT:
      return format_list(c.reals, format_real);
    case H5T_INTEGER:
      return format_list(c.integers, [](std::int64_t v) { return std::to_string(v); });
    default:
      return "<" + c.dtype + ">";
  }
}

bool hidden_attribute(const std::string& name) {
  return name == "CLASS" || name == "NAME" || name == "DIMENSION_LIST" || name == "REFERENCE_LIST" ||
         name == "_NCProperties" || name.rfind("_Netcdf4", 0) == 0;
}

void append_attributes(std::string& out, hid_t object, const std::string& indent) {
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t width = 0;
  for (const auto& name : attribute_names(object)) {
    if (hidden_attribute(name)) continue;
    rows.emplace_back(name, format_contents(read_attribute(object, name, "attribute")));
    width = std::max(width, name.size());
  }
  if (rows.empty()) return;
  out += indent + "attributes:\n";
  for (const auto& [name, value] : rows)
    out += indent + "  " + name + std::string(width - name.size(), ' ') + " = " + value + "\n";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(separator) : "") + parts[i];
  return out;
}

std::string storage_text(const VariableInfo& v) {
  // Every numeric array of a twinlab file is chunked (for Fletcher32): only compressed storage is news.
  if (v.chunks.empty() || (v.deflate_level < 0 && !v.shuffle)) return "";
  std::vector<std::string> chunk;
  for (auto c : v.chunks) chunk.push_back(std::to_string(c));
  std::string out = "chunks " + join(chunk, "x");
  if (v.shuffle) out += " shuffle";
  if (v.deflate_level >= 0) out += " gzip" + std::to_string(v.deflate_level);
  if (v.fletcher32) out += " fletcher32";
  return out;
}

void append_table(std::string& out, const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line = indent;
    for (std::size_t i = 0; i < row.size(); ++i) line += row[i] + std::string(widths[i] - row[i].size() + 2, ' ');
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
}

void describe_group(std::string& out, hid_t group, const std::string& path) {
  std::vector<VariableInfo> variables;
  std::vector<std::string> subgroups;
  for (const auto& name : child_names(group)) {
    const hid_t raw = H5Oopen(group, name.c_str(), H5P_DEFAULT);
    if (raw < 0) {  // e.g. a dangling soft link
      H5Eclear2(H5E_DEFAULT);
      continue;
    }
    Hid object(raw, H5Oclose, name);
    const std::string child = (path == "/" ? "/" : path + "/") + name;
    if (H5Iget_type(object.get()) == H5I_GROUP) subgroups.push_back(child);
    if (H5Iget_type(object.get()) == H5I_DATASET) variables.push_back(describe_dataset(object.get(), child));
  }
  std::string attributes;
  if (path != "/") append_attributes(attributes, group, "  ");  // the root's are listed at the top
  if (!variables.empty() || !attributes.empty()) {
    out += "\ngroup " + path + "\n" + attributes;
    std::vector<std::string> dims;
    for (const auto& v : variables) {
      if (v.is_coordinate || v.is_dimension_only) {
        const std::string size = v.shape.empty() ? "?" : std::to_string(v.shape[0]);
        dims.push_back(v.dims[0] + " = " + size + (v.is_dimension_only ? " (no coordinate)" : ""));
      }
    }
    if (!dims.empty()) out += "  dimensions: " + join(dims, ", ") + "\n";
    std::vector<std::vector<std::string>> rows{{"variable", "dims", "shape", "dtype", "units", "storage", "long_name"}};
    for (const auto& v : variables) {
      if (v.is_dimension_only) continue;
      std::vector<std::string> shape;
      for (auto s : v.shape) shape.push_back(std::to_string(s));
      std::string dims_text(1, '(');  // built by appending: GCC 12 warns (-Wrestrict, false positive) on "(" + string
      dims_text += join(v.dims, ", ");
      dims_text += ')';
      rows.push_back({last_component(v.path), dims_text,
                      shape.empty() ? "scalar" : join(shape, "x"), v.dtype, v.units.empty() ? "-" : v.units,
                      storage_text(v), v.long_name});
    }
    if (rows.size() > 1) append_table(out, rows, "  ");
  }
  for (const auto& child : subgroups) {
    Hid sub(H5Gopen2(group, last_component(child).c_str(), H5P_DEFAULT), H5Gclose, "cannot open group " + child);
    describe_group(out, sub.get(), child);
  }
}

void check_filetype(hid_t file, const fs::path& path) {
  std::string filetype;
  if (H5Aexists(file, "filetype") > 0) {
    const Contents c = read_attribute(file, "filetype", quoted(path));
    if (c.strings.size() == 1) filetype = c.strings[0];
  }
  H5Eclear2(H5E_DEFAULT);
  // The user named the wrong file: invalid input (exit 2), like a missing or non-HDF5 file.
  if (filetype.rfind("twinlab-", 0) != 0) {  // results, compare and study files alike
    throw base::InputError({path.string(), 0, 0, ""},
                          "an HDF5 file but not a twinlab results file (root attribute filetype " +
                              (filetype.empty() ? std::string("is missing") : "is \"" + filetype + "\"") + ")");
  }
}

// --- reading everything (the damage check's child) -----------------------------------------------------
constexpr std::size_t slab_bytes = 4 << 20;  // values read per H5Dread
constexpr int max_depth = 64;                // groups deeper than this are damage (twinlab writes 3 levels)

void read_values(hid_t dataset, const std::string& path, std::uint64_t& budget) {
  Hid type(H5Dget_type(dataset), H5Tclose, path + ": dataset type");
  Hid space(H5Dget_space(dataset), H5Sclose, path + ": dataset space");
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_FLOAT && type_class != H5T_INTEGER && type_class != H5T_STRING) return;
  const bool vlen = type_class == H5T_STRING && H5Tis_variable_str(type.get()) > 0;
  Hid memory = type_class == H5T_FLOAT     ? Hid(H5Tcopy(H5T_NATIVE_DOUBLE), H5Tclose, "H5Tcopy")
               : type_class == H5T_INTEGER ? Hid(H5Tcopy(H5T_NATIVE_INT64), H5Tclose, "H5Tcopy")
               : vlen                      ? Hid(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy")
                                           : Hid(H5Tcopy(type.get()), H5Tclose, "H5Tcopy");
  if (vlen) {  // as read_contents reads text
    H5Tset_size(memory.get(), H5T_VARIABLE);
    H5Tset_cset(memory.get(), H5Tget_cset(type.get()));
  }
  const std::size_t element = std::max<std::size_t>(1, H5Tget_size(memory.get()));
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) throw std::runtime_error(path + ": cannot read its extent" + hdf5_error_text());
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  // Bytes it claims, with an overflow-safe product.
  std::uint64_t claimed = element;
  for (const hsize_t d : dims) {
    if (d != 0 && claimed > budget / d) throw std::runtime_error(path + ": claims more values than the file can hold");
    claimed *= d;
  }
  if (claimed > budget) throw std::runtime_error(path + ": claims more values than the file can hold");
  budget -= claimed;
  if (claimed == 0 || H5Sget_simple_extent_type(space.get()) == H5S_NULL) return;

  std::uint64_t row = element;  // bytes of one entry of the first axis
  for (int axis = 1; axis < rank; ++axis) row *= dims[static_cast<std::size_t>(axis)];
  const hsize_t rows = rank == 0 ? 1 : dims[0];
  const hsize_t step = std::max<hsize_t>(1, slab_bytes / std::max<std::uint64_t>(row, 1));
  std::vector<char> buffer;
  for (hsize_t first = 0; first < rows; first += step) {
    const hsize_t count = std::min(step, rows - first);
    Hid file_space(H5Scopy(space.get()), H5Sclose, "H5Scopy");
    std::vector<hsize_t> memory_dims = dims;
    if (rank > 0) {
      std::vector<hsize_t> start(dims.size(), 0), extent = dims;
      start[0] = first;
      extent[0] = count;
      memory_dims[0] = count;
      check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(), nullptr),
            path + ": selecting values");
    }
    Hid memory_space(rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(rank, memory_dims.data(), nullptr),
                     H5Sclose, "H5Screate");
    buffer.assign(static_cast<std::size_t>(count * row), 0);
    if (H5Dread(dataset, memory.get(), memory_space.get(), file_space.get(), H5P_DEFAULT, buffer.data()) < 0)
      throw std::runtime_error(path + ": its values cannot be read" + hdf5_error_text());
    if (vlen) H5Dvlen_reclaim(memory.get(), memory_space.get(), H5P_DEFAULT, buffer.data());
  }
}

void read_attributes_of(hid_t object, const std::string& path) {
  for (const auto& name : attribute_names(object)) {
    if (name == "DIMENSION_LIST" || name == "REFERENCE_LIST") continue;  // read through H5DS by describe_group
    read_attribute(object, name, path);
  }
}

// Every link name of a group through the given index; std::runtime_error when one cannot be read (describe
// skips such links, but another reader may need them).
std::vector<std::string> all_link_names(hid_t group, H5_index_t index, const std::string& path) {
  H5G_info_t info{};
  if (H5Gget_info(group, &info) < 0) throw std::runtime_error(path + ": cannot list the group" + hdf5_error_text());
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length = H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length < 0) throw std::runtime_error(path + ": link " + std::to_string(i) + hdf5_error_text());
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    if (H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT) < 0)
      throw std::runtime_error(path + ": link " + std::to_string(i) + hdf5_error_text());
    name.resize(static_cast<std::size_t>(length));
    names.push_back(std::move(name));
  }
  return names;
}

void read_all_values(hid_t group, const std::string& path, int depth, std::uint64_t& budget) {
  if (depth > max_depth) throw std::runtime_error(path + ": groups nested deeper than " + std::to_string(max_depth));
  read_attributes_of(group, path);
  // Both indexes (readers list by creation order where tracked, else by name): each must be whole.
  bool by_creation = false;
  {
    Hid gcpl(H5Gget_create_plist(group), H5Pclose, path + ": group creation properties");
    unsigned flags = 0;
    by_creation = H5Pget_link_creation_order(gcpl.get(), &flags) >= 0 && (flags & H5P_CRT_ORDER_INDEXED);
  }
  if (by_creation) all_link_names(group, H5_INDEX_CRT_ORDER, path);
  for (const auto& name : all_link_names(group, H5_INDEX_NAME, path)) {
    const std::string child = (path == "/" ? "/" : path + "/") + name;
    Hid object(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose, child + ": cannot open");
    const H5I_type_t kind = H5Iget_type(object.get());
    if (kind == H5I_GROUP) read_all_values(object.get(), child, depth + 1, budget);
    if (kind == H5I_DATASET) {
      read_attributes_of(object.get(), child);
      read_values(object.get(), child, budget);
    }
  }
}

}  // namespace

namespace detail {

void read_everything(hid_t file, std::uint64_t max_value_bytes) {
  // Only twinlab's files are read whole (a foreign file is refused by the reader without reading more): the
  // filetype says so, or (when the filetype text itself is damaged) twinlab's other root attributes do.
  auto has = [&](const char* name) {
    const htri_t exists = H5Aexists(file, name);
    if (exists < 0) throw std::runtime_error(std::string("root attribute '") + name + "'" + hdf5_error_text());
    return exists > 0;
  };
  std::string filetype;
  if (has("filetype")) {
    const Contents c = read_attribute(file, "filetype", "root attribute 'filetype'");
    if (c.strings.size() == 1) filetype = c.strings[0];
  }
  if (filetype.rfind("twinlab-", 0) != 0 && !has("twinlab_version") && !has("format_version")) return;
  Hid root(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose, "cannot open the root group");
  // Values first: HDF5 reports a damaged object header on the first attempt to load it only (a second
  // attempt may succeed), and describe_group skips objects it cannot open.
  std::uint64_t budget = max_value_bytes;
  read_all_values(root.get(), "/", 0, budget);
  std::string text;
  append_attributes(text, root.get(), "");
  describe_group(text, root.get(), "/");  // what `twinlab info` does, H5DS calls included
}

}  // namespace detail

std::string describe_hdf5(const fs::path& path) {
  Hid file = open_file(path);
  check_filetype(file.get(), path);
  Hid root(H5Gopen2(file.get(), "/", H5P_DEFAULT), H5Gclose, "cannot open the root group of " + quoted(path));
  std::string out = "file " + path.string() + "\n";
  append_attributes(out, root.get(), "");
  describe_group(out, root.get(), "/");
  return out;
}

std::string read_root_text_attribute(const fs::path& path, const std::string& name) {
  Hid file = open_file(path);
  check_filetype(file.get(), path);
  const Contents c = read_attribute(file.get(), name, quoted(path));
  if (c.type_class != H5T_STRING)
    throw std::runtime_error(quoted(path) + ": root attribute '" + name + "' is not text");
  return single(c.strings, quoted(path) + ": root attribute '" + name + "'", "text");
}

VariableInfo inspect_variable(const fs::path& path, const std::string& dataset_path) {
  Hid file = open_file(path);
  Hid dataset(H5Dopen2(file.get(), dataset_path.c_str(), H5P_DEFAULT), H5Dclose,
              quoted(path) + ": no dataset '" + dataset_path + "'");
  return describe_dataset(dataset.get(), dataset_path);
}

}  // namespace twinlab::io