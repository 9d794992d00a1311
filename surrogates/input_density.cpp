#include "surrogates/input_density.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace twinlab::surrogates {

DataDensity nearest_neighbour_density(std::span<const double> unit_points, std::size_t rows, std::size_t inputs) {
  DataDensity d;
  d.points = rows;
  if (rows < 2) return d;
  std::vector<double> nearest(rows, std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = i + 1; j < rows; ++j) {
      double sq = 0.0;
      for (std::size_t k = 0; k < inputs; ++k) {
        const double diff = unit_points[i * inputs + k] - unit_points[j * inputs + k];
        sq += diff * diff;
      }
      nearest[i] = std::min(nearest[i], sq);
      nearest[j] = std::min(nearest[j], sq);
    }
  }
  for (double& v : nearest) v = std::sqrt(v);
  std::sort(nearest.begin(), nearest.end());
  const auto at = [&](double q) { return nearest[static_cast<std::size_t>(q * static_cast<double>(rows - 1) + 0.5)]; };
  d.nearest_median = at(0.5);
  d.nearest_p95 = at(0.95);
  return d;
}

}  // namespace twinlab::surrogates
