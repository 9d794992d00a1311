#pragma once
// The production-line results as a labelled io::Dataset (results.h5): groups kpis (dim kpi), stations
// (dim station), series (dim time), replications (dim replication) and, when asked for, events (dim event).
#include "io/dataset.hpp"
#include "scenarios/production_line/job.hpp"

namespace twinlab::scenarios {

io::Dataset line_dataset(const Scenario& scenario, const twins::production_line::LineConfig& config,
                         const LineOutcome& outcome);

}  // namespace twinlab::scenarios
