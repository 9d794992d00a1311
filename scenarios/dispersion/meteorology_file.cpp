#include "scenarios/dispersion/meteorology_file.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include <fmt/format.h>

#include "io/iso_time.hpp"
#include "io/met_table.hpp"
#include "io/scenario_schema.hpp"
#include "twins/dispersion/surface_energy_budget.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct ColumnSpec {
  const char* name;
  const char* si_unit;  // what its unit must convert to ("" = no unit)
};

// The columns a meteorology CSV may hold (docs/dispersion.md, "Meteorology from a file").
const std::vector<ColumnSpec>& known_columns() {
  static const std::vector<ColumnSpec> columns = {
      {"time", ""},           {"wind_speed", "m/s"},         {"wind_direction", "deg"},
      {"temperature", "K"},   {"stability_class", ""},       {"cloud_cover", "1"},
      {"friction_velocity", "m/s"}, {"obukhov_length", "m"}, {"convective_velocity", "m/s"},
      {"mixing_height", "m"}, {"sigma_theta", "deg"},        {"sigma_v", "m/s"},
      {"sigma_w", "m/s"},     {"missing", ""},
  };
  return columns;
}

std::vector<std::string> known_names() {
  std::vector<std::string> names;
  for (const ColumnSpec& c : known_columns()) names.emplace_back(c.name);
  return names;
}

std::string known_names_text() {
  std::string text;
  for (const std::string& n : known_names()) text += (text.empty() ? "" : ", ") + n;
  return text;
}

// The table with every column checked (known name, known unit of the right kind) and its conversion.
struct CheckedTable {
  io::UnitTable table;
  std::vector<io::UnitConversion> conversion;  // per column

  std::optional<std::size_t> column(const char* name) const { return table.find(name); }
  // The SI value of a cell; nullopt when the column is absent or the cell empty.
  std::optional<double> value(std::size_t row, std::optional<std::size_t> col) const {
    if (!col || table.is_empty(row, *col)) return std::nullopt;
    const io::UnitConversion& c = conversion[*col];
    return table.number(row, *col) * c.scale + c.offset;
  }
};

CheckedTable check_columns(io::UnitTable table) {
  CheckedTable t{std::move(table), {}};
  const io::UnitTable& tb = t.table;
  for (std::size_t c = 0; c < tb.columns.size(); ++c) {
    const io::UnitColumn& col = tb.columns[c];
    const ColumnSpec* spec = nullptr;
    for (const ColumnSpec& s : known_columns())
      if (col.name == s.name) spec = &s;
    if (!spec) {
      const std::string near = io::nearest_key(col.name, known_names());
      tb.fail_header(c, fmt::format("unknown column '{}'{}; the columns are {}", col.name,
                                    near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                    known_names_text()));
    }
    const std::optional<io::UnitConversion> conv = io::unit_conversion(col.unit);
    const std::string expected = spec->si_unit;
    if (!conv || conv->si_unit != expected) {
      if (expected.empty())
        tb.fail_header(c, fmt::format("takes no unit (got '[{}]'); write just '{}'", col.unit, col.name));
      if (col.unit.empty())
        tb.fail_header(c, fmt::format("needs a unit; write {}[unit] with one of {}", col.name, io::units_of(expected)));
      tb.fail_header(c, fmt::format("unknown unit for {} (got '{}'); use one of {}", col.name, col.unit,
                                    io::units_of(expected)));
    }
    t.conversion.push_back(*conv);
  }
  return t;
}

bool is_convective(dsp::StabilityClass c) { return c <= dsp::StabilityClass::C; }
bool is_stable(dsp::StabilityClass c) { return c >= dsp::StabilityClass::E; }

}  // namespace

PeriodCounts count_periods(const std::vector<dsp::MeteorologyPeriod>& periods) {
  PeriodCounts n;
  for (const auto& p : periods) {
    if (p.status == dsp::PeriodStatus::Valid) ++n.valid;
    else if (p.status == dsp::PeriodStatus::Calm) ++n.calm;
    else ++n.missing;
  }
  return n;
}

MeteorologyRecords read_meteorology_csv(const MeteorologyFileSettings& settings) {
  const CheckedTable t = check_columns(io::read_unit_table(settings.path));
  const io::UnitTable& tb = t.table;
  const base::InputLocation file_only{tb.file, tb.header_line, 0, ""};
  auto require_column = [&](const char* name, const std::string& why) {
    const auto c = t.column(name);
    if (!c) throw base::InputError(file_only, fmt::format("has no column '{}' ({}); add it to the header", name, why));
    return *c;
  };
  const std::size_t time_col = require_column("time", "ISO 8601 with offset, e.g. 2025-01-01T00:00+01:00");
  const std::size_t speed_col = require_column("wind_speed", "e.g. wind_speed@10m[m/s]");
  const std::size_t dir_col = require_column("wind_direction", "degrees the wind blows from, e.g. wind_direction[deg]");
  const auto temp_col = t.column("temperature");
  const auto class_col = t.column("stability_class");
  const auto cloud_col = t.column("cloud_cover");
  const auto ustar_col = t.column("friction_velocity");
  const auto length_col = t.column("obukhov_length");
  const auto wstar_col = t.column("convective_velocity");
  const auto zi_col = t.column("mixing_height");
  const auto sigma_theta_col = t.column("sigma_theta");
  const auto sigma_v_col = t.column("sigma_v");
  const auto sigma_w_col = t.column("sigma_w");
  const auto missing_col = t.column("missing");
  if (tb.rows.empty()) throw base::InputError(file_only, "has a header but no rows; give at least one record");

  MeteorologyRecords out;
  const double speed_height = tb.columns[speed_col].height_m;
  out.height_from_file = speed_height >= 0.0;
  out.reference_height_m = out.height_from_file ? speed_height : settings.reference_height_m;
  if (out.height_from_file && !(speed_height > 0.0))
    tb.fail_header(speed_col, "the wind's measurement height must be > 0 m (got @0m); write e.g. wind_speed@10m[m/s]");

  enum class Method { Class, Obukhov, Cloud };
  Method method;
  if (class_col) {
    method = Method::Class;
    out.method = "stability class from the file";
  } else if (length_col) {
    method = Method::Obukhov;
    out.method = "stability class from the Obukhov length (Golder 1972)";
  } else if (cloud_col) {
    method = Method::Cloud;
    out.method = "surface energy budget from cloud cover (AERMET method)";
    if (!temp_col)
      throw base::InputError(file_only, "has cloud_cover but no temperature column (the energy budget needs it); add "
                             "e.g. temperature@2m[degC]");
    if (!settings.site)
      throw base::InputError(file_only, "has cloud_cover, which needs the sun's elevation; give the site's position "
                             "as dispersion.meteorology.site.latitude_deg and longitude_deg");
  } else {
    throw base::InputError(file_only, "says nothing about stability; add a column stability_class (A-F), cloud_cover "
                           "(e.g. cloud_cover[oktas]) or the boundary-layer parameters (obukhov_length[m], "
                           "friction_velocity[m/s])");
  }

  // Pass 1: times on the step grid, in order, gaps within the limit.
  const double step = settings.time_step_s;
  std::vector<double> times(tb.rows.size());
  std::vector<long long> index(tb.rows.size());
  for (std::size_t r = 0; r < tb.rows.size(); ++r) {
    const std::string& text = tb.rows[r].cells[time_col];
    const auto time = io::parse_iso_time(text);
    if (!time)
      tb.fail(r, time_col, fmt::format("is not an ISO 8601 time with a UTC offset (got '{}'); write e.g. "
                                       "2025-01-01T00:00+01:00 or 2025-01-01T00:00Z", text));
    times[r] = time->utc_s;
    if (r == 0) {  // local time of day of the first record, by its written offset
      const double local_s = std::fmod(std::fmod(time->utc_s + time->offset_s, 86400.0) + 86400.0, 86400.0);
      out.first_local_midnight_s = local_s == 0.0 ? 0.0 : 86400.0 - local_s;
    }
    const double k = (times[r] - times[0]) / step;
    if (std::abs(k - std::round(k)) > 1e-6)
      tb.fail(r, time_col, fmt::format("is off the {:g} s time-step grid that starts at the first row (got '{}'); "
                                       "give one row per step or set dispersion.meteorology.time_step_s", step, text));
    index[r] = std::llround(k);
    if (r > 0) {
      if (index[r] <= index[r - 1])
        tb.fail(r, time_col, fmt::format("time goes backwards or repeats (got '{}' after '{}'); sort the rows by time "
                                         "and remove duplicates", text, tb.rows[r - 1].cells[time_col]));
      const double gap_s = static_cast<double>(index[r] - index[r - 1] - 1) * step;
      if (gap_s > settings.max_gap_s)
        tb.fail(r, time_col, fmt::format("{:g} h of records are absent before this row (got '{}' after '{}'), more "
                                         "than dispersion.meteorology.max_gap_s = {:g} s; fill the gap with rows "
                                         "flagged missing or raise max_gap_s", gap_s / 3600.0, text,
                                         tb.rows[r - 1].cells[time_col], settings.max_gap_s));
    }
  }
  const std::size_t n = static_cast<std::size_t>(index.back()) + 1;
  out.periods.assign(n, dsp::MeteorologyPeriod{});
  for (std::size_t k = 0; k < n; ++k) {
    dsp::MeteorologyPeriod& p = out.periods[k];
    p.start_s = static_cast<double>(k) * step;
    p.status = dsp::PeriodStatus::Missing;  // until a row says otherwise
    p.wind_speed_m_s = nan;
    p.wind_direction_deg = nan;
  }

  // Pass 2: values.
  const double sigma_height = [&] {
    for (auto c : {sigma_theta_col, sigma_v_col, sigma_w_col})
      if (c && tb.columns[*c].height_m >= 0.0) return tb.columns[*c].height_m;
    return out.reference_height_m;
  }();
  std::vector<double> cloud_fraction(n, nan);
  for (std::size_t r = 0; r < tb.rows.size(); ++r) {
    dsp::MeteorologyPeriod& p = out.periods[static_cast<std::size_t>(index[r])];
    if (missing_col && !tb.is_empty(r, *missing_col)) {
      const std::string& flag = tb.rows[r].cells[*missing_col];
      if (flag != "0" && flag != "1")
        tb.fail(r, *missing_col, fmt::format("must be 0 or 1 (got '{}'); write 1 for a missing record", flag));
      if (flag == "1") continue;
    }
    const auto speed = t.value(r, speed_col);
    const auto direction = t.value(r, dir_col);
    if (speed && (*speed < 0.0 || *speed > 90.0))
      tb.fail(r, speed_col, fmt::format("must be within 0-90 m/s (got {:g} m/s); check the unit in the header", *speed));
    if (direction && (*direction < 0.0 || *direction > 360.0))
      tb.fail(r, dir_col, fmt::format("must be within 0-360 deg (got {:g}); give the direction the wind blows from, "
                                      "clockwise from north", *direction));
    const auto temperature = t.value(r, temp_col);
    if (temperature && (*temperature < 200.0 || *temperature > 340.0))
      tb.fail(r, *temp_col, fmt::format("must be within 200-340 K (got {:.2f} K); check the unit in the header "
                                        "(degC or K)", *temperature));
    std::optional<dsp::StabilityClass> stability;
    if (class_col && !tb.is_empty(r, *class_col)) {
      const std::string& letter = tb.rows[r].cells[*class_col];
      if (letter.size() != 1 || letter[0] < 'A' || letter[0] > 'F')
        tb.fail(r, *class_col, fmt::format("must be one of A, B, C, D, E, F (got '{}'); use the Pasquill-Gifford "
                                           "letter in upper case", letter));
      stability = static_cast<dsp::StabilityClass>(letter[0] - 'A');
    }
    const auto cloud = t.value(r, cloud_col);
    if (cloud && (*cloud < 0.0 || *cloud > 1.0))
      tb.fail(r, *cloud_col, fmt::format("must be within 0-8 oktas / 0-10 tenths (got {}); check the unit in the header",
                                         tb.rows[r].cells[*cloud_col]));
    const auto ustar = t.value(r, ustar_col);
    if (ustar && !(*ustar > 0.0))
      tb.fail(r, *ustar_col, fmt::format("must be > 0 (got {:g} m/s); u* is a speed scale, never negative", *ustar));
    const auto length = t.value(r, length_col);
    if (length && *length == 0.0)
      tb.fail(r, *length_col, "must not be 0 (got 0); write a large value such as 1e5 for neutral conditions");
    if (length && stability && ((is_convective(*stability) && *length > 0.0) || (is_stable(*stability) && *length < 0.0)))
      tb.fail(r, *length_col, fmt::format("has the wrong sign for stability class {} (got {:g} m); L < 0 in unstable "
                                          "classes A-C, L > 0 in stable classes E-F: check the sign convention",
                                          tb.rows[r].cells[*class_col], *length));
    const auto wstar = t.value(r, wstar_col);
    if (wstar && *wstar < 0.0)
      tb.fail(r, *wstar_col, fmt::format("must be >= 0 (got {:g} m/s)", *wstar));
    if (wstar && *wstar > 0.0 && length && *length > 0.0)
      tb.fail(r, *wstar_col, fmt::format("is given in a stable hour (L = {:g} m > 0) (got {:g} m/s); w* exists only "
                                         "in convective hours: leave it empty or 0", *length, *wstar));
    const auto zi = t.value(r, zi_col);
    if (zi && *zi < 0.0) tb.fail(r, *zi_col, fmt::format("must be >= 0 (got {:g} m)", *zi));
    for (auto c : {sigma_theta_col, sigma_v_col, sigma_w_col}) {
      const auto v = t.value(r, c);
      if (v && *v < 0.0) tb.fail(r, *c, fmt::format("must be >= 0 (got {:g})", *v));
    }

    if (speed && *speed < settings.calm_threshold_m_s) {  // a calm: only the speed matters, skipped and counted
      p.status = dsp::PeriodStatus::Calm;
      p.wind_speed_m_s = *speed;
      p.wind_direction_deg = direction ? *direction : nan;
      continue;
    }
    // A record that misses what its method needs is a missing hour (counted), not an error.
    const bool complete = speed && direction &&
                          (method != Method::Class || stability) &&
                          (method != Method::Obukhov || length) &&
                          (method != Method::Cloud || (cloud && temperature));
    if (!complete) continue;
    p.wind_speed_m_s = *speed;
    p.wind_direction_deg = *direction == 360.0 ? 0.0 : *direction;
    p.temperature_K = temperature ? *temperature : dsp::kNotGiven;
    p.mixing_height_m = zi ? *zi : 0.0;
    p.boundary_layer.friction_velocity_m_s = ustar ? *ustar : dsp::kNotGiven;
    p.boundary_layer.obukhov_length_m = length ? *length : dsp::kNotGiven;
    p.boundary_layer.convective_velocity_m_s = wstar ? *wstar : dsp::kNotGiven;
    if (const auto sv = t.value(r, sigma_v_col)) p.boundary_layer.sigma_v_m_s = *sv;
    else if (const auto st = t.value(r, sigma_theta_col))
      p.boundary_layer.sigma_v_m_s = *speed * *st * std::numbers::pi / 180.0;  // sigma_v = u sigma_theta (radians)
    if (const auto sw = t.value(r, sigma_w_col)) p.boundary_layer.sigma_w_m_s = *sw;
    if (sigma_v_col || sigma_theta_col || sigma_w_col) p.boundary_layer.measurement_height_m = sigma_height;
    if (stability) p.stability = *stability;
    else if (length) p.stability = dsp::seb::stability_class_from_obukhov(*length, settings.surface.roughness_length_m);
    if (cloud) cloud_fraction[static_cast<std::size_t>(index[r])] = *cloud;
    p.status = dsp::PeriodStatus::Valid;
  }

  if (method == Method::Cloud) {
    std::vector<dsp::seb::RoutineHour> hours(n);
    for (std::size_t k = 0; k < n; ++k) {
      const dsp::MeteorologyPeriod& p = out.periods[k];
      hours[k].utc_s = times[0] + p.start_s + 0.5 * step;
      hours[k].valid = p.status == dsp::PeriodStatus::Valid;
      if (hours[k].valid) {
        hours[k].wind_speed_m_s = p.wind_speed_m_s;
        hours[k].temperature_K = p.temperature_K;
        hours[k].cloud_fraction = cloud_fraction[k];
      }
    }
    dsp::seb::SiteSurface site;
    site.latitude_deg = settings.site->latitude_deg;
    site.longitude_deg = settings.site->longitude_deg;
    site.surface = settings.surface;
    site.reference_height_m = out.reference_height_m;
    site.potential_temperature_gradient_K_m = settings.potential_temperature_gradient_K_m;
    const std::vector<dsp::seb::DerivedHour> derived = dsp::seb::derive_boundary_layer(hours, site, step);
    for (std::size_t k = 0; k < n; ++k) {
      dsp::MeteorologyPeriod& p = out.periods[k];
      if (p.status != dsp::PeriodStatus::Valid) continue;
      const dsp::BoundaryLayer measured = p.boundary_layer;
      const dsp::seb::DerivedHour& d = derived[k];
      p.stability = d.stability;
      if (p.mixing_height_m == 0.0) p.mixing_height_m = d.mixing_height_m;
      p.boundary_layer.friction_velocity_m_s = std::isnan(measured.friction_velocity_m_s)
                                                   ? d.boundary_layer.friction_velocity_m_s
                                                   : measured.friction_velocity_m_s;
      p.boundary_layer.obukhov_length_m = d.boundary_layer.obukhov_length_m;
      p.boundary_layer.convective_velocity_m_s = std::isnan(measured.convective_velocity_m_s)
                                                     ? d.boundary_layer.convective_velocity_m_s
                                                     : measured.convective_velocity_m_s;
    }
  }
  return out;
}

}  // namespace twinlab::scenarios
