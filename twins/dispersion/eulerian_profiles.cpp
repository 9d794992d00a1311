#include "twins/dispersion/eulerian_profiles.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "base/error.hpp"
#include "twins/dispersion/boundary_layer_profiles.hpp"
#include "twins/dispersion/briggs_sigma.hpp"
#include "twins/dispersion/eulerian_model.hpp"
#include "twins/dispersion/similarity_sigma.hpp"
#include "twins/dispersion/wind_profile.hpp"

namespace twinlab::twins::dispersion {
namespace {

void check(const std::vector<double>& values, std::size_t expected, const char* name, bool positive) {
  const std::string key = std::string("eulerian.profiles.") + name;
  if (values.size() != expected) {
    throw base::InputError({"", 0, 0, key}, "needs " + std::to_string(expected) + " values (got " +
                                                std::to_string(values.size()) + ")");
  }
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double v = values[k];
    if (!std::isfinite(v) || v < 0.0 || (positive && v == 0.0)) {
      throw base::InputError({"", 0, 0, key + "[" + std::to_string(k) + "]"},
                             std::string("must be finite and ") + (positive ? "> 0" : ">= 0") + " (got " +
                                 std::to_string(v) + ")");
    }
  }
}

std::vector<double> wind_at(const Config& config, const MeteorologyPeriod& period, const LayerHeights& layers) {
  const WindProfile profile = wind_profile_for(config.meteorology, period);
  std::vector<double> u(layers.centres_m.size());
  for (std::size_t k = 0; k < u.size(); ++k) u[k] = profile.speed_at(layers.centres_m[k]);
  return u;
}

}  // namespace

LayerHeights layer_heights(const sim::StructuredGrid& grid) {
  LayerHeights h;
  h.centres_m = grid.z_centres_m();
  h.faces_m.resize(static_cast<std::size_t>(grid.nz()) + 1);
  // On a uniform grid the faces are z_min + f dz (the arithmetic the solver's mapping always used).
  for (int f = 0; f <= grid.nz(); ++f)
    h.faces_m[static_cast<std::size_t>(f)] = grid.uniform_z() ? grid.z_min_m() + f * grid.dz_m() : grid.z_face_m(f);
  return h;
}

VerticalProfiles briggs_fitted_profiles(const Config& config, const MeteorologyPeriod& period,
                                        const LayerHeights& layers) {
  const auto& met = config.meteorology;
  const double x_ref = config.eulerian.reference_distance_m;
  const double sy = briggs_sigma_y_m(period.stability, met.terrain, x_ref);
  const double sz = briggs_sigma_z_m(period.stability, met.terrain, x_ref);
  const double sigma_y2_over_2x = sy * sy / (2.0 * x_ref), sigma_z2_over_2x = sz * sz / (2.0 * x_ref);  // m
  const WindProfile profile = wind_profile_for(met, period);
  VerticalProfiles p;
  p.wind_speed_m_s = wind_at(config, period, layers);
  p.kh_m2_s.resize(p.wind_speed_m_s.size());
  for (std::size_t k = 0; k < p.kh_m2_s.size(); ++k) p.kh_m2_s[k] = p.wind_speed_m_s[k] * sigma_y2_over_2x;
  p.kz_face_m2_s.resize(layers.faces_m.size());
  for (std::size_t f = 0; f < layers.faces_m.size(); ++f)
    p.kz_face_m2_s[f] = profile.speed_at(std::max(layers.faces_m[f], 1.0)) * sigma_z2_over_2x;
  return p;
}

VerticalProfiles constant_profiles(const Config& config, const MeteorologyPeriod& period, const LayerHeights& layers) {
  VerticalProfiles p;
  p.wind_speed_m_s = wind_at(config, period, layers);
  p.kh_m2_s.assign(layers.centres_m.size(), config.eulerian.kh_m2_s);
  p.kz_face_m2_s.assign(layers.faces_m.size(), config.eulerian.kz_m2_s);
  return p;
}

double lateral_travel_distance_m(const Config& config) {
  if (config.eulerian.lateral_travel_distance_m > 0.0) return config.eulerian.lateral_travel_distance_m;
  return std::max(config.domain.x_max_m - config.domain.x_min_m, config.domain.y_max_m - config.domain.y_min_m);
}

double lateral_release_height_m(const Config& config, const MeteorologyPeriod& period) {
  if (config.sources.empty()) return 0.0;
  double sum = 0.0;
  for (const Source& s : config.sources) sum += effective_source_height_m(config, s, period);
  return sum / static_cast<double>(config.sources.size());
}

VerticalProfiles similarity_profiles(const Config& config, const MeteorologyPeriod& period,
                                     const LayerHeights& layers) {
  // K_h: the plume's own lateral spread (Taylor with AERMOD's effective parameters, similarity_sigma.hpp) at
  // the travel distance D, as an apparent diffusivity sigma_y^2 / (2 t), t = D / u_e (see the header).
  const double distance_m = lateral_travel_distance_m(config);
  const BoundaryLayerState state = resolve_boundary_layer(config.meteorology, period);
  const SimilaritySigma sigma = similarity_sigma(state, lateral_release_height_m(config, period), distance_m);
  const double travel_time_s = distance_m / sigma.effective.wind_speed_m_s;
  const double kh = sigma.sigma_y_m * sigma.sigma_y_m / (2.0 * travel_time_s);
  const EulerianProfiles e = similarity_profiles_for_period(config.meteorology, period, layers.faces_m, travel_time_s);
  return {e.wind_speed_m_s, e.vertical_diffusivity_m2_s, std::vector<double>(layers.centres_m.size(), kh)};
}

VerticalProfiles period_profiles(const Config& config, const MeteorologyPeriod& period, const LayerHeights& layers) {
  // The seam for turbulence models (see the header). Constant K stays constant whatever the turbulence model.
  VerticalProfiles p;
  if (config.eulerian.diffusivity == DiffusivityMode::Constant) {
    p = constant_profiles(config, period, layers);
  } else if (config.meteorology.turbulence == TurbulenceModel::Similarity) {
    p = similarity_profiles(config, period, layers);
  } else {
    p = briggs_fitted_profiles(config, period, layers);
  }
  validate_profiles(p, layers);
  return p;
}

void validate_profiles(const VerticalProfiles& p, const LayerHeights& layers) {
  const std::size_t nz = layers.centres_m.size();
  check(p.wind_speed_m_s, nz, "wind_speed_m_s", false);
  check(p.kh_m2_s, nz, "kh_m2_s", false);
  check(p.kz_face_m2_s, nz + 1, "kz_face_m2_s", false);
}

sim::TransportCoefficients eulerian_transport(const Config& config, const MeteorologyPeriod& period,
                                              const LayerHeights& layers, const VerticalProfiles& profiles) {
  validate_profiles(profiles, layers);
  const double towards_rad = period.wind_direction_deg * std::numbers::pi / 180.0;
  const double east = -std::sin(towards_rad), north = -std::cos(towards_rad);  // unit vector the wind blows to
  const std::size_t nz = layers.centres_m.size();
  sim::TransportCoefficients k;
  k.u_m_s.resize(nz);
  k.v_m_s.resize(nz);
  k.kh_m2_s = profiles.kh_m2_s;
  for (std::size_t level = 0; level < nz; ++level) {
    k.u_m_s[level] = profiles.wind_speed_m_s[level] * east;
    k.v_m_s[level] = profiles.wind_speed_m_s[level] * north;
  }
  k.kz_face_m2_s = profiles.kz_face_m2_s;
  for (std::size_t f = 0; f < layers.faces_m.size(); ++f) {
    const bool above_lid = period.mixing_height_m > 0.0 && layers.faces_m[f] > period.mixing_height_m;
    if (above_lid) k.kz_face_m2_s[f] = 0.0;
  }
  k.decay_rate_1_s = config.pollutant.decay_rate_1_s;
  k.deposition_velocity_m_s = config.pollutant.deposition_velocity_m_s;
  return k;
}

}  // namespace twinlab::twins::dispersion
