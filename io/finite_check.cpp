#include "io/finite_check.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <set>
#include <variant>
#include <vector>

namespace twinlab::io {

namespace {

constexpr const char* time_dimension = "time";

std::string number_text(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

// "station = mill" / "time = 21600 s" / "x = 7" (an axis without coordinate: its index).
std::string coordinate_text(const Group& group, const std::string& dim, std::size_t index) {
  const Variable* c = group.find(dim);
  std::string value = std::to_string(index);
  if (c != nullptr && c->dims.size() == 1 && c->dims[0] == dim) {
    std::visit(
        [&](const auto& values) {
          using T = typename std::decay_t<decltype(values)>::value_type;
          if (index >= values.size()) return;
          if constexpr (std::is_same_v<T, std::string>) {
            value = values[index];
          } else if constexpr (std::is_same_v<T, double>) {
            value = number_text(values[index]) + (c->units.empty() || c->units == "1" ? "" : " " + c->units);
          } else {
            value = std::to_string(values[index]) + (c->units.empty() || c->units == "1" ? "" : " " + c->units);
          }
        },
        c->data);
  }
  return dim + " = " + value;
}

bool breaks_rule(double x, bool over_time) { return std::isinf(x) || (over_time && std::isnan(x)); }

}  // namespace

std::string non_finite_result(const Dataset& dataset) {
  struct Found {
    const Group* group = nullptr;
    const Variable* variable = nullptr;
    std::size_t flat = 0;
    double time = std::numeric_limits<double>::infinity();  // of the first bad value; +Inf when not over time
  };
  Found first;
  bool any = false;
  std::size_t count = 0;
  std::set<std::string> variables;
  for (const Group& group : dataset.groups) {
    auto scan = [&](const Variable& v) {
      const auto* values = std::get_if<std::vector<double>>(&v.data);
      if (values == nullptr) return;
      std::size_t time_axis = v.dims.size();
      for (std::size_t a = 0; a < v.dims.size(); ++a)
        if (v.dims[a] == time_dimension) time_axis = a;
      // A variable declaring NaN its CF _FillValue marks values that do not exist (e.g. the plume height of a
      // calm hour, which has no plume): NaN there is data, not a blow-up.
      const bool over_time = time_axis < v.dims.size() && !v.attributes.contains("_FillValue");
      // Stride of the time axis in the row-major data, to find each value's time index.
      std::size_t inner = 1;
      for (std::size_t a = time_axis + 1; a < v.shape.size(); ++a) inner *= v.shape[a];
      const Variable* times = over_time ? group.find(time_dimension) : nullptr;
      const auto* time_values = times ? std::get_if<std::vector<double>>(&times->data) : nullptr;
      for (std::size_t i = 0; i < values->size(); ++i) {
        if (!breaks_rule((*values)[i], over_time)) continue;
        ++count;
        variables.insert(group.path + "/" + v.name);
        double time = std::numeric_limits<double>::infinity();
        if (over_time) {
          const std::size_t t = (i / inner) % v.shape[time_axis];
          time = time_values && t < time_values->size() ? (*time_values)[t] : static_cast<double>(t);
        }
        if (!any || time < first.time) first = {&group, &v, i, time};
        any = true;
      }
    };
    for (const Variable& v : group.coordinates) scan(v);
    for (const Variable& v : group.variables) scan(v);
  }
  if (!any) return "";
  const Variable& v = *first.variable;
  const double value = std::get<std::vector<double>>(v.data)[first.flat];
  std::string where = first.group->path + "/" + v.name + " = " + number_text(value);
  // The value's coordinates, time first.
  std::vector<std::size_t> index(v.shape.size());
  std::size_t rest = first.flat;
  for (std::size_t a = v.shape.size(); a-- > 0;) {
    index[a] = rest % v.shape[a];
    rest /= v.shape[a];
  }
  std::string at, others;
  for (std::size_t a = 0; a < v.dims.size(); ++a) {
    const std::string text = coordinate_text(*first.group, v.dims[a], index[a]);
    if (v.dims[a] == time_dimension)
      at = " at " + text;
    else
      others += (others.empty() ? "" : ", ") + text;
  }
  where += at + (others.empty() ? "" : " (" + others + ")");
  return where + "; " + std::to_string(count) + (count == 1 ? " such value" : " such values") + " in " +
         std::to_string(variables.size()) + (variables.size() == 1 ? " variable" : " variables");
}

std::string non_finite_refusal(const std::string& where) {
  return "the results hold values that are not finite numbers (the model's state overflowed or became undefined), "
         "so none were written: " + where;
}

}  // namespace twinlab::io
