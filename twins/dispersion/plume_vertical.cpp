#include "twins/dispersion/plume_vertical.hpp"

#include <cmath>
#include <numbers>

#include "twins/dispersion/gaussian_plume.hpp"

namespace twinlab::twins::dispersion {

namespace {

// sum over n of exp(-(a - 2 n L)^2 / (2 s^2)), from n = 0 outwards until a term adds < 1e-17 of the sum.
double images(double a, double lid, double s) {
  double sum = std::exp(-a * a / (2.0 * s * s));
  for (int sign : {+1, -1}) {
    for (int n = 1; n < 100000; ++n) {
      const double offset = a - sign * 2.0 * n * lid;
      const double term = std::exp(-offset * offset / (2.0 * s * s));
      sum += term;
      if (term <= 1e-17 * sum) break;
    }
  }
  return sum;
}

}  // namespace

double plume_vertical_factor(double z, double h, double sz, double lid) {
  if (lid > 0.0) {
    if (h > lid || z > lid) return 0.0;
    if (sz > kWellMixedSigmaRatio * lid) return std::sqrt(2.0 * std::numbers::pi) * sz / lid;
    return images(z - h, lid, sz) + images(z + h, lid, sz);
  }
  return std::exp(-(z - h) * (z - h) / (2.0 * sz * sz)) + std::exp(-(z + h) * (z + h) / (2.0 * sz * sz));
}

}  // namespace twinlab::twins::dispersion
