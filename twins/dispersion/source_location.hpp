#pragma once
// The position of a source whose location is unknown, searched over a box from sensor observations: every
// candidate position of a grid gets the source-receptor coupling of the source placed there (the other
// estimated sources where they are), the rates solved inside by non-negative least squares per estimation
// period, and its misfit chi^2(x, y) (sum of squared error-weighted residuals). With a uniform prior over
// the box and the rates at their best fit (profile likelihood), the posterior of the location is
//   p(x, y | data) ~ exp(-(chi^2(x, y) - chi^2_min) / 2),
// normalised over the grid. The grid is then refined around the best node (a grid of the same size over
// +-1 coarse cell, `refinements` times); the best position is the refined grid's minimum, its spread the
// posterior standard deviation of x and y on the last grid that holds the posterior mass (the coarse one
// when the mass is wider than the refined window).
#include <cstddef>
#include <vector>

#include "twins/dispersion/source_estimation.hpp"

namespace twinlab::twins::dispersion {

struct SearchBox {
  double x_min_m = 0.0, x_max_m = 0.0, y_min_m = 0.0, y_max_m = 0.0;
  int nx = 21, ny = 21;   // nodes per axis of each grid (>= 2)
  int refinements = 2;
};

struct LocationMap {
  std::vector<double> x_m, y_m;   // node coordinates
  std::vector<double> chi_square; // [y][x]
  std::vector<double> posterior;  // [y][x], sums to 1
};

struct LocationEstimate {
  double x_m = 0.0, y_m = 0.0;          // best position
  double sd_x_m = 0.0, sd_y_m = 0.0;    // posterior spread
  double chi_square = 0.0;              // at the best position
  std::vector<LocationMap> maps;        // the coarse grid first, then each refinement
};

// `source`: index into config.sources of the source to place (it must be in `estimated`). Throws
// std::invalid_argument for a box outside the domain or a grid smaller than 2 x 2.
LocationEstimate search_source_location(const Config& config, std::size_t source, const std::vector<std::size_t>& estimated,
                                        CouplingModel model, const std::vector<SensorObservation>& observations,
                                        const SearchBox& box);

}  // namespace twinlab::twins::dispersion
