#pragma once
// The Eulerian dispersion model: the twin's sources, meteorology and pollutant mapped onto the domain-free
// finite-volume solver (sim/advection_diffusion), run through the scenario's duration.
//
// Grid: nx x ny columns over the domain; nz layers from the ground to z_max_m, uniform, or stretched
// geometrically from eulerian.first_layer_m (or with the ratio eulerian.stretch). Vertical terms explicit
// or implicit (eulerian.vertical_diffusion; auto = implicit on stretched layers).
// Mapping (per meteorology period), through eulerian_profiles.hpp (the interface a turbulence model fills):
//  * wind at each cell-centre height from the power-law profile, direction turned into (u, v) components;
//  * eddy diffusivities, diffusivity = stability: K = u(z) sigma(x_ref)^2 / (2 x_ref), with the Briggs sigmas
//    of the period's class at reference_distance_m: a puff carried at u(z) for x_ref / u(z) seconds then has
//    exactly the Gaussian plume's spread at x_ref (Taylor's limit sigma^2 = 2 K t). Constant: as given;
//  * a mixing height L > 0 below the domain top makes the z-faces above L impermeable (Kz = 0): the lid
//    reflects what is below it, and a plume released above it stays aloft;
//  * each source emits into the cell holding (x, y, stack height + Briggs final plume rise), its rate
//    following its schedule.
// Calm and missing periods (MeteorologyPeriod::status, from a meteorology file): the Eulerian model cannot
// skip an hour as the plume model does (its field is a state carried from hour to hour), so the rule is:
//  * transport: a calm or missing period is run with the last valid period's wind, turbulence and plume
//    rise (persistence; before the first valid period, the first valid one), the sources keep emitting on
//    their schedule, so the mass budget still closes;
//  * KPIs: the period is left out, as the plume model leaves it out (regulatory practice: no concentration
//    for calm and missing hours, never interpolated): sensor peaks, time above threshold and the ground-level
//    maximum are not updated during it; its time and the number of such periods are reported
//    (EulerianResult::calm_periods, missing_periods, excluded_time_s). Stored fields at output times inside
//    it are the model's state (the carried field) and are written as such.
// A meteorology without any valid period inside the run is refused (base::InputError, meteorology.periods).
// Time is cut at every period start and schedule change, so each of those holds exactly. Output times do
// not cut the steps: a field at an output time is taken from a copy of the solver advanced to it by one
// shorter step, so the run's own steps, and every KPI computed from them (sensor peaks, ground-level
// maximum, time above threshold, all updated after every step), do not depend on output_interval_s.
#include <functional>
#include <vector>

#include "sim/advection_diffusion.hpp"
#include "sim/structured_grid.hpp"
#include "twins/dispersion/config.hpp"
#include "twins/dispersion/results.hpp"

namespace twinlab::twins::dispersion {

// Called after each time segment with the simulated time reached and the run's duration (s).
using ProgressCallback = std::function<void(double time_s, double duration_s)>;

// Receives each stored field as it is produced: the output time (s) and the concentration, [z][y][x]
// (cells values, kg/m^3), valid during the call only. When given, run_eulerian_model keeps no field
// (EulerianResult::concentration stays empty), so its memory does not grow with the number of outputs.
using FieldSink = std::function<void(double time_s, const double* concentration_kg_m3, std::size_t cells)>;

// Throws base::InputError for a configuration the solver cannot run (e.g. no wind and no diffusion).
EulerianResult run_eulerian_model(const Config& config, const ProgressCallback& progress = {},
                                  const FieldSink& fields = {});

// The Eulerian grid of a configuration (uniform or stretched layers) and its layer faces (nz + 1, m).
sim::StructuredGrid eulerian_grid(const Config& config);
std::vector<double> eulerian_layer_faces(const Config& config);
// The vertical scheme eulerian.vertical_diffusion resolves to for this configuration.
sim::VerticalScheme eulerian_vertical_scheme(const Config& config);

// The period whose transport the Eulerian model uses at time t_s: the period at t_s when it is valid, else the
// last valid one before it, else the first valid one after it (see above). Throws base::InputError when no
// period is valid.
const MeteorologyPeriod& eulerian_transport_period(const Meteorology& met, double t_s);

// Effective emission height of a source in a period (stack + final plume rise), m, clamped into the domain
// (at most half the top layer's thickness below the top).
double effective_source_height_m(const Config& config, const Source& source, const MeteorologyPeriod& period);

}  // namespace twinlab::twins::dispersion
