#pragma once
// What every twinlab results file says about itself (OpenMC's habit): kind of file, format version,
// program version, twin, scenario name and file, seed, creation time, and the resolved scenario text.
#include <string>

#include <nlohmann/json.hpp>

#include "io/dataset.hpp"
#include "scenarios/scenario.hpp"

namespace twinlab::scenarios {

void add_provenance(io::Dataset& dataset, const Scenario& scenario, const std::string& twin);

// The same self-description at the top of summary.json (filetype "twinlab-summary").
nlohmann::json summary_header(const Scenario& scenario, const std::string& twin);

}  // namespace twinlab::scenarios
