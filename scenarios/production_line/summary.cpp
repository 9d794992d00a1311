#include "scenarios/production_line/summary.hpp"

#include <cmath>

#include "scenarios/production_line/statistics_report.hpp"
#include "scenarios/provenance.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

namespace {

nlohmann::json number_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json line_summary(const Scenario& scenario, const pl::LineConfig& config, const LineOutcome& outcome) {
  const auto& r = outcome.result;
  nlohmann::json s = summary_header(scenario, "production_line");
  s["replications"] = r.replications;
  s["confidence_level"] = r.confidence_level;
  s["wall_time_s"] = outcome.seconds;
  nlohmann::json kpis = nlohmann::json::object();
  for (const auto& k : r.kpis)
    kpis[k.name] = {{"mean", number_or_null(k.value.mean)}, {"half_width", number_or_null(k.value.half_width)},
                    {"unit", k.unit}};
  s["kpis"] = kpis;
  s["bottleneck_station"] = r.bottleneck_station >= 0 ? nlohmann::json(config.stations[r.bottleneck_station].name)
                                                      : nlohmann::json(nullptr);
  nlohmann::json stations = nlohmann::json::array();
  for (std::size_t i = 0; i < r.stations.names.size(); ++i) {
    nlohmann::json st = {{"name", r.stations.names[i]}};
    for (const auto& c : r.stations.columns)
      st[c.name] = {{"mean", number_or_null(c.mean[i])}, {"half_width", number_or_null(c.half_width[i])}};
    stations.push_back(st);
  }
  s["stations"] = stations;
  s["statistics"] = line_statistics_summary(r);
  return s;
}

}  // namespace twinlab::scenarios
