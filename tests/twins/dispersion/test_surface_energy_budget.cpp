// Surface energy budget (twins/dispersion/surface_energy_budget): hand-computed values and the known limits.
// Tolerances: the hand values were computed to 6+ digits, so 1e-4 relative covers their rounding; the solar
// position series is accurate to about 0.5 deg (Spencer 1971), hence the 0.5 deg bounds.
#include <catch2/catch.hpp>

#include <cmath>

#include "twins/dispersion/surface_energy_budget.hpp"

using namespace twinlab::twins::dispersion;
using namespace twinlab::twins::dispersion::seb;

namespace {
constexpr double T = 288.15;                 // K
constexpr double utc_2025_06_21_noon = 1750507200.0;  // 2025-06-21T12:00Z
constexpr double utc_2025_03_20_noon = 1742472000.0;  // 2025-03-20T12:00Z
}

TEST_CASE("neutral limit: zero heat flux gives the log law and an infinite Obukhov length") {
  const double log_law = 0.4 * 5.0 / std::log(10.0 / 0.1);  // 0.434294 m/s
  const SurfaceScales convective = convective_scales(5.0, 10.0, 0.1, T, 0.0);
  CHECK(convective.friction_velocity_m_s == Approx(log_law).epsilon(1e-12));
  CHECK(std::isinf(convective.obukhov_length_m));
  const SurfaceScales stable = stable_scales(5.0, 10.0, 0.1, T, 0.0);
  CHECK(stable.friction_velocity_m_s == Approx(0.434294).epsilon(1e-5));
  CHECK(std::isinf(stable.obukhov_length_m));
  CHECK(stable.obukhov_length_m > 0.0);
  // A tiny heat flux tends to the same limit: L -> -infinity, u* -> log law.
  const SurfaceScales weak = convective_scales(5.0, 10.0, 0.1, T, 1e-6);
  CHECK(weak.friction_velocity_m_s == Approx(log_law).epsilon(1e-6));
  CHECK(weak.obukhov_length_m < -1e6);
}

TEST_CASE("convective u* and L satisfy the Monin-Obukhov profile and the definition of L") {
  const double u = 3.0, z = 10.0, z0 = 0.1, H = 200.0;
  const SurfaceScales s = convective_scales(u, z, z0, T, H);
  const double L = s.obukhov_length_m;
  REQUIRE(L < 0.0);
  // u = (u*/k)[ln(z/z0) - psi_m(z/L) + psi_m(z0/L)], solved to 1e-10 by the iteration.
  const double profile = s.friction_velocity_m_s / 0.4 * (std::log(z / z0) - psi_m_unstable(z / L) + psi_m_unstable(z0 / L));
  CHECK(profile == Approx(u).epsilon(1e-8));
  const double rho_cp = air_density_kg_m3(T) * 1004.0;
  CHECK(L == Approx(-rho_cp * T * std::pow(s.friction_velocity_m_s, 3) / (0.4 * gravity_m_s2 * H)).epsilon(1e-12));
  // Convection raises u* above the neutral value for the same wind.
  CHECK(s.friction_velocity_m_s > 0.4 * u / std::log(z / z0));
}

TEST_CASE("psi_m: 0 at neutral, hand value at z/L = -1") {
  CHECK(psi_m_unstable(0.0) == 0.0);
  // x = 17^(1/4) = 2.030543; 2 ln(1.515272) + ln(2.561553) - 2 atan(2.030543) + pi/2
  //   = 0.831180 + 0.940614 - 2.227226 + 1.570796 = 1.11536 (by hand, 6 digits per term)
  const double x = std::pow(17.0, 0.25);
  const double hand = 2 * std::log((1 + x) / 2) + std::log((1 + x * x) / 2) - 2 * std::atan(x) + M_PI / 2;
  CHECK(psi_m_unstable(-1.0) == Approx(hand).epsilon(1e-12));
  CHECK(psi_m_unstable(-1.0) == Approx(1.1162).epsilon(1e-3));
}

TEST_CASE("stable u* from Venkatram's quadratic reproduces the log-linear profile (beta_m = 5)") {
  const double u = 5.0, z = 10.0, z0 = 0.1, theta = 0.09;
  const SurfaceScales s = stable_scales(u, z, z0, T, theta);
  // Hand computation: C_DN = 0.086859, u0^2 = 0.153148 m2/s2, check = 0.282102, u* = 0.401137 m/s, L = 131.3 m.
  CHECK(s.friction_velocity_m_s == Approx(0.401137).epsilon(1e-4));
  CHECK(s.obukhov_length_m == Approx(131.3).epsilon(1e-3));
  CHECK(s.theta_star_K == theta);
  const double profile = s.friction_velocity_m_s / 0.4 * (std::log(z / z0) + beta_m * z / s.obukhov_length_m);
  CHECK(profile == Approx(u).epsilon(1e-10));
  CHECK(s.heat_flux_W_m2 < 0.0);
}

TEST_CASE("stable hours below the critical wind: u* and theta* scale linearly with the wind") {
  const double z = 10.0, z0 = 0.1, theta = 0.09;
  const double cdn = 0.4 / std::log(z / z0);
  const double u0 = std::sqrt(beta_m * z * gravity_m_s2 * theta / T);
  const double u_cr = 2.0 * u0 / std::sqrt(cdn);  // 2.6558 m/s
  const SurfaceScales low = stable_scales(1.0, z, z0, T, theta);
  CHECK(low.friction_velocity_m_s == Approx(cdn * 1.0 / 2.0).epsilon(1e-12));
  CHECK(low.theta_star_K == Approx(theta / u_cr).epsilon(1e-12));
  // Continuous at the critical speed.
  const SurfaceScales at = stable_scales(u_cr * (1 + 1e-9), z, z0, T, theta);
  CHECK(at.friction_velocity_m_s == Approx(cdn * u_cr / 2.0).epsilon(1e-4));
}

TEST_CASE("net radiation: hand values by night and by day (Holtslag and van Ulden 1983)") {
  CHECK(net_radiation_W_m2(-10.0, 0.0, T, 0.2) == Approx(-77.6248).epsilon(1e-5));
  CHECK(net_radiation_W_m2(-10.0, 1.0, T, 0.2) == Approx(-24.0534).epsilon(1e-5));
  CHECK(net_radiation_W_m2(45.0, 0.0, T, 0.2) == Approx(397.1114).epsilon(1e-5));
  CHECK(daytime_heat_flux_W_m2(400.0, 1.0) == Approx(180.0));
  CHECK(daytime_heat_flux_W_m2(-50.0, 1.0) == 0.0);
  const double critical = critical_solar_elevation_deg(0.0, T, 0.2);
  CHECK(net_radiation_W_m2(critical + 0.01, 0.0, T, 0.2) > 0.0);
  CHECK(net_radiation_W_m2(critical - 0.01, 0.0, T, 0.2) < 0.0);
}

TEST_CASE("solar elevation: the sun at noon on the equinox and the solstice") {
  // Equator, Greenwich, equinox: at 12:00 UTC the sun is 7.5 min (equation of time) short of its meridian,
  // 1.9 deg of hour angle, so 88.1 deg; at 12:07:30 UTC it is overhead (declination -0.1 deg at 12 UTC).
  CHECK(solar_elevation_deg(utc_2025_03_20_noon, 0.0, 0.0) == Approx(88.1).margin(0.5));
  CHECK(solar_elevation_deg(utc_2025_03_20_noon + 450.0, 0.0, 0.0) == Approx(90.0).margin(0.5));
  // 52 N at the June solstice, local solar noon: 90 - 52 + 23.44 = 61.44 deg.
  CHECK(solar_elevation_deg(utc_2025_06_21_noon, 52.0, 0.0) == Approx(61.44).margin(0.5));
  // Midnight: below the horizon.
  CHECK(solar_elevation_deg(utc_2025_06_21_noon - 43200.0, 52.0, 0.0) < 0.0);
  // Longitude shifts solar time by 4 min/deg: noon at 15 E comes an hour earlier in UTC.
  CHECK(solar_elevation_deg(utc_2025_06_21_noon - 3600.0, 52.0, 15.0) ==
        Approx(solar_elevation_deg(utc_2025_06_21_noon, 52.0, 0.0)).margin(0.1));
}

TEST_CASE("mixing heights and w*: hand values") {
  // 180 W/m2 for 4 h, gamma 0.01 K/m, rho = 1.22505 kg/m3: z_ic = sqrt(2 * 1.4 * 2.592e6 / (1229.96 * 0.01)).
  CHECK(convective_mixing_height_m(180.0 * 4 * 3600, T, 0.01) == Approx(768.160).epsilon(1e-5));
  CHECK(convective_velocity_m_s(180.0, 1000.0, T) == Approx(1.70776).epsilon(1e-5));
  CHECK(convective_velocity_m_s(-10.0, 1000.0, T) == 0.0);
  CHECK(mechanical_mixing_height_m(0.5) == Approx(813.173).epsilon(1e-5));
  // Smoothing relaxes towards the target with tau = z / (2 u*): one tau leaves e^-1 of the difference.
  const double tau = 400.0 / (2 * 0.5);
  CHECK(smoothed_mechanical_height_m(400.0, 800.0, 0.5, tau) == Approx(800.0 - 400.0 * std::exp(-1.0)).epsilon(1e-12));
}

TEST_CASE("Pasquill class from L and z0 (Golder 1972)") {
  CHECK(stability_class_from_obukhov(-5.0, 0.1) == StabilityClass::A);
  CHECK(stability_class_from_obukhov(-15.0, 0.1) == StabilityClass::B);  // 1/L = -0.067 on the B curve (-0.066)
  CHECK(stability_class_from_obukhov(-30.0, 0.1) == StabilityClass::C);  // -0.033: between B/C (-0.043) and C/D (-0.010)
  CHECK(stability_class_from_obukhov(1e9, 0.1) == StabilityClass::D);
  CHECK(stability_class_from_obukhov(-std::numeric_limits<double>::infinity(), 0.1) == StabilityClass::D);
  CHECK(stability_class_from_obukhov(50.0, 0.1) == StabilityClass::E);   // 0.02 near E (0.022)
  CHECK(stability_class_from_obukhov(10.0, 0.1) == StabilityClass::F);   // 0.1 beyond F (0.071)
}

TEST_CASE("a day of routine observations: convective by day with zi growing, stable by night") {
  SiteSurface site;
  site.latitude_deg = 52.0;
  site.longitude_deg = 0.0;
  std::vector<RoutineHour> hours;
  const double midnight = utc_2025_06_21_noon - 43200.0;
  for (int h = 0; h < 24; ++h) hours.push_back({midnight + (h + 0.5) * 3600.0, 4.0, T, 0.25, true});
  const std::vector<DerivedHour> d = derive_boundary_layer(hours, site, 3600.0);
  CHECK(d[2].boundary_layer.obukhov_length_m > 0.0);   // 02:30 stable
  CHECK(std::isnan(d[2].boundary_layer.convective_velocity_m_s));
  CHECK(d[12].boundary_layer.obukhov_length_m < 0.0);  // 12:30 convective
  CHECK(d[12].boundary_layer.convective_velocity_m_s > 1.0);
  CHECK(d[14].mixing_height_m > d[10].mixing_height_m);  // the convective layer grows through the day
  CHECK(d[12].heat_flux_W_m2 > 100.0);
  CHECK(d[12].stability <= StabilityClass::C);
  CHECK(d[2].stability >= StabilityClass::D);
}
