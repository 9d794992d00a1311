#pragma once
// Compliance with the scenario's limits (dispersion.limits) from the plume model's statistics: the table
// printed after the KPI table, the summary.json block, the results.h5 group plume/design_values and the KPIs
// limits.NAME.* of the twin interface.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/dataset.hpp"
#include "scenarios/twin.hpp"
#include "twins/dispersion/config.hpp"
#include "twins/dispersion/results.hpp"

namespace twinlab::scenarios {

// The compliance table (empty when no limits are declared or the plume model did not run).
std::string compliance_table(const twins::dispersion::Config& config, const twins::dispersion::PlumeResult* plume);

// {"model": "plume", "averaging_rule": ..., "limits": [...]} (null when there are no limits or no plume).
nlohmann::json compliance_summary(const twins::dispersion::Config& config, const twins::dispersion::PlumeResult* plume);

// Adds the group plume/design_values (ranked values per sensor, design values and exceedances per limit at the
// sensors and on the grid) and the grid statistics to the plume group.
void add_design_values(io::Dataset& ds, const twins::dispersion::Config& config,
                       const twins::dispersion::PlumeResult& plume);

// limits.NAME.{exceedances_max, design_value_max_kg_m3, design_value_ratio_max, compliant,
// grid_design_value_max_kg_m3, grid_exceedances_max} and limits.NAME.receptor.R.{design_value_kg_m3,exceedances}.
std::vector<Kpi> compliance_kpis(const twins::dispersion::Config& config, const twins::dispersion::PlumeResult* plume);

}  // namespace twinlab::scenarios
