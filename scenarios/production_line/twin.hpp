#pragma once
// The production-line twin behind the twin interface (twin.hpp): its registry entry.
#include "scenarios/production_line/job.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

TwinEntry production_line_twin_entry();

// The line config of the scenario's `line:` section with the twin's own checks, errors located in the file
// (the site twin builds its line through this too).
twins::production_line::LineConfig checked_line_config(const Scenario& scenario);
// A run's KPIs as the twin interface names them (line KPIs, then "station.NAME.KPI").
std::vector<Kpi> line_twin_kpis(const LineOutcome& outcome);

}  // namespace twinlab::scenarios
