#pragma once
// Plume spread from boundary-layer similarity (dispersion.meteorology.turbulence: similarity), built on the
// profiles of boundary_layer_profiles.hpp. Taylor's (1921) statistical theory with an exponential Lagrangian
// autocorrelation, in the interpolation form AERMOD uses (Cimorelli et al. 2005, J. Appl. Meteor. 44:682):
//
//   sigma_y = sigma_v t / (1 + t / (2 T_Ly))^1/2,   sigma_z = sigma_w t / (1 + t / (2 T_Lz))^1/2,   t = x / u
//
// (sigma t near the source, sqrt(2 sigma^2 T_L t) far from it). One formula covers convective, neutral and
// stable air: the stability enters through the profiles (sigma_w with its convective part, K_z with phi_h,
// T_Ly = 0.15 h / sigma_v in unstable air, Hanna's neutral form otherwise).
//
// Effective parameters, as AERMOD does for its inhomogeneous boundary layer: u, sigma_v, sigma_w and K_z
// are averaged over the layer the plume occupies, from max(0, H - 2.15 sigma_z) to H + 2.15 sigma_z (limited
// to the boundary-layer height h when H < h), and T_Lz = <K_z> / <sigma_w>^2, T_Ly from the layer's mean
// height and averages. Because the layer depends on sigma_z, the pair is iterated at each distance until
// sigma_z changes by less than 1e-6 of itself (secant iterations on sigma_z; a surface release's sigma_z grows
// nearly linearly with x, as Lagrangian similarity theory predicts).
//
// The kernel (gaussian_plume_kernel.cpp) takes one curve a x (1 + b x)^p per source and period and one
// transport speed u_k. similarity_plume_curves fits that family to the iterated sigma_y(x) and to
// sigma_z(x) u_e(x) / u_k (least squares in ln sigma at 10 distances spread evenly in ln x over the given
// range; p chosen among 0, -1/2, -1, +1/2, b >= 0), with u_k the effective wind at the geometric mean of the
// range. Carrying the growth of the effective wind u_e(x) with the plume's depth in sigma_z keeps
// Q / (u sigma_y sigma_z), the ground-level centreline concentration, and Q / (u sigma_z), the crosswind
// integral, those of the iterated model; the vertical shape exp(-(z-H)^2 / 2 sigma_z^2) is then the one of
// sigma_z u_e / u_k (u_e / u_k spans about 0.7-1.5 over two decades of distance, widest in stable air).
#include "twins/dispersion/boundary_layer_profiles.hpp"
#include "twins/dispersion/briggs_sigma.hpp"

namespace twinlab::twins::dispersion {

inline constexpr double kPlumeLayerHalfDepthSigmas = 2.15;  // AERMOD's plume layer, +-2.15 sigma_z

// Taylor's interpolation sigma t / (1 + t / (2 T_L))^1/2 (m) for a velocity standard deviation (m/s),
// travel time (s) and Lagrangian time scale (s, > 0).
double taylor_sigma_m(double sigma_velocity_m_s, double travel_time_s, double lagrangian_time_s);

// The same as a kernel curve in x for a uniform wind u: a = sigma / u, b = 1 / (2 u T_L), p = -1/2 (exact).
SigmaCurve taylor_sigma_curve(double sigma_velocity_m_s, double wind_speed_m_s, double lagrangian_time_s);

struct EffectiveTurbulence {  // averages over a layer [bottom, top]
  double layer_bottom_m = 0.0, layer_top_m = 0.0;
  double wind_speed_m_s = 0.0;
  double sigma_v_m_s = 0.0, sigma_w_m_s = 0.0;
  double vertical_diffusivity_m2_s = 0.0;
  double lagrangian_time_lateral_s = 0.0, lagrangian_time_vertical_s = 0.0;
};

// Layer averages (composite Simpson rule, 32 intervals) of the profiles over [bottom_m, top_m], top > bottom.
EffectiveTurbulence effective_turbulence(const BoundaryLayerState& state, double bottom_m, double top_m);

struct SimilaritySigma {
  double sigma_y_m = 0.0, sigma_z_m = 0.0;
  EffectiveTurbulence effective;  // of the converged layer (wind_speed_m_s = u_e)
  int iterations = 0;
};

// The iterated sigmas at one downwind distance x > 0 of a release at height H >= 0.
// sigma_z_guess_m > 0 starts the iteration (0 = a default guess).
SimilaritySigma similarity_sigma(const BoundaryLayerState& state, double release_height_m, double downwind_m,
                                 double sigma_z_guess_m = 0.0);

struct SimilarityPlumeCurves {
  SigmaCoefficients sigma;              // for PlumeSource::sigma
  double wind_speed_m_s = 0.0;          // u_k, for PlumeSource::wind_speed_m_s
  double max_log_error_y = 0.0;         // largest |ln(fit / iterated)| over the fitted distances
  double max_log_error_z = 0.0;
};

// The kernel curves for a release at height H over downwind distances [x_min_m, x_max_m] (0 < x_min < x_max).
SimilarityPlumeCurves similarity_plume_curves(const BoundaryLayerState& state, double release_height_m,
                                              double x_min_m, double x_max_m);

}  // namespace twinlab::twins::dispersion
