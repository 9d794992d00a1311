#include "scenarios/dispersion/limits_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "twins/dispersion/averaging.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

constexpr double ug_per_kg = 1.0e9;  // 1 kg/m^3 = 1e9 ug/m^3
constexpr const char* concentration_units = "kg m-3";
constexpr const char* averaging_rule =
    "U.S. EPA calms policy (ISC3/AERMOD): calm and missing hours excluded; N-hour means = sum of valid hourly "
    "values / max(valid hours, ceil(0.75 N)); period mean over valid hours (docs/dispersion.md)";

const char* averaging_text(dsp::AveragingPeriod a) {
  return a == dsp::AveragingPeriod::Period ? "annual" : dsp::averaging_period_name(a);
}

std::string ordinal(std::size_t n) {
  const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return fmt::format("{}{}", n, suffix);
}

std::string statistic_text(const dsp::Limit& l) {
  if (l.averaging == dsp::AveragingPeriod::Period) return "mean";
  if (l.statistic == dsp::LimitStatistic::PercentileOfDailyMaxima)
    return fmt::format("p{:g} of daily max", l.percentile);
  return ordinal(static_cast<std::size_t>(l.allowed_exceedances) + 1) + " highest";
}

bool has_compliance(const dsp::Config& config, const dsp::PlumeResult* plume) {
  return plume && !config.compliance.limits.empty();
}

// The grid node with the highest design value of limit l (first on ties); -1 when there is no grid.
std::int64_t worst_node(const dsp::SeriesStatistics& g, std::size_t l) {
  std::int64_t best = -1;
  for (std::size_t n = 0; n < g.receptors; ++n)
    if (best < 0 || g.design_value_kg_m3[l * g.receptors + n] > g.design_value_kg_m3[l * g.receptors + static_cast<std::size_t>(best)])
      best = static_cast<std::int64_t>(n);
  return best;
}

std::int64_t max_exceedances(const dsp::SeriesStatistics& s, std::size_t l) {
  std::int64_t m = 0;
  for (std::size_t r = 0; r < s.receptors; ++r) m = std::max(m, s.exceedances[l * s.receptors + r]);
  return m;
}

}  // namespace

std::string compliance_table(const dsp::Config& config, const dsp::PlumeResult* plume) {
  if (!has_compliance(config, plume)) return "";
  const auto& limits = config.compliance.limits;
  const auto& rs = plume->receptor_statistics;
  const auto& gs = plume->grid_statistics;
  std::string t = "\ncompliance (plume model; calm and missing hours excluded, EPA 75 % rule for 8 h and 24 h means)\n";
  t += fmt::format("{:<18} {:>9} {:>12} {:>18}  {:<26} {:>13} {:>11} {:>6}\n", "limit", "averaging", "limit ug/m^3",
                   "design value", "at", "value ug/m^3", "exceed/allow", "result");
  for (std::size_t l = 0; l < limits.size(); ++l) {
    const dsp::Limit& lim = limits[l];
    auto row = [&](const std::string& where, double dv, std::int64_t exc, bool pass) {
      t += fmt::format("{:<18} {:>9} {:>12g} {:>18}  {:<26} {:>13.1f} {:>11} {:>6}\n", lim.name, averaging_text(lim.averaging),
                       lim.value_kg_m3 * ug_per_kg, statistic_text(lim), where, dv * ug_per_kg,
                       fmt::format("{} / {}", exc, lim.allowed_exceedances), pass ? "pass" : "FAIL");
    };
    for (std::size_t r = 0; r < rs.receptors; ++r)
      row("sensor " + config.receptors[r].name, rs.design_value_kg_m3[l * rs.receptors + r],
          rs.exceedances[l * rs.receptors + r], rs.pass[l * rs.receptors + r] != 0);
    const std::int64_t n = worst_node(gs, l);
    if (n >= 0) {
      const auto node = static_cast<std::size_t>(n);
      const std::size_t nx = plume->x_m.size();
      row(fmt::format("grid max {:.0f}, {:.0f} m", plume->x_m[node % nx], plume->y_m[node / nx]),
          gs.design_value_kg_m3[l * gs.receptors + node], gs.exceedances[l * gs.receptors + node],
          gs.pass[l * gs.receptors + node] != 0);
    }
  }
  t += "exceed/allow: values strictly above the limit (percentile limits: days above it) / allowed; a design value "
       "<= the limit passes\n";
  std::string sources;
  for (const auto& lim : limits)
    if (!lim.source.empty()) sources += fmt::format("  {}: {}\n", lim.name, lim.source);
  if (!sources.empty()) t += "sources:\n" + sources;
  return t;
}

nlohmann::json compliance_summary(const dsp::Config& config, const dsp::PlumeResult* plume) {
  if (!has_compliance(config, plume)) return nullptr;
  const auto& rs = plume->receptor_statistics;
  const auto& gs = plume->grid_statistics;
  nlohmann::json out;
  out["model"] = "plume";
  out["averaging_rule"] = averaging_rule;
  nlohmann::json limits = nlohmann::json::array();
  for (std::size_t l = 0; l < config.compliance.limits.size(); ++l) {
    const dsp::Limit& lim = config.compliance.limits[l];
    nlohmann::json j;
    j["name"] = lim.name;
    j["value_kg_m3"] = lim.value_kg_m3;
    j["averaging"] = averaging_text(lim.averaging);
    j["allowed_exceedances"] = lim.allowed_exceedances;
    j["statistic"] = lim.statistic == dsp::LimitStatistic::PercentileOfDailyMaxima ? "percentile" : "nth_highest";
    if (lim.statistic == dsp::LimitStatistic::PercentileOfDailyMaxima) j["percentile"] = lim.percentile;
    j["source"] = lim.source;
    nlohmann::json receptors = nlohmann::json::array();
    bool all_pass = true;
    for (std::size_t r = 0; r < rs.receptors; ++r) {
      const bool pass = rs.pass[l * rs.receptors + r] != 0;
      all_pass = all_pass && pass;
      receptors.push_back({{"name", config.receptors[r].name},
                           {"design_value_kg_m3", rs.design_value_kg_m3[l * rs.receptors + r]},
                           {"exceedances", rs.exceedances[l * rs.receptors + r]},
                           {"pass", pass}});
    }
    j["receptors"] = receptors;
    j["receptors_pass"] = all_pass;
    const std::int64_t n = worst_node(gs, l);
    if (n >= 0) {
      const auto node = static_cast<std::size_t>(n);
      const std::size_t nx = plume->x_m.size();
      j["grid_design_value_max_kg_m3"] = gs.design_value_kg_m3[l * gs.receptors + node];
      j["grid_design_value_max_x_m"] = plume->x_m[node % nx];
      j["grid_design_value_max_y_m"] = plume->y_m[node / nx];
      j["grid_exceedances_max"] = max_exceedances(gs, l);
      j["grid_pass"] = gs.pass[l * gs.receptors + node] != 0;
    }
    limits.push_back(j);
  }
  out["limits"] = limits;
  return out;
}

void add_design_values(io::Dataset& ds, const dsp::Config& config, const dsp::PlumeResult& p) {
  const std::size_t ny = p.y_m.size(), nx = p.x_m.size();
  {
    io::Group* plume = nullptr;
    for (auto& g : ds.groups)
      if (g.path == "plume") plume = &g;
    if (plume && p.grid_statistics.receptors == ny * nx) {
      plume->attributes.set("grid_series", p.full_grids ? "all" : "statistics");
      plume->add_variable("concentration_max", {"y", "x"}, {ny, nx}, p.grid_statistics.max_kg_m3, concentration_units,
                          "highest concentration of any valid meteorology period on the receptor grid");
      plume->add_variable("concentration_mean", {"y", "x"}, {ny, nx}, p.grid_statistics.mean_kg_m3,
                          concentration_units, "period mean over valid hours on the receptor grid");
    }
  }
  const auto& limits = config.compliance.limits;
  const auto& rs = p.receptor_statistics;
  const std::size_t nr = config.receptors.size(), nl = limits.size();
  if (nr == 0 && nl == 0) return;
  io::Group& g = ds.add_group("plume/design_values");
  g.attributes.set("averaging_rule", averaging_rule);
  g.attributes.set("day_start_s", config.compliance.day_origin_s);
  if (nr > 0 && rs.ranks > 0) {
    std::vector<std::string> receptors, averaging;
    for (const auto& r : config.receptors) receptors.push_back(r.name);
    for (std::size_t a = 0; a < dsp::kAveragingPeriodCount; ++a)
      averaging.push_back(averaging_text(static_cast<dsp::AveragingPeriod>(a)));
    std::vector<std::int64_t> ranks(rs.ranks);
    for (std::size_t k = 0; k < rs.ranks; ++k) ranks[k] = static_cast<std::int64_t>(k + 1);
    g.add_coordinate("receptor", receptors, "", "sensor name");
    g.add_coordinate("averaging", averaging, "", "averaging period: 1 h, 8 h rolling, calendar day, whole run");
    g.add_coordinate("rank", ranks, "1", "1 = highest");
    g.add_variable("ranked_concentration", {"receptor", "averaging", "rank"}, {nr, dsp::kAveragingPeriodCount, rs.ranks},
                   rs.ranked, concentration_units,
                   "highest values per averaging period (NaN where fewer values; annual: rank 1 = the mean)");
    g.add_variable("period_mean", {"receptor"}, {nr}, rs.mean_kg_m3, concentration_units, "mean over valid hours");
  }
  if (nl == 0) return;
  std::vector<std::string> names, averaging, statistic, source;
  std::vector<double> value, percentile;
  std::vector<std::int64_t> allowed;
  for (const auto& l : limits) {
    names.push_back(l.name);
    averaging.push_back(averaging_text(l.averaging));
    statistic.push_back(l.statistic == dsp::LimitStatistic::PercentileOfDailyMaxima ? "percentile" : "nth_highest");
    source.push_back(l.source);
    value.push_back(l.value_kg_m3);
    percentile.push_back(l.statistic == dsp::LimitStatistic::PercentileOfDailyMaxima ? l.percentile : std::nan(""));
    allowed.push_back(l.allowed_exceedances);
  }
  g.add_coordinate("limit", names, "", "limit name");
  g.add_variable("limit_value", {"limit"}, {nl}, value, concentration_units, "limit value");
  g.add_variable("limit_averaging", {"limit"}, {nl}, averaging, "", "averaging period of the limit");
  g.add_variable("limit_statistic", {"limit"}, {nl}, statistic, "", "statistic that gives the design value");
  g.add_variable("limit_percentile", {"limit"}, {nl}, percentile, "percent", "percentile of daily maxima (NaN: none)");
  g.add_variable("allowed_exceedances", {"limit"}, {nl}, allowed, "1", "exceedances allowed over the run");
  g.add_variable("limit_source", {"limit"}, {nl}, source, "", "where the limit comes from");
  if (nr > 0) {
    g.add_variable("design_value", {"limit", "receptor"}, {nl, nr}, rs.design_value_kg_m3, concentration_units,
                   "value compared with the limit at the sensor");
    g.add_variable("exceedances", {"limit", "receptor"}, {nl, nr}, rs.exceedances, "1",
                   "values above the limit at the sensor (percentile limits: days)");
    g.add_variable("complies", {"limit", "receptor"}, {nl, nr}, rs.pass, "1", "1 when design value <= limit");
  }
  const auto& gs = p.grid_statistics;
  if (gs.receptors == ny * nx && gs.limits == nl) {
    g.add_coordinate("y", p.y_m, "m", "northing");
    g.add_coordinate("x", p.x_m, "m", "easting");
    g.add_variable("grid_design_value", {"limit", "y", "x"}, {nl, ny, nx}, gs.design_value_kg_m3, concentration_units,
                   "value compared with the limit at each receptor-grid node");
    g.add_variable("grid_exceedances", {"limit", "y", "x"}, {nl, ny, nx}, gs.exceedances, "1",
                   "values above the limit at each receptor-grid node (percentile limits: days)");
  }
}

std::vector<Kpi> compliance_kpis(const dsp::Config& config, const dsp::PlumeResult* plume) {
  std::vector<Kpi> out;
  if (!has_compliance(config, plume)) return out;
  auto add = [&](const std::string& name, const char* unit, double value) {
    out.push_back({name, unit, value, std::nan(""), std::nan(""), {}});
  };
  const auto& rs = plume->receptor_statistics;
  const auto& gs = plume->grid_statistics;
  for (std::size_t l = 0; l < config.compliance.limits.size(); ++l) {
    const dsp::Limit& lim = config.compliance.limits[l];
    const std::string k = "limits." + lim.name + ".";
    double dv_max = 0.0;
    bool pass = true;
    for (std::size_t r = 0; r < rs.receptors; ++r) {
      dv_max = std::max(dv_max, rs.design_value_kg_m3[l * rs.receptors + r]);
      pass = pass && rs.pass[l * rs.receptors + r] != 0;
    }
    add(k + "exceedances_max", "1", static_cast<double>(max_exceedances(rs, l)));
    add(k + "design_value_max_kg_m3", "kg m-3", dv_max);
    add(k + "design_value_ratio_max", "1", dv_max / lim.value_kg_m3);
    add(k + "compliant", "1", pass ? 1.0 : 0.0);
    const std::int64_t n = worst_node(gs, l);
    if (n >= 0) {
      add(k + "grid_design_value_max_kg_m3", "kg m-3", gs.design_value_kg_m3[l * gs.receptors + static_cast<std::size_t>(n)]);
      add(k + "grid_exceedances_max", "1", static_cast<double>(max_exceedances(gs, l)));
    }
    for (std::size_t r = 0; r < rs.receptors; ++r) {
      const std::string rk = k + "receptor." + config.receptors[r].name + ".";
      add(rk + "design_value_kg_m3", "kg m-3", rs.design_value_kg_m3[l * rs.receptors + r]);
      add(rk + "exceedances", "1", static_cast<double>(rs.exceedances[l * rs.receptors + r]));
    }
  }
  return out;
}

}  // namespace twinlab::scenarios
