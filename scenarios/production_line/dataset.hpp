#pragma once
// The production-line results as a labelled io::Dataset (results.h5): groups kpis (dim kpi), stations
// (dim station), series (dim time), replications (dim replication) and, when asked for, events (dim event).
#include "io/dataset.hpp"
#include "scenarios/production_line/job.hpp"

namespace twinlab::scenarios {

// CF/UDUNITS spelling of the twin's unit texts ("1/s" -> "s-1"): results.h5 and the VTK layout's field data.
std::string cf_units(const std::string& unit);

io::Dataset line_dataset(const Scenario& scenario, const twins::production_line::LineConfig& config,
                         const LineOutcome& outcome);

}  // namespace twinlab::scenarios
