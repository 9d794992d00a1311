#pragma once
// summary.json of a production-line run: every KPI with its confidence interval, per-station figures, the
// bottleneck.
#include <nlohmann/json.hpp>

#include "scenarios/production_line/job.hpp"

namespace twinlab::scenarios {

nlohmann::json line_summary(const Scenario& scenario, const twins::production_line::LineConfig& config,
                            const LineOutcome& outcome);

}  // namespace twinlab::scenarios
