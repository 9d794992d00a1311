#include "io/sensor_csv.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <unordered_map>

#include "base/error.hpp"
#include "base/input_file.hpp"
#include "io/met_table.hpp"

namespace twinlab::io {

namespace {

struct UnitScale {
  const char* text;
  double kg_m3;
};

constexpr UnitScale kConcentrationUnits[] = {
    {"kg_m3", 1.0}, {"g_m3", 1e-3}, {"mg_m3", 1e-6}, {"ug_m3", 1e-9}, {"ng_m3", 1e-12},
    {"kg/m3", 1.0}, {"g/m3", 1e-3}, {"mg/m3", 1e-6}, {"ug/m3", 1e-9}, {"ng/m3", 1e-12},
};
constexpr const char* kUnitList = "kg_m3, g_m3, mg_m3, ug_m3, ng_m3";

std::optional<double> time_scale(const std::string& unit) {
  if (unit == "s") return 1.0;
  if (unit == "min") return 60.0;
  if (unit == "h") return 3600.0;
  return std::nullopt;
}

// A column's kind and the unit it names: "time_s" or "time[s]" -> {"time", "s"}.
struct Kind {
  std::string kind;
  std::string unit;
};
Kind kind_of(const UnitColumn& c) {
  if (!c.unit.empty()) return {c.name, c.unit};
  for (const char* k : {"time", "concentration", "uncertainty"}) {
    const std::string prefix = std::string(k) + "_";
    if (c.name.rfind(prefix, 0) == 0) return {k, c.name.substr(prefix.size())};
  }
  return {c.name, ""};
}

std::string shortest(double x) {  // 21600, not 21600.000000
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", x);
  return text;
}

std::string normalised(const std::string& unit) {  // "ug/m3" and "ug_m3" are the same unit
  std::string u = unit;
  for (char& ch : u)
    if (ch == '/') ch = '_';
  return u;
}

}  // namespace

double concentration_unit_scale(const std::string& unit) {
  for (const UnitScale& u : kConcentrationUnits)
    if (unit == u.text) return u.kg_m3;
  return 0.0;
}

namespace {
SensorTable read_table(const std::filesystem::path& path, const SensorCsvExpectations& expect);
}  // namespace

SensorTable read_sensor_csv(const std::filesystem::path& path, const SensorCsvExpectations& expect) {
  if (expect.file_label.empty()) return read_table(path, expect);
  try {
    SensorTable t = read_table(path, expect);
    t.file = expect.file_label;
    return t;
  } catch (const base::InputError& e) {
    base::InputLocation where = e.where();
    where.file = expect.file_label;
    throw base::InputError(where, e.message());
  }
}

namespace {
SensorTable read_table(const std::filesystem::path& path, const SensorCsvExpectations& expect) {
  // The size and file-type checks (a FIFO, a device, a huge file) before the table reader opens it.
  (void)base::read_input_file(path, "sensor CSV file", "name a .csv file of sensor observations");
  const UnitTable t = read_unit_table(path);
  SensorTable out;
  out.file = t.file;
  std::optional<std::size_t> time_col, sensor_col, conc_col, unc_col;
  double time_to_s = 1.0;
  std::string unc_unit;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const Kind k = kind_of(t.columns[i]);
    auto take = [&](std::optional<std::size_t>& slot) {
      if (slot) t.fail_header(i, "a second " + k.kind + " column (the first is '" + t.columns[*slot].header +
                                     "'); keep one");
      slot = i;
    };
    if (k.kind == "time") {
      take(time_col);
      const auto scale = time_scale(k.unit);
      if (!scale) t.fail_header(i, "unknown time unit (got '" + k.unit + "'); write time_s, time_min or time_h");
      time_to_s = *scale;
    } else if (k.kind == "sensor" && k.unit.empty()) {
      take(sensor_col);
    } else if (k.kind == "concentration") {
      take(conc_col);
      out.unit = normalised(k.unit);
      out.unit_to_kg_m3 = concentration_unit_scale(out.unit);
      if (out.unit_to_kg_m3 == 0.0)
        t.fail_header(i, "unknown concentration unit (got '" + k.unit + "'); write concentration_<unit> with one of " +
                             kUnitList);
    } else if (k.kind == "uncertainty") {
      take(unc_col);
      unc_unit = normalised(k.unit);
    } else {
      t.fail_header(i, "unknown column; the columns are time_s, sensor, concentration_<unit> and optionally "
                       "uncertainty_<unit>");
    }
  }
  const base::InputLocation header{t.file, t.header_line, 0, ""};
  auto missing = [&](const char* what) {
    base::InputLocation where = header;
    where.key = what;
    throw base::InputError(where, std::string("missing column '") + what +
                                      "'; the header must name time_s, sensor and concentration_<unit>");
  };
  if (!time_col) missing("time_s");
  if (!sensor_col) missing("sensor");
  if (!conc_col) missing("concentration_<unit>");
  if (unc_col && unc_unit != out.unit)
    t.fail_header(*unc_col, "mixed units: the uncertainty is in '" + unc_unit + "' but the concentration in '" +
                                out.unit + "'; give both in one unit");
  out.has_uncertainty = unc_col.has_value();
  if (t.rows.empty()) throw base::InputError(header, "has no observations; add rows time_s,sensor,concentration");
  if (t.rows.size() > expect.max_rows)
    throw base::InputError(header, "has " + std::to_string(t.rows.size()) + " rows, more than the " +
                                       std::to_string(expect.max_rows) + " accepted; thin or split the file");

  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < expect.sensors.size(); ++i) index.emplace(expect.sensors[i], i);
  out.rows.reserve(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      if (t.is_empty(r, c)) t.fail(r, c, "is empty; every row needs a value in every column");
    SensorObservation o;
    o.line = t.rows[r].line;
    o.time_s = t.number(r, *time_col) * time_to_s;
    if (o.time_s < expect.run_start_s || o.time_s > expect.run_end_s)
      t.fail(r, *time_col, "time " + t.rows[r].cells[*time_col] + " lies outside the run (" + shortest(expect.run_start_s) +
                               " to " + shortest(expect.run_end_s) + " s); drop the row or extend the scenario's "
                               "meteorology");
    const std::string& name = t.rows[r].cells[*sensor_col];
    const auto found = index.find(name);
    if (found == index.end())
      t.fail(r, *sensor_col, "sensor '" + name + "' is not a receptor of the scenario; use a name from "
                             "dispersion.receptors or a receptor network");
    o.sensor = found->second;
    const double value = t.number(r, *conc_col);
    if (unc_col) {
      const double u = t.number(r, *unc_col);
      if (!(u > 0.0)) t.fail(r, *unc_col, "the uncertainty must be > 0 (got " + t.rows[r].cells[*unc_col] + ")");
      o.uncertainty_kg_m3 = u * out.unit_to_kg_m3;
      if (value < -3.0 * u)
        t.fail(r, *conc_col, "negative concentration beyond noise (got " + t.rows[r].cells[*conc_col] +
                                 ", below -3 x uncertainty " + t.rows[r].cells[*unc_col] + "); check the sensor");
    } else if (value < 0.0) {
      t.fail(r, *conc_col, "negative concentration (got " + t.rows[r].cells[*conc_col] +
                               "); without an uncertainty column none is accepted: add uncertainty_" + out.unit +
                               " or correct the value");
    }
    o.concentration_kg_m3 = value * out.unit_to_kg_m3;
    out.rows.push_back(o);
  }
  return out;
}
}  // namespace

}  // namespace twinlab::io
