#pragma once
// What a dispersion run needs (scenarios/twin.hpp ResourceEstimate), from its configuration alone.
#include "scenarios/twin.hpp"
#include "twins/dispersion/config.hpp"

namespace twinlab::scenarios {

// Memory: the plume's receptor grid x periods (concentration per node and period) and the Eulerian grid x
// (stored fields + the solver's working copies). Time: the Eulerian cell updates (cells x steps, the steps
// from the advective stability limit at the domain top, a lower bound) at 1e8 updates per CPU second.
ResourceEstimate dispersion_resources(const twins::dispersion::Config& config);

}  // namespace twinlab::scenarios
