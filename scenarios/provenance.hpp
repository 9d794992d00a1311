#pragma once
// What every twinlab results file says about itself (OpenMC's habit): kind of file, format version,
// program version, twin, scenario name and file, seed, creation time, and the resolved scenario text.
#include <string>

#include "io/dataset.hpp"
#include "scenarios/scenario.hpp"

namespace twinlab::scenarios {

void add_provenance(io::Dataset& dataset, const Scenario& scenario, const std::string& twin);

}  // namespace twinlab::scenarios
