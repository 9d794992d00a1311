#pragma once
// How honest a line run's statistics are, told three ways: the warm-up check (MSER-5 per time series) and
// the choice of the number of replications (replications: auto), as a summary.json block, as lines under
// the KPI table, and as warnings placed at the scenario's keys (a warm-up shorter than detected, a
// precision target not met within the cap).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/scenario_document.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::scenarios {

nlohmann::json line_statistics_summary(const twins::production_line::LineResult& result);
std::string line_statistics_table(const twins::production_line::LineResult& result);
// `section`: the scenario's `line` node (for the keys' places in the file).
std::vector<std::string> line_statistics_warnings(const io::ScenarioNode& section,
                                                  const twins::production_line::LineResult& result);

}  // namespace twinlab::scenarios
