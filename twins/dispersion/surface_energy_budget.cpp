#include "twins/dispersion/surface_energy_budget.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace twinlab::twins::dispersion::seb {

namespace {

constexpr double pi = std::numbers::pi;
constexpr double deg = pi / 180.0;
constexpr double stefan_boltzmann_W_m2_K4 = 5.67e-8;
// Holtslag and van Ulden (1983) net-radiation constants.
constexpr double c1_W_m2_K6 = 5.31e-13;
constexpr double c2_W_m2 = 60.0;
constexpr double c3 = 0.12;
constexpr double sea_level_pressure_Pa = 101325.0;
constexpr double dry_air_gas_constant_J_kg_K = 287.04;
constexpr double infinity = std::numeric_limits<double>::infinity();

}  // namespace

double solar_elevation_deg(double utc_s, double latitude_deg, double longitude_deg) {
  const double days = std::floor(utc_s / 86400.0);
  const double hour_utc = (utc_s - days * 86400.0) / 3600.0;
  // Day of the year (1-based) from the civil date of the UTC day.
  const long long z = static_cast<long long>(days) + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy_march = doe - (365 * yoe + yoe / 4 - yoe / 100);  // 0 = 1 March
  const long long mp = (5 * doy_march + 2) / 153;
  const long long month = mp < 10 ? mp + 3 : mp - 9;
  const long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const long long jan1_to_mar1 = leap ? 60 : 59;
  const long long day_of_year = month <= 2 ? doy_march - 306 + 1 : doy_march + jan1_to_mar1 + 1;
  const double year_days = leap ? 366.0 : 365.0;
  const double g = 2.0 * pi / year_days * (static_cast<double>(day_of_year) - 1.0 + (hour_utc - 12.0) / 24.0);
  const double declination = 0.006918 - 0.399912 * std::cos(g) + 0.070257 * std::sin(g) -
                             0.006758 * std::cos(2 * g) + 0.000907 * std::sin(2 * g) - 0.002697 * std::cos(3 * g) +
                             0.00148 * std::sin(3 * g);
  const double equation_of_time_min = 229.18 * (0.000075 + 0.001868 * std::cos(g) - 0.032077 * std::sin(g) -
                                                0.014615 * std::cos(2 * g) - 0.040849 * std::sin(2 * g));
  const double solar_time_min = hour_utc * 60.0 + equation_of_time_min + 4.0 * longitude_deg;
  const double hour_angle = (solar_time_min / 4.0 - 180.0) * deg;
  const double phi = latitude_deg * deg;
  const double sin_elevation =
      std::sin(phi) * std::sin(declination) + std::cos(phi) * std::cos(declination) * std::cos(hour_angle);
  return std::asin(std::clamp(sin_elevation, -1.0, 1.0)) / deg;
}

double net_radiation_W_m2(double elevation_deg, double cloud_fraction, double temperature_K, double noon_albedo) {
  const double n = std::clamp(cloud_fraction, 0.0, 1.0);
  const double clear_sky = elevation_deg > 0.0 ? std::max(0.0, 990.0 * std::sin(elevation_deg * deg) - 30.0) : 0.0;
  const double incoming = clear_sky * (1.0 - 0.75 * std::pow(n, 3.4));
  const double r = noon_albedo;
  const double albedo = elevation_deg > 0.0
                            ? r + (1.0 - r) * std::exp(-0.1 * elevation_deg - 0.5 * (1.0 - r) * (1.0 - r))
                            : 1.0;
  const double t = temperature_K;
  return ((1.0 - std::min(albedo, 1.0)) * incoming + c1_W_m2_K6 * std::pow(t, 6) -
          stefan_boltzmann_W_m2_K4 * std::pow(t, 4) + c2_W_m2 * n) / (1.0 + c3);
}

double critical_solar_elevation_deg(double cloud_fraction, double temperature_K, double noon_albedo) {
  // R_n grows with elevation: bisection between the horizon and the zenith.
  double lo = 0.0, hi = 90.0;
  if (net_radiation_W_m2(hi, cloud_fraction, temperature_K, noon_albedo) <= 0.0) return 90.0;
  if (net_radiation_W_m2(1e-9, cloud_fraction, temperature_K, noon_albedo) > 0.0) return 0.0;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (net_radiation_W_m2(mid, cloud_fraction, temperature_K, noon_albedo) > 0.0 ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

double daytime_heat_flux_W_m2(double net_radiation, double bowen_ratio) {
  if (net_radiation <= 0.0 || bowen_ratio <= 0.0) return 0.0;
  return 0.9 * net_radiation / (1.0 + 1.0 / bowen_ratio);
}

double air_density_kg_m3(double temperature_K) {
  return sea_level_pressure_Pa / (dry_air_gas_constant_J_kg_K * temperature_K);
}

double psi_m_unstable(double zeta) {
  if (zeta >= 0.0) return 0.0;
  const double x = std::pow(1.0 - 16.0 * zeta, 0.25);
  return 2.0 * std::log((1.0 + x) / 2.0) + std::log((1.0 + x * x) / 2.0) - 2.0 * std::atan(x) + pi / 2.0;
}

SurfaceScales convective_scales(double u, double z, double z0, double temperature_K, double heat_flux) {
  SurfaceScales s;
  s.heat_flux_W_m2 = std::max(0.0, heat_flux);
  const double log_term = std::log(z / z0);
  double ustar = von_karman * u / log_term;
  if (s.heat_flux_W_m2 == 0.0) {
    s.friction_velocity_m_s = ustar;
    s.obukhov_length_m = -infinity;
    return s;
  }
  const double rho_cp = air_density_kg_m3(temperature_K) * air_heat_capacity_J_kg_K;
  double length = 0.0;
  // Fixed point: converges in a handful of steps (u* grows monotonically towards the solution).
  for (int i = 0; i < 100; ++i) {
    length = -rho_cp * temperature_K * ustar * ustar * ustar / (von_karman * gravity_m_s2 * s.heat_flux_W_m2);
    const double next = von_karman * u / (log_term - psi_m_unstable(z / length) + psi_m_unstable(z0 / length));
    const bool done = std::abs(next - ustar) <= 1e-10 * next;
    ustar = next;
    if (done) break;
  }
  s.friction_velocity_m_s = ustar;
  s.obukhov_length_m = -rho_cp * temperature_K * ustar * ustar * ustar / (von_karman * gravity_m_s2 * s.heat_flux_W_m2);
  return s;
}

SurfaceScales stable_scales(double u, double z, double z0, double temperature_K, double theta_star) {
  SurfaceScales s;
  const double cdn = von_karman / std::log(z / z0);
  if (theta_star <= 0.0) {
    s.friction_velocity_m_s = cdn * u;
    s.obukhov_length_m = infinity;
    return s;
  }
  const double u0 = std::sqrt(beta_m * z * gravity_m_s2 * theta_star / temperature_K);
  const double check = std::pow(2.0 * u0 / (std::sqrt(cdn) * u), 2);
  if (check <= 1.0) {
    s.friction_velocity_m_s = cdn * u / 2.0 * (1.0 + std::sqrt(1.0 - check));
    s.theta_star_K = theta_star;
  } else {  // below the critical speed: linear in u (van Ulden and Holtslag)
    const double u_cr = 2.0 * u0 / std::sqrt(cdn);
    s.friction_velocity_m_s = cdn * u_cr / 2.0 * u / u_cr;
    s.theta_star_K = theta_star * u / u_cr;
  }
  s.obukhov_length_m = temperature_K * s.friction_velocity_m_s * s.friction_velocity_m_s /
                       (von_karman * gravity_m_s2 * s.theta_star_K);
  s.heat_flux_W_m2 = -air_density_kg_m3(temperature_K) * air_heat_capacity_J_kg_K * s.friction_velocity_m_s *
                     s.theta_star_K;
  return s;
}

double stable_theta_star_K(double cloud_fraction, double elevation_deg, double critical_deg) {
  const double n = std::clamp(cloud_fraction, 0.0, 1.0);
  double theta = 0.09 * (1.0 - 0.5 * n * n);
  if (elevation_deg > 0.0 && elevation_deg < critical_deg)
    theta *= 1.0 - (elevation_deg / critical_deg) * (elevation_deg / critical_deg);
  return theta;
}

double convective_velocity_m_s(double heat_flux, double mixing_height_m, double temperature_K) {
  if (heat_flux <= 0.0 || mixing_height_m <= 0.0) return 0.0;
  const double rho_cp = air_density_kg_m3(temperature_K) * air_heat_capacity_J_kg_K;
  return std::cbrt(gravity_m_s2 * heat_flux * mixing_height_m / (rho_cp * temperature_K));
}

double mechanical_mixing_height_m(double ustar) { return 2300.0 * std::pow(std::max(0.0, ustar), 1.5); }

double smoothed_mechanical_height_m(double previous_m, double target_m, double ustar, double dt_s) {
  if (!(previous_m > 0.0) || !(ustar > 0.0)) return target_m;
  const double tau_s = previous_m / (2.0 * ustar);
  const double keep = std::exp(-dt_s / tau_s);
  return previous_m * keep + target_m * (1.0 - keep);
}

double convective_mixing_height_m(double heat_J_m2, double temperature_K, double gamma_K_m) {
  if (heat_J_m2 <= 0.0 || gamma_K_m <= 0.0) return 0.0;
  constexpr double entrainment_A = 0.2;
  const double rho_cp = air_density_kg_m3(temperature_K) * air_heat_capacity_J_kg_K;
  return std::sqrt(2.0 * (1.0 + 2.0 * entrainment_A) * heat_J_m2 / (rho_cp * gamma_K_m));
}

StabilityClass stability_class_from_obukhov(double length_m, double z0) {
  // Golder (1972) as fitted by 1/L = a + b log10(z0) (Seinfeld and Pandis, Atmospheric Chemistry and Physics).
  static constexpr std::array<double, 6> a = {-0.096, -0.037, -0.002, 0.0, 0.004, 0.035};
  static constexpr std::array<double, 6> b = {0.029, 0.029, 0.018, 0.0, -0.018, -0.036};
  const double inverse = std::isfinite(length_m) && length_m != 0.0 ? 1.0 / length_m : 0.0;
  const double lz = std::log10(std::max(z0, 1e-4));
  for (std::size_t c = 0; c + 1 < a.size(); ++c) {
    const double upper = 0.5 * ((a[c] + b[c] * lz) + (a[c + 1] + b[c + 1] * lz));
    if (inverse < upper) return static_cast<StabilityClass>(c);
  }
  return StabilityClass::F;
}

std::vector<DerivedHour> derive_boundary_layer(const std::vector<RoutineHour>& hours, const SiteSurface& site,
                                               double dt_s) {
  std::vector<DerivedHour> out(hours.size());
  const SurfaceCharacteristics& sf = site.surface;
  double heat_since_sunrise_J_m2 = 0.0;
  double mechanical_m = 0.0;  // smoothed z_im, carried from hour to hour
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const RoutineHour& h = hours[i];
    DerivedHour& d = out[i];
    d.solar_elevation_deg = solar_elevation_deg(h.utc_s, site.latitude_deg, site.longitude_deg);
    if (!h.valid) continue;
    const double rn = net_radiation_W_m2(d.solar_elevation_deg, h.cloud_fraction, h.temperature_K, sf.albedo);
    const double heat = d.solar_elevation_deg > 0.0 ? daytime_heat_flux_W_m2(rn, sf.bowen_ratio) : 0.0;
    if (heat > 0.0) {
      const SurfaceScales s =
          convective_scales(h.wind_speed_m_s, site.reference_height_m, sf.roughness_length_m, h.temperature_K, heat);
      heat_since_sunrise_J_m2 += heat * dt_s;
      const double zic = convective_mixing_height_m(heat_since_sunrise_J_m2, h.temperature_K,
                                                    site.potential_temperature_gradient_K_m);
      mechanical_m = smoothed_mechanical_height_m(mechanical_m, mechanical_mixing_height_m(s.friction_velocity_m_s),
                                                  s.friction_velocity_m_s, dt_s);
      d.mixing_height_m = std::max(zic, mechanical_m);
      d.boundary_layer.friction_velocity_m_s = s.friction_velocity_m_s;
      d.boundary_layer.obukhov_length_m = s.obukhov_length_m;
      d.boundary_layer.convective_velocity_m_s = convective_velocity_m_s(heat, zic, h.temperature_K);
      d.heat_flux_W_m2 = heat;
    } else {
      heat_since_sunrise_J_m2 = 0.0;
      const double critical = critical_solar_elevation_deg(h.cloud_fraction, h.temperature_K, sf.albedo);
      const double theta = stable_theta_star_K(h.cloud_fraction, d.solar_elevation_deg, critical);
      const SurfaceScales s =
          stable_scales(h.wind_speed_m_s, site.reference_height_m, sf.roughness_length_m, h.temperature_K, theta);
      mechanical_m = smoothed_mechanical_height_m(mechanical_m, mechanical_mixing_height_m(s.friction_velocity_m_s),
                                                  s.friction_velocity_m_s, dt_s);
      d.mixing_height_m = mechanical_m;
      d.boundary_layer.friction_velocity_m_s = s.friction_velocity_m_s;
      d.boundary_layer.obukhov_length_m = s.obukhov_length_m;
      d.heat_flux_W_m2 = s.heat_flux_W_m2;
    }
    d.stability = stability_class_from_obukhov(d.boundary_layer.obukhov_length_m, sf.roughness_length_m);
  }
  return out;
}

}  // namespace twinlab::twins::dispersion::seb
