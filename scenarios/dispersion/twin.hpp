#pragma once
// The dispersion twin behind the twin interface (twin.hpp): its registry entry.
#include "scenarios/dispersion/job.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

TwinEntry dispersion_twin_entry();

// A run's KPIs as the twin interface names them ("plume.receptor.school.peak_kg_m3", compliance KPIs).
std::vector<Kpi> dispersion_twin_kpis(const twins::dispersion::Config& config, const DispersionOutcome& outcome);

}  // namespace twinlab::scenarios
