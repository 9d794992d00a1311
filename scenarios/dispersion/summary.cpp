#include "scenarios/dispersion/summary.hpp"

#include <cmath>

#include "scenarios/dispersion/meteorology_file.hpp"
#include "scenarios/dispersion/limits_report.hpp"
#include "scenarios/provenance.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

nlohmann::json dispersion_summary(const Scenario& scenario, const dsp::Config& config,
                                  const DispersionOutcome& outcome) {
  nlohmann::json summary = summary_header(scenario, "dispersion");
  summary["pollutant"] = config.pollutant.name;
  summary["threshold_kg_m3"] = config.pollutant.threshold_kg_m3;
  if (!config.meteorology.source.empty()) {  // meteorology from a file: how many records were modelled, calm or
    const PeriodCounts n = count_periods(config.meteorology.periods);  // missing (skipped, counted, not interpolated)
    summary["meteorology"] = {{"source", config.meteorology.source},
                              {"method", config.meteorology.source_method},
                              {"periods", config.meteorology.periods.size()}, {"valid_periods", n.valid},
                              {"calm_periods", n.calm}, {"missing_periods", n.missing}};
    // The Eulerian model carries calm and missing periods with the last valid transport, outside its KPIs.
    if (outcome.eulerian) summary["meteorology"]["eulerian_excluded_time_s"] = outcome.eulerian->excluded_time_s;
  }
  nlohmann::json models = nlohmann::json::object();
  for (const auto& k : outcome.kpis) {
    nlohmann::json m;
    m["max_ground_concentration_kg_m3"] = k.ground_maximum.concentration_kg_m3;
    m["max_ground_concentration_x_m"] = k.ground_maximum.x_m;
    m["max_ground_concentration_y_m"] = k.ground_maximum.y_m;
    m["max_ground_concentration_time_s"] = k.ground_maximum.time_s;
    m["max_ground_concentration_trusted"] = k.ground_maximum_trusted;
    m["ground_level_height_m"] = k.ground_level_height_m;
    m["threshold_averaging_s"] = k.threshold_averaging_s;
    m["trusted_min_distance_m"] = k.trusted_range.min_distance_m;
    m["trusted_max_distance_m"] = std::isfinite(k.trusted_range.max_distance_m)
                                      ? nlohmann::json(k.trusted_range.max_distance_m)
                                      : nlohmann::json(nullptr);  // no upper bound
    nlohmann::json receptors = nlohmann::json::array();
    for (const auto& r : k.receptors)
      receptors.push_back({{"name", r.name}, {"peak_kg_m3", r.peak_kg_m3},
                           {"time_above_threshold_s", r.time_above_threshold_s}, {"trusted", r.trusted}});
    m["receptors"] = receptors;
    if (k.model == "eulerian" && outcome.eulerian) {
      const auto& e = *outcome.eulerian;
      const auto& b = e.budget;
      m["deposited_kg"] = k.deposited_kg;
      m["time_step_s"] = e.time_step_s;
      m["steps"] = e.steps;
      m["wall_time_s"] = outcome.eulerian_seconds;
      if (!b.emitted_kg.empty())
        m["mass_balance_residual_kg"] =
            b.emitted_kg.back() - b.in_domain_kg.back() - b.outflow_kg.back() - b.decayed_kg.back() - b.deposited_kg.back();
    } else {
      m["wall_time_s"] = outcome.plume_seconds;
    }
    models[k.model] = m;
  }
  summary["models"] = models;
  if (auto compliance = compliance_summary(config, outcome.plume ? &*outcome.plume : nullptr); !compliance.is_null())
    summary["compliance"] = compliance;
  return summary;
}

}  // namespace twinlab::scenarios
