#pragma once
// A plain, netCDF-like model of a results file, independent of HDF5 and of any twin.
//
// Dataset = root attributes + named groups ("eulerian", "line/stations"; parents are created implicitly).
// Group   = attributes + coordinate variables + data variables.
// A coordinate variable is 1-D and its name is its dimension's name (netCDF convention). A data variable
// names one dimension per axis; a dimension used by a data variable need not have a coordinate variable
// (it then exists in the file as a dimension without values). Dimensions belong to their group: every
// group is self-contained, so `xarray.open_dataset(path, engine="h5netcdf", group=...)` sees it whole.
// Arrays are row-major (C order): the first dimension varies slowest.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace twinlab::io {

// Attribute values: text (UTF-8), a number, or a 1-D numeric array.
using AttributeValue = std::variant<std::string, double, std::int64_t, std::vector<double>, std::vector<std::int64_t>>;

// Ordered attributes (written in insertion order). set() replaces a value of the same name in place.
class Attributes {
 public:
  using Item = std::pair<std::string, AttributeValue>;

  void set(std::string name, AttributeValue value);
  // Convenience overloads so that literals and plain numbers pick the intended type: text stays text, any
  // floating-point number becomes double, any integer int64 (unsigned values above INT64_MAX throw
  // std::invalid_argument). bool is refused at compile time: say 0/1 or "yes"/"no".
  void set(std::string name, const char* text) { set(std::move(name), AttributeValue{std::string(text)}); }
  template <class T>
  requires std::is_arithmetic_v<T>
  void set(std::string name, T value) {
    static_assert(!std::is_same_v<T, bool>, "store a flag as an integer or text");
    if constexpr (std::is_floating_point_v<T>) {
      set(std::move(name), AttributeValue{static_cast<double>(value)});
    } else {
      if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
        if (value > static_cast<T>(std::numeric_limits<std::int64_t>::max())) throw_out_of_range(name);
      }
      set(std::move(name), AttributeValue{static_cast<std::int64_t>(value)});
    }
  }

  const AttributeValue* find(std::string_view name) const;  // nullptr when absent
  bool contains(std::string_view name) const { return find(name) != nullptr; }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  [[noreturn]] static void throw_out_of_range(const std::string& name);
  std::vector<Item> items_;
};

// Element data of a variable, row-major.
using VariableData = std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::string>>;

enum class ElementType { float64, int64, string };
ElementType element_type(const VariableData& data);
std::string_view element_type_name(ElementType type);  // "float64", "int64", "string"
std::size_t element_count(const VariableData& data);

struct Variable {
  std::string name;
  std::vector<std::string> dims;   // one dimension name per axis; empty for a scalar
  std::vector<std::size_t> shape;  // extent per axis, same length as dims
  VariableData data;               // product(shape) elements (1 for a scalar)
  std::string units;               // written as the `units` attribute ("1" for dimensionless; empty: omitted)
  std::string long_name;           // written as the `long_name` attribute (empty: omitted)
  Attributes attributes;           // any further attributes (must not repeat units/long_name)
};

struct Group {
  std::string path;  // "eulerian" or "line/stations": '/'-separated names, no leading '/'
  Attributes attributes;
  std::vector<Variable> coordinates;  // 1-D, name == its single dimension; written as dimension scales
  std::vector<Variable> variables;    // data variables

  // Builders. The returned reference is valid until the next add_* on this group.
  Variable& add_coordinate(std::string name, VariableData values, std::string units, std::string long_name);
  Variable& add_variable(std::string name, std::vector<std::string> dims, std::vector<std::size_t> shape,
                         VariableData data, std::string units, std::string long_name);

  const Variable* find(std::string_view name) const;  // coordinate or data variable; nullptr when absent
};

struct Dataset {
  Attributes attributes;  // root attributes: filetype, format_version, twinlab_version, seed, scenario...
  std::vector<Group> groups;

  Group& add_group(std::string path);  // valid until the next add_group
  const Group* find_group(std::string_view path) const;
};

// One dimension of a group, as implied by its coordinates and variables.
struct DimensionInfo {
  std::string name;
  std::size_t size = 0;
  bool has_coordinate = false;
};

// Dimensions of a group in order of first use (coordinates first). Assumes the group is valid.
std::vector<DimensionInfo> group_dimensions(const Group& group);

// Checks names, shapes and data sizes; throws std::invalid_argument naming the group, variable and problem,
// e.g. "group 'eulerian': variable 'concentration': dimension 'x' has size 40 here but 41 in coordinate 'x'".
void validate(const Dataset& dataset);

}  // namespace twinlab::io
