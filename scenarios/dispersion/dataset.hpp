#pragma once
// The dispersion results as a labelled io::Dataset (what results.h5 holds): one group per model with named
// dimensions (time, z, y, x; receptor; source), CF-style units, and the KPIs as attributes.
#include "io/dataset.hpp"
#include "scenarios/dispersion/job.hpp"

namespace twinlab::scenarios {

io::Dataset dispersion_dataset(const Scenario& scenario, const twins::dispersion::Config& config,
                               const DispersionOutcome& outcome);

}  // namespace twinlab::scenarios
