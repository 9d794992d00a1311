#pragma once
// The scenario text a line run stores in results.h5 (`twinlab info --scenario` prints it): the resolved
// scenario, with every empirical distribution that was read from a CSV file carried inline as the values
// the run used, so the stored text re-runs from any directory and gives the same results. The inlined
// distribution keeps where its values came from in `values_from`: the `csv` and `column` as written, the
// file as resolved at run time, and its SHA-256 (what `sha256sum` prints).
#include <string>

#include "scenarios/scenario.hpp"
#include "twins/production_line/config.hpp"

namespace twinlab::scenarios {

std::string stored_line_scenario(const Scenario& scenario, const twins::production_line::LineConfig& config);

}  // namespace twinlab::scenarios
