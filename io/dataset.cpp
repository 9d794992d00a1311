#include "io/dataset.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <set>
#include <stdexcept>

namespace twinlab::io {

void Attributes::set(std::string name, AttributeValue value) {
  for (auto& item : items_) {
    if (item.first == name) {
      item.second = std::move(value);
      return;
    }
  }
  items_.emplace_back(std::move(name), std::move(value));
}

void Attributes::throw_out_of_range(const std::string& name) {
  throw std::invalid_argument("attribute '" + name + "': the integer does not fit in int64");
}

const AttributeValue* Attributes::find(std::string_view name) const {
  for (const auto& item : items_) {
    if (item.first == name) return &item.second;
  }
  return nullptr;
}

ElementType element_type(const VariableData& data) {
  switch (data.index()) {
    case 0:
      return ElementType::float64;
    case 1:
      return ElementType::int64;
    default:
      return ElementType::string;
  }
}

std::string_view element_type_name(ElementType type) {
  switch (type) {
    case ElementType::float64:
      return "float64";
    case ElementType::int64:
      return "int64";
    case ElementType::string:
      return "string";
  }
  return "unknown";
}

std::size_t element_count(const VariableData& data) {
  return std::visit([](const auto& values) { return values.size(); }, data);
}

Variable& Group::add_coordinate(std::string name, VariableData values, std::string units, std::string long_name) {
  const std::size_t n = element_count(values);
  Variable v{name, {name}, {n}, std::move(values), std::move(units), std::move(long_name), {}};
  coordinates.push_back(std::move(v));
  return coordinates.back();
}

Variable& Group::add_variable(std::string name, std::vector<std::string> dims, std::vector<std::size_t> shape,
                              VariableData data, std::string units, std::string long_name) {
  Variable v{
      std::move(name), std::move(dims), std::move(shape), std::move(data), std::move(units), std::move(long_name), {}};
  variables.push_back(std::move(v));
  return variables.back();
}

const Variable* Group::find(std::string_view name) const {
  for (const auto* list : {&coordinates, &variables}) {
    for (const auto& v : *list) {
      if (v.name == name) return &v;
    }
  }
  return nullptr;
}

Group& Dataset::add_group(std::string path) {
  Group g;
  g.path = std::move(path);
  groups.push_back(std::move(g));
  return groups.back();
}

const Group* Dataset::find_group(std::string_view path) const {
  for (const auto& g : groups) {
    if (g.path == path) return &g;
  }
  return nullptr;
}

std::vector<DimensionInfo> group_dimensions(const Group& group) {
  std::vector<DimensionInfo> dims;
  auto note = [&dims](const std::string& name, std::size_t size, bool coordinate) {
    for (auto& d : dims) {
      if (d.name == name) {
        d.has_coordinate = d.has_coordinate || coordinate;
        return;
      }
    }
    dims.push_back({name, size, coordinate});
  };
  for (const auto& c : group.coordinates) note(c.name, c.shape.empty() ? 0 : c.shape[0], true);
  for (const auto& v : group.variables) {
    for (std::size_t axis = 0; axis < v.dims.size() && axis < v.shape.size(); ++axis) {
      note(v.dims[axis], v.shape[axis], false);
    }
  }
  return dims;
}

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::invalid_argument("results dataset: " + where + ": " + what);
}

std::string quoted(std::string_view s) {
  std::string out(1, '\'');  // built by appending: GCC 12 warns (-Wrestrict, a false positive) on "'" + string
  out.append(s);
  out += '\'';
  return out;
}

// Names become HDF5 link names: no '/', not "." or "..", no NUL, not empty.
void check_name(const std::string& where, std::string_view kind, const std::string& name) {
  if (name.empty()) fail(where, std::string(kind) + " name is empty");
  if (name.find('/') != std::string::npos || name.find('\0') != std::string::npos || name == "." || name == "..") {
    fail(where,
         std::string(kind) + " name " + quoted(name) + " must not contain '/' or NUL and must not be '.' or '..'");
  }
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      extra = 0, cp = c;
    } else if ((c >> 5) == 0x6) {
      extra = 1, cp = c & 0x1Fu;
    } else if ((c >> 4) == 0xE) {
      extra = 2, cp = c & 0x0Fu;
    } else if ((c >> 3) == 0x1E) {
      extra = 3, cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    static constexpr std::array<std::uint32_t, 4> min_cp{0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

void check_text(const std::string& where, std::string_view what, std::string_view text) {
  if (text.find('\0') != std::string_view::npos) fail(where, std::string(what) + " contains a NUL character");
  if (!valid_utf8(text)) fail(where, std::string(what) + " is not valid UTF-8");
}

// Attribute names that HDF5 dimension scales and netCDF-4 use for their own bookkeeping.
bool reserved_attribute(std::string_view name) {
  static const std::set<std::string_view> reserved{"CLASS",          "NAME",          "DIMENSION_LIST",
                                                   "REFERENCE_LIST", "_NCProperties", "_nc3_strict"};
  return reserved.count(name) > 0 || name.rfind("_Netcdf4", 0) == 0;
}

void check_attributes(const std::string& where, const Attributes& attributes, bool allow_units) {
  std::set<std::string> seen;
  for (const auto& [name, value] : attributes) {
    check_text(where, "attribute name", name);
    if (name.empty()) fail(where, "attribute name is empty");
    if (!seen.insert(name).second) fail(where, "attribute " + quoted(name) + " appears twice");
    if (reserved_attribute(name)) fail(where, "attribute name " + quoted(name) + " is reserved for HDF5/netCDF-4");
    if (!allow_units && (name == "units" || name == "long_name")) {
      fail(where, "attribute " + quoted(name) + " must be given through the variable's own field");
    }
    if (const auto* text = std::get_if<std::string>(&value)) check_text(where, "attribute " + quoted(name), *text);
  }
}

void check_variable(const std::string& group_where, const Variable& v, bool coordinate) {
  const std::string where = group_where + ": " + (coordinate ? "coordinate " : "variable ") + quoted(v.name);
  check_name(group_where, coordinate ? "coordinate" : "variable", v.name);
  if (v.dims.size() != v.shape.size()) {
    fail(where, "has " + std::to_string(v.dims.size()) + " dimension names but a shape of rank " +
                    std::to_string(v.shape.size()));
  }
  if (coordinate && (v.dims.size() != 1 || v.dims[0] != v.name)) {
    fail(where, "a coordinate variable must be 1-D with its own name as its dimension");
  }
  std::size_t expected = 1;
  for (std::size_t axis = 0; axis < v.dims.size(); ++axis) {
    check_name(where, "dimension", v.dims[axis]);
    expected *= v.shape[axis];
  }
  const std::size_t actual = element_count(v.data);
  if (actual != expected) {
    fail(where, "holds " + std::to_string(actual) + " values but its shape needs " + std::to_string(expected));
  }
  check_text(where, "units", v.units);
  check_text(where, "long_name", v.long_name);
  check_attributes(where, v.attributes, false);
  if (const auto* strings = std::get_if<std::vector<std::string>>(&v.data)) {
    for (std::size_t i = 0; i < strings->size(); ++i) {
      check_text(where, "value [" + std::to_string(i) + "]", (*strings)[i]);
    }
  }
}

void check_group(const Group& group) {
  const std::string where = "group " + quoted(group.path);
  check_attributes(where, group.attributes, true);

  std::set<std::string> names;
  for (const auto* list : {&group.coordinates, &group.variables}) {
    for (const auto& v : *list) {
      check_variable(where, v, list == &group.coordinates);
      if (!names.insert(v.name).second) fail(where, "the name " + quoted(v.name) + " is used twice");
    }
  }
  // Every use of a dimension must agree on its size; the coordinate, if any, fixes it.
  struct Seen {
    std::size_t size;
    std::string by;
  };
  std::vector<std::pair<std::string, Seen>> sizes;
  auto agree = [&](const std::string& dim, std::size_t size, const std::string& by) {
    for (const auto& [name, seen] : sizes) {
      if (name == dim) {
        if (seen.size != size) {
          fail(where + ": " + by, "dimension " + quoted(dim) + " has size " + std::to_string(size) + " here but " +
                                      std::to_string(seen.size) + " in " + seen.by);
        }
        return;
      }
    }
    sizes.push_back({dim, {size, by}});
  };
  for (const auto& c : group.coordinates) agree(c.name, c.shape[0], "coordinate " + quoted(c.name));
  for (const auto& v : group.variables) {
    for (std::size_t axis = 0; axis < v.dims.size(); ++axis) {
      agree(v.dims[axis], v.shape[axis], "variable " + quoted(v.name));
    }
  }
  // A dimension without a coordinate is stored as a dataset of its own name: it must not clash.
  for (const auto& v : group.variables) {
    for (const auto& [dim, seen] : sizes) {
      if (dim == v.name) {
        fail(where + ": variable " + quoted(v.name),
             "a data variable must not have the name of a dimension; make it a coordinate (1-D, own dimension)");
      }
    }
  }
}

}  // namespace

void validate(const Dataset& dataset) {
  check_attributes("root", dataset.attributes, true);
  std::set<std::string> paths;
  for (const auto& group : dataset.groups) {
    const std::string where = "group " + quoted(group.path);
    if (group.path.empty()) fail(where, "path is empty (root variables are not supported; name a group)");
    std::size_t start = 0;
    while (start <= group.path.size()) {
      const std::size_t slash = std::min(group.path.find('/', start), group.path.size());
      check_name(where, "group path component", group.path.substr(start, slash - start));
      start = slash + 1;
    }
    if (!paths.insert(group.path).second) fail(where, "appears twice");
    check_group(group);
  }
  // A group's name must not clash with a variable or dimension of its parent group.
  for (const auto& group : dataset.groups) {
    const std::size_t slash = group.path.rfind('/');
    if (slash == std::string::npos) continue;
    const std::string parent_path = group.path.substr(0, slash);
    const std::string leaf = group.path.substr(slash + 1);
    if (const Group* parent = dataset.find_group(parent_path)) {
      for (const auto& d : group_dimensions(*parent)) {
        if (d.name == leaf) {
          fail("group " + quoted(group.path),
               "clashes with dimension or variable " + quoted(leaf) + " of group " + quoted(parent_path));
        }
      }
      if (parent->find(leaf) != nullptr) {
        fail("group " + quoted(group.path),
             "clashes with variable " + quoted(leaf) + " of group " + quoted(parent_path));
      }
    }
  }
}

}  // namespace twinlab::io
