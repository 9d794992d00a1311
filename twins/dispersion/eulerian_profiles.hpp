#pragma once
// What the Eulerian solver is told about one meteorology period: vertical profiles on its layers.
//
// The interface (the seam for any turbulence model):
//   VerticalProfiles profiles = <model>(config, period, layers);
// with LayerHeights the grid's layer centres and faces (m above ground) and VerticalProfiles three arrays:
//   wind_speed_m_s[k]  horizontal wind speed at layer centre k (k = 0 .. nz - 1), > 0
//   kz_face_m2_s[f]    vertical eddy diffusivity at layer face f (f = 0 .. nz; f = 0 is the ground and is
//                      not used, f = nz is the top, used by an open top), >= 0
//   kh_m2_s[k]         horizontal (lateral) eddy diffusivity at layer centre k, >= 0
// eulerian_transport() then turns them into the solver's coefficients (wind direction into (u, v); the
// mixing height as a lid, Kz = 0 on faces above it; decay and deposition from the pollutant), the same
// for every model. A new turbulence model is one function of this signature and one line in
// period_profiles() (e.g. TurbulenceModel::Similarity -> the Monin-Obukhov profiles).
//
// Today's models:
//  * briggs_fitted_profiles (diffusivity: stability): u(z) from the wind profile (power law or uniform),
//    K = u(z) sigma(x_ref)^2 / (2 x_ref) with the Briggs sigmas at reference_distance_m (Kh from sigma_y,
//    Kz from sigma_z; Kz on a face uses u at the face height, at least 1 m);
//  * constant_profiles (diffusivity: constant): u(z) as above, Kh and Kz as given.
#include <vector>

#include "sim/advection_diffusion.hpp"
#include "sim/structured_grid.hpp"
#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

struct LayerHeights {
  std::vector<double> centres_m;  // [nz], m above ground
  std::vector<double> faces_m;    // [nz + 1], faces_m[0] = 0 (the ground), faces_m[nz] = domain top
};

struct VerticalProfiles {
  std::vector<double> wind_speed_m_s;  // [nz] at layer centres
  std::vector<double> kz_face_m2_s;    // [nz + 1] at layer faces
  std::vector<double> kh_m2_s;         // [nz] at layer centres
};

LayerHeights layer_heights(const sim::StructuredGrid& grid);

VerticalProfiles briggs_fitted_profiles(const Config& config, const MeteorologyPeriod& period,
                                        const LayerHeights& layers);
VerticalProfiles constant_profiles(const Config& config, const MeteorologyPeriod& period, const LayerHeights& layers);
// meteorology.turbulence: similarity (with diffusivity: stability): the Monin-Obukhov profiles of
// boundary_layer_profiles.hpp, u(z) at the centres and K_z at the faces, and a lateral diffusivity tied to
// sigma_v and the travel time: the plume's own lateral spread at one travel distance D
// (lateral_travel_distance_m), i.e. Taylor's sigma_y = sigma_v t / (1 + t / (2 T_Ly))^1/2 with AERMOD's
// effective parameters averaged over the plume's layer (similarity_sigma.hpp, the plume model's sigma_y for
// the sources' mean effective height), turned into the apparent diffusivity that gives that spread there:
//   K_h = sigma_y(D)^2 / (2 t),  t = D / u_e   (u_e: the effective wind of the plume's layer), all heights.
// Why not K_h(z) = sigma_v(z)^2 T_Ly(z) locally: near the ground T_Ly ~ z / sigma_w is a second or two, the
// eddies of the local height, while a plume's lateral spread is set by the eddies of the plume's depth (the
// reason AERMOD averages over the plume layer); the local form gave half the plume's sigma_y on Prairie Grass.
// A K-theory model with K_h constant along the plume reproduces sigma_y exactly at D only: nearer the source
// Taylor's sigma_y grows like sigma_v t, faster than sqrt(2 K_h t), so there the plume is too wide (and
// farther, too narrow); docs/dispersion.md gives the consequence on Prairie Grass.
VerticalProfiles similarity_profiles(const Config& config, const MeteorologyPeriod& period,
                                     const LayerHeights& layers);
// eulerian.lateral_travel_distance_m, or the domain's longer side when it is 0, m.
double lateral_travel_distance_m(const Config& config);

// The profiles the scenario asks for (eulerian.diffusivity, meteorology.turbulence). Throws base::InputError on profiles of the wrong size or with negative/non-finite
// values (key "eulerian.profiles").
VerticalProfiles period_profiles(const Config& config, const MeteorologyPeriod& period, const LayerHeights& layers);

// Throws base::InputError (key "eulerian.profiles.<array>[k]") on a wrong size or a negative/non-finite value.
void validate_profiles(const VerticalProfiles& profiles, const LayerHeights& layers);

// The solver's coefficients from the profiles (validated first): direction, mixing-height lid, decay, deposition.
sim::TransportCoefficients eulerian_transport(const Config& config, const MeteorologyPeriod& period,
                                              const LayerHeights& layers, const VerticalProfiles& profiles);

}  // namespace twinlab::twins::dispersion
