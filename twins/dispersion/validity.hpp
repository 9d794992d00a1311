#pragma once
// Where each model's numbers can be trusted at a sensor, as horizontal distances from every source.
//
//  * Plume: the Briggs (1973) sigmas were fitted to data from 100 m to 10 km downwind (below 100 m they are
//    the linear small-x limit, beyond 10 km an extrapolation).
//  * Eulerian, diffusivity = stability: K is fitted so that the K-theory spread (sigma^2 = 2 K t) equals the
//    Briggs spread at reference_distance_m = x_ref. Near the source K-theory spreads as sqrt(x), the Briggs
//    sigmas nearly as x, so the Eulerian plume is too wide nearer than x_ref and too narrow beyond; trusted
//    within a factor kReferenceDistanceFactor of x_ref (measured disagreement: docs/dispersion.md).
//    diffusivity = constant: no distance bound from the fit.
//  * Eulerian, any diffusivity: a source is one cell and a sensor is interpolated between cell centres, so a
//    sensor needs kMinCellsFromSource cells (of the larger horizontal cell size) between it and every source.
// A sensor is trusted for a model when every source of the scenario lies inside that model's range.
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

inline constexpr double kPlumeMinDistance_m = 100.0;
inline constexpr double kPlumeMaxDistance_m = 10000.0;
inline constexpr double kReferenceDistanceFactor = 2.0;
inline constexpr double kMinCellsFromSource = 3.0;

enum class Model { Plume, Eulerian };

struct TrustedRange {  // horizontal sensor-to-source distance, m
  double min_distance_m = 0.0;
  double max_distance_m = std::numeric_limits<double>::infinity();
  std::string reason;  // one line: where the bounds come from
};

TrustedRange trusted_range(const Config& config, Model model);

// A sensor outside a model's trusted range for one source.
struct RangeIssue {
  std::size_t receptor = 0, source = 0;
  Model model = Model::Plume;
  double distance_m = 0.0;
  std::string message;  // what is wrong and what to do, without the key
};

// Every (sensor, source, model) outside its range, for the models enabled in config.
std::vector<RangeIssue> trusted_range_issues(const Config& config);

// True when every source lies inside the model's range as seen from receptor `index`.
bool receptor_trusted(const Config& config, std::size_t index, Model model);
// The same for any point (x_m, y_m), e.g. where a ground-level maximum was found.
bool point_trusted(const Config& config, double x_m, double y_m, Model model);

}  // namespace twinlab::twins::dispersion
