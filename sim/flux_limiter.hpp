#pragma once
// Slope limiters for TVD (total-variation-diminishing) MUSCL reconstruction, written as branch-free
// inline functions of the two one-sided differences so that loops calling them vectorise.
//
// With a = c_i - c_{i-1} and b = c_{i+1} - c_i, the limited slope sigma(a, b) reconstructs the face value
// c_i + sigma / 2 downwind of cell i. In Sweby's notation sigma = phi(r) * b with r = a / b, and the
// scheme is TVD and positivity preserving (under the CFL condition of the caller) when
//   0 <= sigma / a <= 2  and  0 <= sigma / b <= 2   (sigma = 0 whenever a * b <= 0).
// Both limiters below satisfy this; both are positively homogeneous, sigma(s a, s b) = s sigma(a, b)
// for s > 0, so the semi-discrete transport operator built from them is too.
#include <algorithm>
#include <cmath>

namespace twinlab::sim {

// Monotonized-central limiter (van Leer 1977): minmod(2a, (a + b) / 2, 2b). Second order where the data
// are smooth and monotone, sharpest of the classic symmetric limiters; no division.
// The sign factor (sign(a) + sign(b)) / 2 is +-1 when a and b agree and 0 when they differ; when either is
// zero the magnitude is 0 anyway. Pure arithmetic (no compare-and-branch), so it vectorises.
inline double mc_slope(double a, double b) {
  const double m = std::min(std::min(2.0 * std::abs(a), 2.0 * std::abs(b)), 0.5 * std::abs(a + b));
  return 0.5 * (std::copysign(1.0, a) + std::copysign(1.0, b)) * m;
}

// Minmod limiter: the smaller one-sided difference, the most diffusive TVD limiter (for comparison).
inline double minmod_slope(double a, double b) {
  const double m = std::min(std::abs(a), std::abs(b));
  return 0.5 * (std::copysign(1.0, a) + std::copysign(1.0, b)) * m;
}

}  // namespace twinlab::sim
