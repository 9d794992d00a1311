#pragma once
// The Eulerian dispersion model: the twin's sources, meteorology and pollutant mapped onto the domain-free
// finite-volume solver (sim/advection_diffusion), run through the scenario's duration.
//
// Mapping (per meteorology period):
//  * wind at each cell-centre height from the power-law profile, direction turned into (u, v) components;
//  * eddy diffusivities, diffusivity = stability: K = u(z) sigma(x_ref)^2 / (2 x_ref), with the Briggs sigmas
//    of the period's class at reference_distance_m: a puff carried at u(z) for x_ref / u(z) seconds then has
//    exactly the Gaussian plume's spread at x_ref (Taylor's limit sigma^2 = 2 K t). Constant: as given;
//  * a mixing height L > 0 below the domain top makes the z-faces above L impermeable (Kz = 0): the lid
//    reflects what is below it, and a plume released above it stays aloft;
//  * each source emits into the cell holding (x, y, stack height + Briggs final plume rise), its rate
//    following its schedule.
// Time is cut at every period start and schedule change, so each of those holds exactly. Output times do
// not cut the steps: a field at an output time is taken from a copy of the solver advanced to it by one
// shorter step, so the run's own steps, and every KPI computed from them (sensor peaks, ground-level
// maximum, time above threshold, all updated after every step), do not depend on output_interval_s.
#include <functional>

#include "twins/dispersion/config.hpp"
#include "twins/dispersion/results.hpp"

namespace twinlab::twins::dispersion {

// Called after each time segment with the simulated time reached and the run's duration (s).
using ProgressCallback = std::function<void(double time_s, double duration_s)>;

// Throws base::InputError for a configuration the solver cannot run (e.g. no wind and no diffusion).
EulerianResult run_eulerian_model(const Config& config, const ProgressCallback& progress = {});

// Effective emission height of a source in a period (stack + final plume rise), m, clamped into the domain.
double effective_source_height_m(const Config& config, const Source& source, const MeteorologyPeriod& period);

}  // namespace twinlab::twins::dispersion
