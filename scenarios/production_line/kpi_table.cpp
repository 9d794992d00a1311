#include "scenarios/production_line/kpi_table.hpp"

#include <cmath>

#include <fmt/format.h>

namespace twinlab::scenarios {

namespace pl = twins::production_line;

namespace {

struct Shown {
  std::string name, unit;
  double factor;  // displayed = SI value x factor
};

// How a KPI given in SI (its name ends with its unit) is shown: s -> min, J -> kWh, per second -> per hour.
Shown shown(const pl::KpiRow& k) {
  auto strip = [&](const std::string& suffix) { return k.name.substr(0, k.name.size() - suffix.size()); };
  auto ends = [&](const std::string& suffix) {
    return k.name.size() > suffix.size() && k.name.compare(k.name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (k.name == "throughput_per_s") return {"throughput", "parts/h", 3600.0};
  if (k.name == "good_parts" || k.name == "scrapped_parts" || k.name == "arrivals") return {k.name, "parts", 1.0};
  if (k.name == "wip_mean") return {k.name, "parts", 1.0};
  if (k.name == "energy_per_good_part_J") return {"energy_per_good_part", "kWh/part", 1.0 / 3.6e6};
  if (k.name == "emissions_per_good_part_kg") return {"emissions_per_good_part", "kg/part", 1.0};
  if (ends("_per_s") && k.unit == "currency/s") return {strip("_per_s"), "currency/h", 3600.0};
  if (ends("_s") && k.unit == "s") return {strip("_s"), "min", 1.0 / 60.0};
  if (ends("_J") && k.unit == "J") return {strip("_J"), "kWh", 1.0 / 3.6e6};
  if (ends("_kg") && k.unit == "kg") return {strip("_kg"), "kg", 1.0};
  return {k.name, k.unit == "1" ? "" : k.unit, 1.0};
}

}  // namespace

std::string line_kpi_table(const pl::LineConfig& config, const pl::LineResult& r) {
  std::string table = fmt::format("{:<30} {:>14} {:>14}  {}\n", "KPI", "mean",
                                  fmt::format("+/- ({:.0f}% CI)", 100.0 * r.confidence_level), "unit");
  for (const auto& k : r.kpis) {
    const Shown s = shown(k);
    const double half = k.value.half_width * s.factor;
    table += fmt::format("{:<30} {:>14.6g} {:>14}  {}\n", s.name, k.value.mean * s.factor,
                         std::isnan(half) ? "-" : fmt::format("{:.4g}", half), s.unit);
  }
  if (r.bottleneck_station >= 0)
    table += fmt::format("{:<30} {:>14}\n", "bottleneck station", config.stations[r.bottleneck_station].name);

  // Fractions of planned machine time: every state, so that a row sums to 1.
  table += fmt::format("\n{:<16} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>12}\n", "station", "busy", "starved",
                       "blocked", "down", "maint", "oee", "buffer", "parts/h");
  auto col = [&](const char* name) -> const pl::StationColumn& { return pl::find_station_column(r, name); };
  for (std::size_t s = 0; s < r.stations.names.size(); ++s)
    table += fmt::format("{:<16} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.2f} {:>12.2f}\n",
                         r.stations.names[s], col("busy_fraction").mean[s], col("starved_fraction").mean[s],
                         col("blocked_fraction").mean[s], col("down_fraction").mean[s],
                         col("maintenance_fraction").mean[s], col("oee").mean[s], col("buffer_mean").mean[s],
                         3600.0 * col("throughput_per_s").mean[s]);
  table += "(fractions of planned machine time; parts/h: completed operations per planned hour)\n";
  return table;
}

}  // namespace twinlab::scenarios
