// Plume sigmas from similarity: Taylor's form and its kernel curve, layer averages, the iteration on the
// plume's layer, and the fitted kernel curves.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "base/error.hpp"
#include "twins/dispersion/similarity_sigma.hpp"

using namespace twinlab::twins::dispersion;

namespace {
BoundaryLayerState neutral(double ustar = 0.5, double h = 1000.0) {
  BoundaryLayerState s;
  s.friction_velocity_m_s = ustar;
  s.obukhov_length_m = std::numeric_limits<double>::infinity();
  s.boundary_layer_height_m = h;
  s.roughness_length_m = 0.05;
  s.reference_height_m = 10.0;
  s.reference_speed_m_s = ustar / kVonKarman * std::log(10.0 / 0.05);
  return s;
}
}  // namespace

TEST_CASE("Taylor's form: near- and far-field limits, and its exact kernel curve", "[dispersion][similarity]") {
  // t << T_L: sigma t (relative correction t / 4 T_L = 2.5e-5); t >> T_L: sqrt(2 sigma^2 T_L t) (to T_L / t).
  CHECK(taylor_sigma_m(0.8, 0.01, 100.0) == Approx(0.008).epsilon(3e-5));
  CHECK(taylor_sigma_m(0.8, 1.0e6, 10.0) == Approx(std::sqrt(2.0 * 0.64 * 10.0 * 1.0e6)).epsilon(1e-5));
  const SigmaCurve c = taylor_sigma_curve(0.8, 4.0, 50.0);
  CHECK(c.power == SigmaPower::MinusHalf);
  for (double x : {1.0, 100.0, 3000.0}) {
    CAPTURE(x);
    CHECK(sigma_at(c, x) == Approx(taylor_sigma_m(0.8, x / 4.0, 50.0)).epsilon(1e-14));
  }
}

TEST_CASE("Layer averages are exact for the neutral K_z cubic (Simpson's rule)", "[dispersion][similarity]") {
  const BoundaryLayerState s = neutral();
  // K = kappa u* z (1 - z/h)^2, a cubic, above the 0.01 m^2/s floor on [1, 21] m: the mean is
  // kappa u* / 20 * [z^2/2 - 2 z^3 / (3h) + z^4 / (4 h^2)] from 1 to 21.
  auto F = [](double z) { return z * z / 2.0 - 2.0 * z * z * z / 3000.0 + z * z * z * z / 4.0e6; };
  const EffectiveTurbulence e = effective_turbulence(s, 1.0, 21.0);
  CHECK(e.vertical_diffusivity_m2_s == Approx(0.4 * 0.5 / 20.0 * (F(21.0) - F(1.0))).epsilon(1e-12));
  CHECK(e.lagrangian_time_vertical_s == Approx(e.vertical_diffusivity_m2_s / std::pow(e.sigma_w_m_s, 2)).epsilon(1e-14));
  // sigma_w^2 is linear in z; sigma_w = 1.3 u* sqrt(1 - z/h) is nearly so over 20 m of 1000: the mean within
  // 1e-6 of the value at the middle.
  CHECK(e.sigma_w_m_s == Approx(s.sigma_w_m_s(11.0)).epsilon(1e-5));
}

TEST_CASE("Iterated sigmas: self-consistent layer, near-linear growth of a surface release",
          "[dispersion][similarity]") {
  const BoundaryLayerState s = neutral();
  const SimilaritySigma a = similarity_sigma(s, 0.5, 100.0);
  const SimilaritySigma b = similarity_sigma(s, 0.5, 800.0);
  // The layer is the one of the returned sigma_z (to the 1e-6 iteration tolerance).
  CHECK(a.effective.layer_top_m == Approx(0.5 + kPlumeLayerHalfDepthSigmas * a.sigma_z_m).epsilon(1e-5));
  CHECK(a.effective.layer_bottom_m == 0.0);
  CHECK(a.iterations < 200);
  // Lagrangian similarity: a surface plume's depth grows like u* t, i.e. linearly in x at a fixed wind; the
  // effective wind grows with the depth (log law), so the ratio over 100 -> 800 m lies between 8 / (u_e ratio)
  // and 8. Today: about 6.
  const double ratio = b.sigma_z_m / a.sigma_z_m;
  const double wind_ratio = b.effective.wind_speed_m_s / a.effective.wind_speed_m_s;
  CHECK(wind_ratio > 1.1);
  CHECK(ratio > 8.0 / wind_ratio / 1.15);
  CHECK(ratio < 8.0);
  // The same answer from any starting guess.
  CHECK(similarity_sigma(s, 0.5, 800.0, 500.0).sigma_z_m == Approx(b.sigma_z_m).epsilon(1e-5));
  CHECK_THROWS_AS(similarity_sigma(s, 0.5, 0.0), twinlab::base::InputError);
  CHECK_THROWS_AS(similarity_sigma(s, -1.0, 10.0), twinlab::base::InputError);
}

TEST_CASE("Unstable air spreads a surface plume faster than neutral air, stable air slower",
          "[dispersion][similarity]") {
  BoundaryLayerState n = neutral(0.4, 800.0), u = n, st = n;
  u.obukhov_length_m = -10.0;
  u.convective_velocity_m_s = std::cbrt(0.064 * 800.0 / (kVonKarman * 10.0));
  st.obukhov_length_m = 10.0;
  for (double x : {100.0, 400.0}) {
    CAPTURE(x);
    const double zu = similarity_sigma(u, 0.5, x).sigma_z_m, zn = similarity_sigma(n, 0.5, x).sigma_z_m,
                 zs = similarity_sigma(st, 0.5, x).sigma_z_m;
    CHECK(zu > zn);
    CHECK(zn > zs);
    CHECK(similarity_sigma(u, 0.5, x).sigma_y_m > similarity_sigma(n, 0.5, x).sigma_y_m);
  }
}

TEST_CASE("Kernel curves reproduce the iterated sigmas over the fitted range", "[dispersion][similarity]") {
  const BoundaryLayerState s = neutral();
  const SimilarityPlumeCurves c = similarity_plume_curves(s, 0.5, 10.0, 1000.0);
  INFO("max ln error y " << c.max_log_error_y << " z " << c.max_log_error_z);
  // The kernel's family (two parameters and four exponents) cannot follow every similarity curve: in neutral
  // air T_Ly grows with the plume's depth, and sigma_y(x) bends twice over two decades. Today the largest
  // errors are 0.186 (sigma_y, 20 %) and 0.064 (sigma_z) in ln; the bounds keep them from growing unnoticed
  // (docs/dispersion.md states the limitation).
  CHECK(c.max_log_error_y < 0.2);
  CHECK(c.max_log_error_z < 0.08);
  const SimilaritySigma mid = similarity_sigma(s, 0.5, 100.0);
  CHECK(c.wind_speed_m_s == Approx(mid.effective.wind_speed_m_s).epsilon(1e-12));  // u_k at sqrt(10 * 1000)
  CHECK(std::abs(std::log(sigma_at(c.sigma.y, 100.0) / mid.sigma_y_m)) <= c.max_log_error_y + 1e-12);
  CHECK(std::abs(std::log(sigma_at(c.sigma.z, 100.0) / mid.sigma_z_m)) <= c.max_log_error_z + 1e-12);
  // Far out, the kernel's sigma_z carries u_e / u_k: sigma_z(1000) u_k == sigma_z_iterated u_e (to the fit).
  const SimilaritySigma far = similarity_sigma(s, 0.5, 1000.0);
  CHECK(std::abs(std::log(sigma_at(c.sigma.z, 1000.0) * c.wind_speed_m_s /
                         (far.sigma_z_m * far.effective.wind_speed_m_s))) <= c.max_log_error_z + 1e-12);
  CHECK_THROWS_AS(similarity_plume_curves(s, 0.5, 100.0, 100.0), twinlab::base::InputError);
}
