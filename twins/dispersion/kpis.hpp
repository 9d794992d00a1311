#pragma once
// Key figures of a dispersion run, per model: the highest ground-level concentration and where, and per
// sensor the peak and the time above the pollutant threshold; the Eulerian model adds the deposited mass.
#include <string>
#include <vector>

#include "twins/dispersion/config.hpp"
#include "twins/dispersion/results.hpp"
#include "twins/dispersion/validity.hpp"

namespace twinlab::twins::dispersion {

struct ReceptorKpi {
  std::string name;
  double peak_kg_m3 = 0.0;
  double time_above_threshold_s = 0.0;
  bool trusted = true;  // every source inside the model's trusted range (validity.hpp)
};

struct ModelKpis {
  std::string model;             // "plume" or "eulerian"
  GroundMaximum ground_maximum;  // over every time and ground cell / grid node
  bool ground_maximum_trusted = true;  // its position is inside the model's trusted range (validity.hpp)
  std::vector<ReceptorKpi> receptors;
  double deposited_kg = 0.0;     // Eulerian only (the plume model has no deposition)
  double ground_level_height_m = 0.0;  // height the ground maximum refers to
  double grid_spacing_m = 0.0;         // the larger horizontal spacing of the nodes / cells the maximum is on
  double threshold_averaging_s = 0.0;  // what "time above threshold" compares: period means (plume) or the
                                       // state after each step (eulerian: the largest step)
  TrustedRange trusted_range;          // sensor-to-source distances where the model's figures hold
};

// Plume: time above threshold counts whole periods whose concentration exceeds it.
ModelKpis plume_kpis(const Config& config, const PlumeResult& result);

// Eulerian: ground level = the lowest cell layer; peaks, ground maximum and time above threshold as the model
// recorded them after every time step (EulerianResult), so they do not depend on the output interval.
ModelKpis eulerian_kpis(const Config& config, const EulerianResult& result);

}  // namespace twinlab::twins::dispersion
