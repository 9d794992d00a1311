// Boundary-layer similarity profiles: Monin-Obukhov functions, wind, turbulence, diffusivities, Golder's
// class -> L, and the Eulerian per-layer profiles. Hand-computed values are quoted with their arithmetic;
// Approx's default relative tolerance (1.2e-5 here via epsilon) matches the 6 digits quoted.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "base/error.hpp"
#include "twins/dispersion/boundary_layer_profiles.hpp"

using namespace twinlab::twins::dispersion;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

BoundaryLayerState state(double ustar, double L, double h, double z0 = 0.1, double wstar = 0.0) {
  BoundaryLayerState s;
  s.friction_velocity_m_s = ustar;
  s.obukhov_length_m = L;
  s.boundary_layer_height_m = h;
  s.roughness_length_m = z0;
  s.convective_velocity_m_s = wstar;
  s.reference_height_m = 10.0;
  s.reference_speed_m_s = ustar / kVonKarman * std::log(10.0 / z0);  // neutral log law through u*
  return s;
}
}  // namespace

TEST_CASE("Monin-Obukhov functions: neutral limit and hand-computed values", "[dispersion][similarity]") {
  CHECK(phi_m(0.0) == 1.0);
  CHECK(phi_h(0.0) == 1.0);
  CHECK(psi_m(0.0) == 0.0);
  CHECK(psi_h(0.0) == Approx(0.0).margin(1e-15));
  // Unstable zeta = -1: phi_m = 17^-1/4 = 0.492479, phi_h = 17^-1/2 = 0.242536,
  // psi_m = 2 ln((1+x)/2) + ln((1+x^2)/2) - 2 atan x + pi/2 with x = 17^1/4: 1.116232; psi_h = 2 ln((1+17^1/2)/2)
  // = 1.881227.
  CHECK(phi_m(-1.0) == Approx(0.492479).epsilon(1e-5));
  CHECK(phi_h(-1.0) == Approx(0.242536).epsilon(1e-5));
  CHECK(psi_m(-1.0) == Approx(1.116232).epsilon(1e-5));
  CHECK(psi_h(-1.0) == Approx(1.881227).epsilon(1e-5));
  // Stable: 1 + 5 zeta up to zeta = 1, then 6 (z-less); psi = -5 zeta, then -5 (1 + ln zeta).
  CHECK(phi_m(0.5) == 3.5);
  CHECK(phi_h(0.5) == 3.5);
  CHECK(phi_m(4.0) == 6.0);
  CHECK(psi_m(0.5) == -2.5);
  CHECK(psi_m(std::exp(1.0)) == Approx(-10.0).epsilon(1e-14));
}

TEST_CASE("psi is the integral of (1 - phi) / zeta: phi = 1 - zeta dpsi/dzeta", "[dispersion][similarity]") {
  // Central differences with step 1e-5 zeta: truncation error O(1e-10), so 1e-6 relative is ample.
  const double zeta = GENERATE(-5.0, -1.0, -0.1, -0.01, 0.01, 0.3, 0.9, 1.5, 4.0);
  CAPTURE(zeta);
  const double d = 1e-5 * std::abs(zeta);
  const double dpsi_m = (psi_m(zeta + d) - psi_m(zeta - d)) / (2.0 * d);
  const double dpsi_h = (psi_h(zeta + d) - psi_h(zeta - d)) / (2.0 * d);
  CHECK(1.0 - zeta * dpsi_m == Approx(phi_m(zeta)).epsilon(1e-6));
  CHECK(1.0 - zeta * dpsi_h == Approx(phi_h(zeta)).epsilon(1e-6));
}

TEST_CASE("Neutral wind profile is the log law, stable u* by the diabatic log law", "[dispersion][similarity]") {
  // u* = kappa u / ln(z/z0) = 0.4 * 5 / ln(100) = 0.434294 m/s.
  CHECK(friction_velocity_from_wind(5.0, 10.0, 0.1, kInf) == Approx(0.434294).epsilon(1e-5));
  // Stable L = 50: S = ln(100) + 5 (10/50) - 5 (0.1/50) = 5.595170, u* = 0.4 * 3 / S = 0.214471.
  CHECK(friction_velocity_from_wind(3.0, 10.0, 0.1, 50.0) == Approx(0.214471).epsilon(1e-5));
  const BoundaryLayerState s = state(0.4, kInf, 1000.0);
  for (double z : {1.0, 5.0, 20.0, 80.0}) {
    CAPTURE(z);
    CHECK(s.wind_speed_m_s(z) == Approx(0.4 / kVonKarman * std::log(z / 0.1)).epsilon(1e-12));
  }
  // Floor at 7 z0 = 0.7 m and the top of the layer (h = 1000 m in neutral air): held constant beyond.
  CHECK(s.wind_speed_m_s(0.1) == Approx(s.wind_speed_m_s(0.7)).epsilon(1e-14));
  CHECK(s.wind_speed_m_s(2000.0) == Approx(s.wind_speed_m_s(1000.0)).epsilon(1e-14));
  CHECK(s.wind_speed_m_s(10.0) == Approx(s.reference_speed_m_s).epsilon(1e-14));
  // Unstable: uniform above the surface layer (0.1 h).
  const BoundaryLayerState u = state(0.4, -20.0, 800.0, 0.1, 1.5);
  CHECK(u.wind_speed_m_s(500.0) == Approx(u.wind_speed_m_s(80.0)).epsilon(1e-14));
  CHECK(u.wind_speed_m_s(40.0) < u.wind_speed_m_s(80.0));
}

TEST_CASE("Turbulence profiles: AERMOD's neutral surface values and convective mixed layer",
          "[dispersion][similarity]") {
  const BoundaryLayerState n = state(0.5, kInf, 1000.0);
  CHECK(n.sigma_w_m_s(0.0) == Approx(1.3 * 0.5).epsilon(1e-14));
  CHECK(n.sigma_v_m_s(0.0) == Approx(std::sqrt(3.6) * 0.5).epsilon(1e-14));
  // sigma_w^2 falls linearly to 0 at h (floor 0.02 m/s); sigma_v^2 to min(3.6 u*^2, 0.25) = 0.25.
  CHECK(n.sigma_w_m_s(500.0) == Approx(0.65 * std::sqrt(0.5)).epsilon(1e-14));
  CHECK(n.sigma_w_m_s(1000.0) == kMinimumSigmaW_m_s);
  CHECK(n.sigma_v_m_s(1000.0) == Approx(0.5).epsilon(1e-14));
  // Convective, u* = 0.3, L = -10, h = 1000: w* = (u*^3 h / (kappa |L|))^1/3 = 6.75^1/3 = 1.889882.
  Meteorology met;
  met.reference_height_m = 10.0;
  met.surface.roughness_length_m = 0.1;
  MeteorologyPeriod p = routine_period(0.0, 4.0, 270.0, StabilityClass::B, 1000.0);
  p.boundary_layer.friction_velocity_m_s = 0.3;
  p.boundary_layer.obukhov_length_m = -10.0;
  const BoundaryLayerState c = resolve_boundary_layer(met, p);
  CHECK(c.convective_velocity_m_s == Approx(1.889882).epsilon(1e-5));
  const double ws = c.convective_velocity_m_s;
  // Mixed layer (0.1 h < z < h): sigma_w^2 = 1.69 u*^2 (1 - z/h) + 0.35 w*^2, sigma_v^2 = sigma_vm^2 + 0.35 w*^2.
  CHECK(c.sigma_w_m_s(500.0) == Approx(std::sqrt(1.69 * 0.09 * 0.5 + 0.35 * ws * ws)).epsilon(1e-14));
  const double svm2 = 3.6 * 0.09 + (0.25 - 3.6 * 0.09) * 0.5;
  CHECK(c.sigma_v_m_s(500.0) == Approx(std::sqrt(svm2 + 0.35 * ws * ws)).epsilon(1e-14));
  // AERMOD's two convective branches meet at 0.1 h to 1.5 %: 1.6 (0.1)^2/3 = 0.3447 vs 0.35.
  CHECK(c.sigma_w_m_s(99.999) == Approx(c.sigma_w_m_s(100.001)).epsilon(0.015));
  // Without a lid the mechanical height 2300 u*^1.5 is used: 2300 * 0.3^1.5 = 377.929 m.
  p.mixing_height_m = 0.0;
  CHECK(resolve_boundary_layer(met, p).boundary_layer_height_m == Approx(377.9286).epsilon(1e-6));
}

TEST_CASE("K_z: surface-layer similarity near the ground, continuous through the mixed layer",
          "[dispersion][similarity]") {
  // Neutral: K = kappa u* z (1 - z/h)^2; at z = 2 m, u* = 0.5, h = 1000: 0.4 * 0.5 * 2 * 0.998^2 = 0.398401.
  const BoundaryLayerState n = state(0.5, kInf, 1000.0);
  CHECK(n.vertical_diffusivity_m2_s(2.0) == Approx(0.398401).epsilon(1e-5));
  // Stable L = 20: at z = 4 m, phi_h = 2: K = 0.4 * 0.3 * 4 * (1 - 4/200)^2 / 2 = 0.230496.
  const BoundaryLayerState st = state(0.3, 20.0, 200.0);
  CHECK(st.vertical_diffusivity_m2_s(4.0) == Approx(0.230496).epsilon(1e-5));
  // Unstable: the velocity scale is frozen at the top of the surface layer, so K_z is continuous there.
  const BoundaryLayerState u = state(0.3, -10.0, 1000.0, 0.1, 1.9);
  const double below = u.vertical_diffusivity_m2_s(100.0 - 1e-9), above = u.vertical_diffusivity_m2_s(100.0 + 1e-9);
  CHECK(below == Approx(above).epsilon(1e-9));
  // Maximum of z (1 - z/h)^2 at h/3: K(333.3) > K(100) and K(900) < K(333.3); floor above h.
  CHECK(u.vertical_diffusivity_m2_s(1000.0 / 3.0) > u.vertical_diffusivity_m2_s(100.0));
  CHECK(u.vertical_diffusivity_m2_s(900.0) < u.vertical_diffusivity_m2_s(1000.0 / 3.0));
  CHECK(u.vertical_diffusivity_m2_s(1500.0) == kMinimumDiffusivity_m2_s);
  // T_Lz = K_z / sigma_w^2 by construction.
  CHECK(n.lagrangian_time_vertical_s(2.0) ==
        Approx(n.vertical_diffusivity_m2_s(2.0) / std::pow(n.sigma_w_m_s(2.0), 2)).epsilon(1e-14));
}

TEST_CASE("Lateral time scale and K_h: Hanna (1982) and Taylor's limits", "[dispersion][similarity]") {
  const BoundaryLayerState u = state(0.3, -10.0, 1000.0, 0.1, 1.9);
  CHECK(u.lagrangian_time_lateral_s(50.0) == Approx(0.15 * 1000.0 / u.sigma_v_m_s(50.0)).epsilon(1e-14));
  const BoundaryLayerState n = state(0.5, kInf, 1000.0);
  // Neutral: 0.5 z / (sigma_w (1 + 15 f z / u*)) at z = 10: 5 / (sigma_w(10) (1 + 0.03)).
  CHECK(n.lagrangian_time_lateral_s(10.0) == Approx(5.0 / (n.sigma_w_m_s(10.0) * 1.03)).epsilon(1e-14));
  const double sv = n.sigma_v_m_s(10.0), tl = n.lagrangian_time_lateral_s(10.0);
  // t >> T_L: sigma_v^2 T_L; t << T_L: sigma_v^2 t (to O(t/T_L) = 5e-4 relative).
  CHECK(n.lateral_diffusivity_m2_s(10.0, 1.0e6) == Approx(sv * sv * tl).epsilon(1e-12));
  CHECK(n.lateral_diffusivity_m2_s(10.0, 1e-3 * tl) == Approx(sv * sv * 1e-3 * tl).epsilon(6e-4));
  CHECK(n.lateral_diffusivity_m2_s(10.0, 0.0) == 0.0);
}

TEST_CASE("Golder (1972) class -> L and u* when a period gives only a class", "[dispersion][similarity]") {
  CHECK(golder_inverse_obukhov_length_1_m(StabilityClass::D, 0.1) == 0.0);
  // F, z0 = 0.006: 0.035 - 0.036 log10(0.006) = 0.114987 1/m (L = 8.6967 m); A, z0 = 0.1: -0.096 - 0.029.
  CHECK(golder_inverse_obukhov_length_1_m(StabilityClass::F, 0.006) == Approx(0.114987).epsilon(1e-5));
  CHECK(golder_inverse_obukhov_length_1_m(StabilityClass::A, 0.1) == Approx(-0.125).epsilon(1e-12));
  Meteorology met;
  met.reference_height_m = 10.0;
  met.surface.roughness_length_m = 0.1;
  const BoundaryLayerState d = resolve_boundary_layer(met, routine_period(0.0, 5.0, 270.0, StabilityClass::D));
  CHECK(std::isinf(d.obukhov_length_m));
  CHECK(d.friction_velocity_m_s == Approx(0.434294).epsilon(1e-5));  // the neutral log law above
  CHECK(d.convective_velocity_m_s == 0.0);
  const BoundaryLayerState f = resolve_boundary_layer(met, routine_period(0.0, 2.0, 270.0, StabilityClass::F));
  // 1/L = 0.035 - 0.036 * (-1) = 0.071, L = 14.0845 m; u* = 0.4 * 2 / (ln 100 + 5 * 10/L - 5 * 0.1/L).
  CHECK(f.obukhov_length_m == Approx(1.0 / 0.071).epsilon(1e-12));
  CHECK(f.friction_velocity_m_s == Approx(0.8 / (std::log(100.0) + 5.0 * 0.071 * 9.9)).epsilon(1e-12));
  CHECK(f.wind_speed_m_s(10.0) == Approx(2.0).epsilon(1e-14));
}

TEST_CASE("Measured sigma_v and sigma_w rescale the profiles through the measurement", "[dispersion][similarity]") {
  Meteorology met;
  met.reference_height_m = 2.0;
  met.surface.roughness_length_m = 0.006;
  MeteorologyPeriod p = routine_period(0.0, 6.0, 270.0, StabilityClass::D);
  p.boundary_layer.friction_velocity_m_s = 0.4;
  p.boundary_layer.obukhov_length_m = -60.0;
  p.boundary_layer.sigma_v_m_s = 0.9;
  p.boundary_layer.sigma_w_m_s = 0.55;
  p.boundary_layer.measurement_height_m = 2.0;
  const BoundaryLayerState s = resolve_boundary_layer(met, p);
  CHECK(s.sigma_v_m_s(2.0) == Approx(0.9).epsilon(1e-14));
  CHECK(s.sigma_w_m_s(2.0) == Approx(0.55).epsilon(1e-14));
  p.boundary_layer.measurement_height_m = kNotGiven;
  CHECK_THROWS_AS(resolve_boundary_layer(met, p), twinlab::base::InputError);
  met.surface.roughness_length_m = 0.0;
  CHECK_THROWS_AS(resolve_boundary_layer(met, p), twinlab::base::InputError);
}

TEST_CASE("Eulerian per-layer profiles: wind and K_h at centres, K_z at faces", "[dispersion][similarity]") {
  Meteorology met;
  met.reference_height_m = 10.0;
  met.surface.roughness_length_m = 0.1;
  const MeteorologyPeriod p = routine_period(0.0, 5.0, 270.0, StabilityClass::C, 800.0);
  const std::vector<double> faces{0.0, 1.0, 3.0, 10.0, 40.0, 200.0, 1000.0};
  const EulerianProfiles e = similarity_profiles_for_period(met, p, faces, 300.0);
  const BoundaryLayerState s = resolve_boundary_layer(met, p);
  REQUIRE(e.wind_speed_m_s.size() == 6);
  REQUIRE(e.lateral_diffusivity_m2_s.size() == 6);
  REQUIRE(e.vertical_diffusivity_m2_s.size() == 7);
  CHECK(e.wind_speed_m_s[2] == s.wind_speed_m_s(6.5));
  CHECK(e.lateral_diffusivity_m2_s[3] == s.lateral_diffusivity_m2_s(25.0, 300.0));
  CHECK(e.vertical_diffusivity_m2_s[0] == kMinimumDiffusivity_m2_s);  // no turbulent flux through the ground
  CHECK(e.vertical_diffusivity_m2_s[4] == s.vertical_diffusivity_m2_s(40.0));
  CHECK(e.vertical_diffusivity_m2_s[6] == kMinimumDiffusivity_m2_s);  // at h: the residual floor
  const std::vector<double> bad{0.0, 5.0, 5.0};
  CHECK_THROWS_AS(similarity_profiles_for_period(met, p, bad, 300.0), twinlab::base::InputError);
  CHECK_THROWS_AS(similarity_profiles_for_period(met, p, faces, -1.0), twinlab::base::InputError);
}
