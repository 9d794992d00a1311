#pragma once
// Area source (a yard, a lagoon, a stockpile) in the Gaussian plume model, integrated over its outline
// EXACTLY in the crosswind direction and by adaptive quadrature along the wind (the method of ISC3/AERMOD's
// area source, with a different quadrature), not as a sum of points.
//
// With an emission flux q (kg/s/m^2) released at height H, the concentration at a receptor R is
//   C(R) = integral over the area of q Cp(R - P) dA,   Cp = the point plume of unit rate (gaussian_plume.hpp).
// In the wind frame of the receptor, d = downwind distance from a source point P to R and b = P's crosswind
// offset; the cross-section of the outline at distance d is a set of intervals [b1, b2] (the polygon cut by
// the line d = const, even-odd rule). The crosswind integral of the Gaussian over each interval is exact:
//   integral of exp(-b^2 / 2 sy^2) db over [b1, b2] = sy sqrt(pi/2) [erf(b2 / (sqrt2 sy)) - erf(b1 / (sqrt2 sy))],
// which leaves one integral along the wind,
//   C(R) = integral over d of  q V(z; H, sz(d), L) exp(-k d / u) / (2 sqrt(2 pi) u sz(d))
//                             * sum over intervals [erf(b2 / (sqrt2 sy(d))) - erf(b1 / (sqrt2 sy(d)))]  dd.
// The d range [max(d_min, kAreaMinDownwind_m), d_max] of the outline is split at every vertex's d (the
// integrand is analytic between them: the interval ends move linearly with d), and integrated by globally
// adaptive Gauss-Kronrod (7-point Gauss, 15-point Kronrod): the subinterval with the largest error estimate
// |K15 - G7| is bisected until the sum of the estimates is at most max(relative_tolerance |C|,
// absolute_tolerance_kg_m3) or max_subintervals is reached (the returned error bound says which). For a
// smooth integrand |K15 - G7| is the error of the 7-point rule, many orders above that of the 15-point sum
// that is returned, so the stated bound is conservative; tests check it against a tighter integration.
// The part of the area less than kAreaMinDownwind_m = 1 m upwind of the receptor is left out (as ISC3 and
// AERMOD do): for a receptor inside the area at the release height, sz(d) -> 0 makes the integral diverge
// like log(d) at d -> 0; 1 m keeps it finite and removes a negligible strip otherwise.
// Points of the area downwind of the receptor (d <= 0) contribute nothing, as for a point source.
#include <vector>

#include "twins/dispersion/config.hpp"
#include "twins/dispersion/gaussian_plume.hpp"

namespace twinlab::twins::dispersion {

inline constexpr double kAreaMinDownwind_m = 1.0;

struct AreaIntegration {
  double relative_tolerance = 1e-6;
  double absolute_tolerance_kg_m3 = 1e-25;  // 1e-16 ug/m^3: below any concentration of interest
  int max_subintervals = 2000;
};

struct AreaResult {
  double concentration_kg_m3 = 0.0;
  double error_bound_kg_m3 = 0.0;  // sum of |K15 - G7| over the final subintervals
  int subintervals = 0;
  bool converged = true;           // false when max_subintervals stopped the refinement
};

// One receptor. `release` gives the release height (effective_height_m), wind speed and direction, sigma
// curves, lid and decay; its position and emission rate are not used. The outline is a simple polygon
// (any orientation) of non-zero area; flux_kg_s_m2 >= 0.
AreaResult area_source_concentration(const std::vector<Vertex>& outline, double flux_kg_s_m2,
                                     const PlumeSource& release, double x_m, double y_m, double z_m,
                                     const AreaIntegration& settings = {});

// Adds the area source's concentration at every receptor to concentration_kg_m3 (OpenMP over receptors).
void accumulate_area_source(const std::vector<Vertex>& outline, double flux_kg_s_m2, const PlumeSource& release,
                            const ReceptorSpan& receptors, double* concentration_kg_m3,
                            const AreaIntegration& settings = {});

}  // namespace twinlab::twins::dispersion
