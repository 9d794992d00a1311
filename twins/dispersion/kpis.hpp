#pragma once
// Key figures of a dispersion run, per model: the highest ground-level concentration and where, and per
// sensor the peak and the time above the pollutant threshold; the Eulerian model adds the deposited mass.
#include <string>
#include <vector>

#include "twins/dispersion/config.hpp"
#include "twins/dispersion/results.hpp"

namespace twinlab::twins::dispersion {

struct ReceptorKpi {
  std::string name;
  double peak_kg_m3 = 0.0;
  double time_above_threshold_s = 0.0;
};

struct ModelKpis {
  std::string model;             // "plume" or "eulerian"
  GroundMaximum ground_maximum;  // over every time and ground cell / grid node
  std::vector<ReceptorKpi> receptors;
  double deposited_kg = 0.0;     // Eulerian only (the plume model has no deposition)
  double ground_level_height_m = 0.0;  // height the ground maximum refers to
};

// Plume: time above threshold counts whole periods whose concentration exceeds it.
ModelKpis plume_kpis(const Config& config, const PlumeResult& result);

// Eulerian: ground level = the lowest cell layer; time above threshold accumulated every time step.
ModelKpis eulerian_kpis(const Config& config, const EulerianResult& result);

}  // namespace twinlab::twins::dispersion
