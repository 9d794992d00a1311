#pragma once
// summary.json of a dispersion run: the KPIs of each model, for scripts.
#include <nlohmann/json.hpp>

#include "scenarios/dispersion/job.hpp"

namespace twinlab::scenarios {

nlohmann::json dispersion_summary(const Scenario& scenario, const twins::dispersion::Config& config,
                                  const DispersionOutcome& outcome);

}  // namespace twinlab::scenarios
