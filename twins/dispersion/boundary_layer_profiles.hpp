#pragma once
// Boundary-layer similarity profiles for one meteorology period: Monin-Obukhov functions, the wind u(z),
// the turbulence sigma_v(z), sigma_w(z), Lagrangian time scales, the vertical diffusivity K_z(z) and the
// lateral diffusivity K_h(z, t). Used by the plume (similarity_sigma.hpp) and meant for the Eulerian model.
// Heights z in m above ground; kappa = 0.4. Every choice and its source (docs/dispersion.md, "Turbulence
// from similarity theory", repeats them with the verification):
//
// * Monin-Obukhov functions, zeta = z / L: the Businger-Dyer forms in Dyer's (1974, Boundary-Layer Meteorol.
//   7:363) review, integrated by Paulson (1970):
//     unstable (zeta < 0): phi_m = (1 - 16 zeta)^-1/4, phi_h = (1 - 16 zeta)^-1/2,
//       psi_m = 2 ln((1+x)/2) + ln((1+x^2)/2) - 2 atan x + pi/2, psi_h = 2 ln((1+x^2)/2), x = (1-16 zeta)^1/4;
//     stable (0 <= zeta <= 1): phi_m = phi_h = 1 + 5 zeta, psi_m = psi_h = -5 zeta;
//     zeta > 1: the linear form is outside its data; phi = 6 (z-less stratification, Holtslag 1984), so
//       psi = -5 - 5 ln zeta (continuous with the value and slope at zeta = 1).
// * Wind: AERMOD's use of the diabatic log law (Cimorelli et al. 2005, J. Appl. Meteor. 44:682): the shape
//   S(z) = ln(z/z0) - psi_m(z/L) + psi_m(z0/L) anchored to the measured wind at the reference height,
//   u(z) = u_ref S(z) / S(z_ref). Limits: below 7 z0 (AERMOD's lowest height of the log law) u = u(7 z0);
//   above the surface layer u is held constant: above 0.1 h in unstable air (the well-mixed layer), above h in
//   neutral and stable air.
// * sigma_w, sigma_v: AERMOD's profiles (Cimorelli et al. 2005, eqs. 29-38 of EPA-454/R-03-004):
//     sigma_w^2 = (1.3 u*)^2 (1 - z/h)  +  [L < 0] sigma_wc^2,
//       sigma_wc^2 = 1.6 w*^2 (z/h)^2/3 (z <= 0.1 h), 0.35 w*^2 (0.1 h < z <= h), 0.35 w*^2 exp(-6 (z-h)/h) above;
//     sigma_v^2 = sigma_vm^2 + [L < 0] 0.35 w*^2,
//       sigma_vm^2 = 3.6 u*^2 + (min(3.6 u*^2, 0.25 m^2/s^2) - 3.6 u*^2) min(z/h, 1);
//   floors sigma_v >= 0.2 m/s and sigma_w >= 0.02 m/s (AERMOD's minima). Where a period gives a measured
//   sigma_v or sigma_w at a height, the profile is scaled so that it passes through the measurement.
//   Simplifications: AERMOD's residual terms above h (sigma_wmr, the lateral decay to 0.5 m/s above 1.2 h)
//   are left out: sigma_v above h keeps its value at h.
// * K_z: the Troen & Mahrt (1986) / Holtslag & Boville (1993) profile through the whole boundary layer,
//     K_z = kappa u* z (1 - z/h)^2 / phi_h(z_s / L),  z_s = min(z, 0.1 h) in unstable air, z otherwise,
//   i.e. surface-layer similarity kappa u* z / phi_h(z/L) near the ground (the (1 - z/h)^2 factor is 1 - O(z/h)
//   there) and, in the convective mixed layer, the velocity scale frozen at the top of the surface layer.
//   K_z >= kMinimumDiffusivity_m2_s everywhere (above h: residual turbulence; it also keeps a solver well
//   posed).
// * Lagrangian time scales: vertical T_Lz = K_z / sigma_w^2 (so that Taylor's long-time limit of the plume
//   spread is sqrt(2 K_z t), the same diffusion as the Eulerian model); lateral, Hanna (1982, "Applications
//   in air pollution modeling", in Nieuwstadt & van Dop, Atmospheric Turbulence and Air Pollution
//   Modelling): T_Ly = 0.15 h / sigma_v in unstable air, and his neutral form T_Ly = 0.5 z / (sigma_w (1 +
//   15 f z / u*)), f = 1e-4 1/s, for L >= 0 (his stable form 0.07 h / sigma_v (z/h)^1/2 needs the stable
//   boundary-layer height, rarely measured; docs/dispersion.md gives the Prairie Grass scores of both).
// * K_h(z, t) = sigma_v^2 T_Ly (1 - exp(-t / T_Ly)): Taylor's diffusivity after a travel time t (its
//   derivative of sigma_y^2 / 2), which tends to sigma_v^2 T_Ly for t >> T_Ly.
// * Boundary-layer height h: the period's mixing height zi when given (> 0), otherwise AERMET's mechanical
//   mixing height h = 2300 u*^3/2 (Venkatram 1980; u* in m/s, h in m) in every stability.
// * w*: the period's convective velocity when given, otherwise (-u*^3 h / (kappa L))^1/3 in unstable air
//   (from the definitions of L and w*), 0 in neutral and stable air.
// * u* and L when the period gives only a Pasquill class: 1/L from Golder's (1972) nomogram as fitted by
//   Seinfeld & Pandis (2006): 1/L = a + b log10(z0) with (a, b) = A (-0.096, 0.029),
//   B (-0.037, 0.029), C (-0.002, 0.018), D (0, 0), E (0.004, -0.018), F (0.035, -0.036) (the fit behind
//   tests/data/prairie_grass.csv's classes); u* from the diabatic log law through the period's wind,
//   u* = kappa u_ref / S(z_ref).
#include <span>
#include <vector>

#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

inline constexpr double kVonKarman = 0.4;
inline constexpr double kCoriolisParameter_1_s = 1.0e-4;   // mid-latitude f, Hanna's neutral T_Ly
inline constexpr double kMinimumDiffusivity_m2_s = 0.01;   // K_z floor
inline constexpr double kMinimumSigmaV_m_s = 0.2;          // AERMOD's sigma_v minimum
inline constexpr double kMinimumSigmaW_m_s = 0.02;         // AERMOD's sigma_w minimum
inline constexpr double kLogLawFloorRoughnessLengths = 7.0;  // u(z < 7 z0) = u(7 z0)

// Monin-Obukhov functions of zeta = z / L (Dyer 1974 / Paulson 1970; zeta > 1 held at phi = 6, above).
double phi_m(double zeta);
double phi_h(double zeta);
double psi_m(double zeta);
double psi_h(double zeta);

// Golder (1972) 1/L (1/m) for a class and roughness length (Seinfeld & Pandis' fit, above).
double golder_inverse_obukhov_length_1_m(StabilityClass stability, double roughness_length_m);

// u* (m/s) from a wind speed at a height by the diabatic log law (L = infinity for neutral: pass
// std::numeric_limits<double>::infinity() or any |L| so large that z/L = 0).
double friction_velocity_from_wind(double wind_speed_m_s, double height_m, double roughness_length_m,
                                   double obukhov_length_m);

// The resolved similarity state of one period (everything the profiles need).
struct BoundaryLayerState {
  double friction_velocity_m_s = 0.3;           // u* > 0
  double obukhov_length_m = 0.0;                // L; +-infinity = neutral (z/L = 0)
  double convective_velocity_m_s = 0.0;         // w* (0 unless L < 0)
  double boundary_layer_height_m = 1000.0;      // h > 0
  double roughness_length_m = 0.1;              // z0 > 0
  double reference_speed_m_s = 5.0;             // the measured wind ...
  double reference_height_m = 10.0;             // ... and its height
  double sigma_v_scale = 1.0;                   // measured / profile sigma_v at the measurement height
  double sigma_w_scale = 1.0;                   // the same for sigma_w

  bool unstable() const { return obukhov_length_m < 0.0; }

  // Profiles (m/s, m^2/s, s) at height z >= 0.
  double wind_speed_m_s(double z_m) const;
  double sigma_v_m_s(double z_m) const;
  double sigma_w_m_s(double z_m) const;
  double vertical_diffusivity_m2_s(double z_m) const;            // K_z
  double lagrangian_time_vertical_s(double z_m) const;           // T_Lz = K_z / sigma_w^2
  double lagrangian_time_lateral_s(double z_m) const;            // T_Ly (Hanna 1982)
  double lateral_diffusivity_m2_s(double z_m, double travel_time_s) const;  // K_h(z, t)
  // T_Ly from values already averaged over a layer (layer mean height z, sigma_v, sigma_w): the plume's
  // effective time scale.
  double lagrangian_time_lateral_s(double z_m, double sigma_v_m_s, double sigma_w_m_s) const;
};

// The state of a period: u*, L, w*, sigma_v, sigma_w as given in period.boundary_layer (NaN = not given)
// and derived otherwise (rules above), h from period.mixing_height_m or 2300 u*^3/2, z0 from
// met.surface.roughness_length_m, the wind from period.wind_speed_m_s at met.reference_height_m.
// Throws base::InputError (dotted key) for z0 <= 0, u* <= 0, a wind <= 0 or a measurement height <= 0.
BoundaryLayerState resolve_boundary_layer(const Meteorology& met, const MeteorologyPeriod& period);

// What the Eulerian solver needs for one period on a column of cell layers (D3's interface takes arrays per
// layer): wind and K_h at the layer centres, K_z at the layer faces (faces[0] = ground, faces[n] = top).
struct EulerianProfiles {
  std::vector<double> wind_speed_m_s;           // at each layer centre
  std::vector<double> lateral_diffusivity_m2_s; // K_h at each layer centre for the given travel time
  std::vector<double> vertical_diffusivity_m2_s;  // K_z at each face (size = layers + 1)
};

// Profiles on the layers with the given faces (strictly increasing, faces[0] >= 0, at least 2). travel_time_s
// sets K_h(z, t) (Taylor's diffusivity after that travel time; e.g. half the domain length over the wind).
// Throws base::InputError for bad faces or a negative travel time.
EulerianProfiles similarity_profiles_for_period(const Meteorology& met, const MeteorologyPeriod& period,
                                                std::span<const double> layer_faces_m, double travel_time_s);

}  // namespace twinlab::twins::dispersion
