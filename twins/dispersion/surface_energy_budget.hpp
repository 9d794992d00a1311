#pragma once
// The AERMET-style surface energy budget: boundary-layer scales (u*, L, w*, zi) from routine hourly
// observations (wind speed at a reference height, air temperature, cloud cover) and the surface's roughness
// length, albedo and Bowen ratio, at a site given by latitude and longitude. Pure functions, no files.
// Equations and sources: docs/dispersion.md, "Boundary layer from routine observations" (Holtslag and van
// Ulden 1983; van Ulden and Holtslag 1985; Venkatram 1980; Carson 1973 / Weil and Brower 1983; Cimorelli et
// al. 2004, the AERMOD formulation document; Golder 1972 for the Pasquill class).
#include <vector>

#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion::seb {

inline constexpr double von_karman = 0.4;
inline constexpr double gravity_m_s2 = 9.80655;          // as AERMET
inline constexpr double air_heat_capacity_J_kg_K = 1004.0;  // c_p of dry air, as AERMET
inline constexpr double beta_m = 5.0;                     // stable log-linear profile constant (AERMET default)

// Sun's elevation above the horizon (deg, negative below) at a UTC instant (seconds since 1970-01-01T00:00Z),
// from Spencer's (1971) Fourier series for declination and equation of time; accurate to about 0.5 deg.
double solar_elevation_deg(double utc_s, double latitude_deg, double longitude_deg);

// Net radiation (W/m^2, positive downward) from solar elevation, cloud fraction (0..1), air temperature and
// noon albedo (Holtslag and van Ulden 1983, with AERMET's elevation-dependent albedo).
double net_radiation_W_m2(double solar_elevation_deg, double cloud_fraction, double temperature_K,
                          double noon_albedo);

// Solar elevation (deg) above which the net radiation is positive for that cloud, temperature and albedo.
double critical_solar_elevation_deg(double cloud_fraction, double temperature_K, double noon_albedo);

// Daytime sensible heat flux H = 0.9 R_n / (1 + 1/B) (W/m^2); 0 when R_n <= 0.
double daytime_heat_flux_W_m2(double net_radiation_W_m2, double bowen_ratio);

// Air density (kg/m^3) at sea-level pressure: rho = p / (R_d T).
double air_density_kg_m3(double temperature_K);

// Integrated Monin-Obukhov stability function for momentum, unstable side (zeta = z/L < 0; Paulson 1970 with
// the Businger-Dyer phi_m = (1 - 16 zeta)^(-1/4)); 0 for zeta >= 0.
double psi_m_unstable(double zeta);

struct SurfaceScales {
  double friction_velocity_m_s = 0.0;  // u*
  double obukhov_length_m = 0.0;       // L (< 0 convective, > 0 stable; +-infinity neutral)
  double heat_flux_W_m2 = 0.0;         // H (> 0 upward)
  double theta_star_K = 0.0;           // temperature scale (stable)
};

// Convective (H >= 0): u* and L solved together from u = (u*/k)[ln(z/z0) - psi_m(z/L) + psi_m(z0/L)] and
// L = -rho c_p T u*^3 / (k g H) by fixed-point iteration from the neutral u*. H = 0 gives the log law and
// L = -infinity.
SurfaceScales convective_scales(double wind_speed_m_s, double reference_height_m, double roughness_length_m,
                                double temperature_K, double heat_flux_W_m2);

// Stable: theta* given (AERMET: 0.09 (1 - 0.5 n^2) K, see stable_theta_star_K), u* from Venkatram's (1980)
// quadratic u* = (C_DN u / 2)[1 + sqrt(1 - (2 u0)^2 / (C_DN u^2))], C_DN = k / ln(z/z0),
// u0^2 = beta_m z g theta* / T; below the critical speed u_cr = 2 u0 / sqrt(C_DN) both u* and theta* scale with
// u / u_cr (van Ulden and Holtslag). L = T u*^2 / (k g theta*); H = -rho c_p u* theta*. theta* = 0 gives the
// log law and L = +infinity.
SurfaceScales stable_scales(double wind_speed_m_s, double reference_height_m, double roughness_length_m,
                            double temperature_K, double theta_star_K);

// theta* (K) of a stable hour from the cloud fraction (van Ulden and Holtslag 1985), reduced at low sun
// (0 < elevation < critical) by (1 - (elevation / critical)^2) (Holtslag 1984), as AERMET does.
double stable_theta_star_K(double cloud_fraction, double solar_elevation_deg, double critical_elevation_deg);

// Convective velocity scale w* = (g H z_ic / (rho c_p T))^(1/3); 0 when H <= 0.
double convective_velocity_m_s(double heat_flux_W_m2, double mixing_height_m, double temperature_K);

// Mechanical mixing height before smoothing, z_im = 2300 u*^(3/2) (Venkatram 1980; u* in m/s, z in m).
double mechanical_mixing_height_m(double friction_velocity_m_s);

// AERMET's smoothing of the mechanical height over a step dt: z(t+dt) = z(t) e^(-dt/tau) +
// z_target (1 - e^(-dt/tau)), tau = z(t) / (2 u*).
double smoothed_mechanical_height_m(double previous_m, double target_m, double friction_velocity_m_s, double dt_s);

// Convective mixing height from the heat put into the layer since sunrise (J/m^2 of sensible heat), a
// potential-temperature gradient gamma (K/m) of the morning profile: z_ic = sqrt(2 (1 + 2A) Q / (rho c_p gamma)),
// A = 0.2 (Carson 1973; Weil and Brower 1983, the form AERMET integrates).
double convective_mixing_height_m(double heat_since_sunrise_J_m2, double temperature_K,
                                  double potential_temperature_gradient_K_m);

// Pasquill-Gifford class of an Obukhov length on a surface of roughness z0: the nearest of Golder's (1972)
// curves 1/L = a + b log10(z0) (boundaries midway between neighbouring curves).
StabilityClass stability_class_from_obukhov(double obukhov_length_m, double roughness_length_m);

// One hour of routine observations.
struct RoutineHour {
  double utc_s = 0.0;              // middle of the period
  double wind_speed_m_s = 0.0;     // at reference height; the hour must not be calm
  double temperature_K = 293.15;
  double cloud_fraction = 0.5;     // 0..1
  bool valid = true;               // false: calm or missing, skipped (the mixing-height memory is kept)
};

struct SiteSurface {
  double latitude_deg = 0.0, longitude_deg = 0.0;
  SurfaceCharacteristics surface;
  double reference_height_m = 10.0;
  double potential_temperature_gradient_K_m = 0.01;  // above the morning surface inversion
};

struct DerivedHour {
  BoundaryLayer boundary_layer;  // u*, L, w* (NaN when not convective); sigmas not given
  double mixing_height_m = 0.0;  // zi: max(z_ic, z_im) convective, smoothed z_im stable
  double heat_flux_W_m2 = 0.0;
  double solar_elevation_deg = 0.0;
  StabilityClass stability = StabilityClass::D;
};

// A series of hours in time order, spaced dt_s apart. The convective height integrates H from the first hour
// with positive flux each day (reset when the flux turns negative); the mechanical height is smoothed from
// hour to hour. Invalid hours produce a default DerivedHour and keep the memory.
std::vector<DerivedHour> derive_boundary_layer(const std::vector<RoutineHour>& hours, const SiteSurface& site,
                                               double dt_s);

}  // namespace twinlab::twins::dispersion::seb
