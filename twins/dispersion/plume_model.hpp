#pragma once
// Steady Gaussian plume model of the dispersion twin: one steady solution per meteorology period, summed
// over all sources, on the receptor grid and at the named receptors.
//
// Per period and source:
//  * wind: power law from Meteorology::reference_height_m with the class/terrain exponent (wind_profile.hpp),
//    floored at 1 m, or uniform (the measured speed at every height) when Meteorology::wind_profile says so;
//    the plume rise uses u at the physical stack height, the dilution u at H;
//  * plume rise: final Briggs rise (plume_rise.hpp) with the period's class and the ambient temperature, at
//    all downwind distances (the ISC regulatory default; gradual rise is not applied on the grid);
//    H = height_m + rise;
//  * emission rate: the time average of the source's schedule over the period [start, start + duration)
//    (equals emission_rate_kg_s for a constant source);
//  * sigmas: Briggs (1973) for the class and terrain; decay: Pollutant::decay_rate_1_s over the travel time
//    x/u; dry deposition is not modelled in the plume (no source depletion);
//  * mixing lid: the period's mixing_height_m (0 = none), with the rules of gaussian_plume.hpp.
// Period durations: period i lasts until the start of period i+1. The last period lasts until
// EulerianSettings::duration_s when that is later than its start (duration_s - start_s), otherwise 3600 s
// (one hourly record). This is the rule used for "time above threshold" downstream.
// Calm and missing periods (MeteorologyPeriod::status) are skipped: concentration 0 there, effective height
// NaN, and left out of every statistic (averaging.hpp).
// Grid storage: the grid of every period is kept in PlumeResult::concentration ([time][y][x]) when
// PlumeSettings::grid_series is All, or Auto and periods x nodes <= kFullGridValues (80 MB of doubles: e.g.
// 980 hourly periods on the default 101 x 101 grid); otherwise (a year of hourly meteorology) only the grid
// statistics are kept (PlumeResult::grid_statistics: per node the highest value and its period, the period
// mean, and per limit the design value and exceedances), computed in receptor blocks with the whole series of a
// block at a time (averaging_blocks.hpp), so memory stays bounded whatever the number of periods. The named
// receptors' series are always complete (receptor_concentration), with their statistics and ranked values.
// Grid: grid_nx x grid_ny nodes spanning the domain edges included (x_min..x_max, y_min..y_max), at
// grid_height_m. run_plume_model computes whether or not PlumeSettings::enabled is set (the caller decides).
#include <cstddef>
#include <vector>

#include "twins/dispersion/config.hpp"
#include "twins/dispersion/gaussian_plume.hpp"
#include "twins/dispersion/results.hpp"

namespace twinlab::twins::dispersion {

// Throws base::InputError (key as in the scenario file, e.g. "dispersion.sources[1].height_m") when the
// parts of the configuration the plume model uses are out of range.
void validate_plume_config(const Config& config);

// Duration of period `index` in s, by the rule above.
double period_duration_s(const Config& config, std::size_t index);

// Mean emission rate of a source over [start_s, end_s) in kg/s (end_s > start_s; piecewise-constant schedule).
double mean_emission_rate_kg_s(const Source& source, double start_s, double end_s);

// The kernel inputs (one per source, in Config::sources order) for meteorology period `index`.
std::vector<PlumeSource> plume_sources_for_period(const Config& config, std::size_t index);

inline constexpr double kFullGridValues = 1.0e7;  // grid values kept per run under GridSeries::Auto

// Whether run_plume_model keeps every period's grid (rule above).
bool keeps_full_grids(const Config& config);

// Runs the model over every period. Validates the configuration first.
PlumeResult run_plume_model(const Config& config);

}  // namespace twinlab::twins::dispersion
