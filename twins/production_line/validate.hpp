#pragma once
// Semantic checks of a LineConfig. Every problem is a twinlab::base::InputError whose location key is the
// scenario key of the offending value, e.g. "line.stations[1].failure.time_to_repair" for a mean time to
// repair of zero; scenarios/ adds the file, line and column of that key.
#include <string>

#include "twins/production_line/config.hpp"
#include "twins/production_line/graph.hpp"

namespace twinlab::twins::production_line {

// Checks everything (values, distributions, the station graph, shifts, run control) and returns the graph.
LineGraph validate_line(const LineConfig& config, const std::string& prefix = "line");

}  // namespace twinlab::twins::production_line
