#include "twins/dispersion/boundary_layer_profiles.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "base/error.hpp"

namespace twinlab::twins::dispersion {

namespace {

constexpr double kStableLinearLimit = 1.0;    // zeta above which phi is held at 1 + 5 = 6
constexpr double kStableSlope = 5.0;          // Dyer's beta
constexpr double kUnstableGamma = 16.0;       // Dyer's gamma
constexpr double kSurfaceLayerFraction = 0.1;  // surface layer = lowest 0.1 h

void require_positive(double value, const std::string& key) {
  if (!std::isfinite(value) || value <= 0.0) {
    throw base::InputError({"", 0, 0, key}, "must be finite and > 0 (got " + std::to_string(value) + ")");
  }
}

bool given(double v) { return std::isfinite(v); }

double zeta_of(double z_m, double obukhov_length_m) {
  if (!std::isfinite(obukhov_length_m)) return 0.0;  // +-infinity: neutral
  return z_m / obukhov_length_m;
}

// The diabatic log-law shape S(z) = ln(z/z0) - psi_m(z/L) + psi_m(z0/L).
double log_law_shape(double z_m, double z0_m, double obukhov_length_m) {
  return std::log(z_m / z0_m) - psi_m(zeta_of(z_m, obukhov_length_m)) + psi_m(zeta_of(z0_m, obukhov_length_m));
}

}  // namespace

double phi_m(double zeta) {
  if (zeta < 0.0) return std::pow(1.0 - kUnstableGamma * zeta, -0.25);
  return 1.0 + kStableSlope * std::min(zeta, kStableLinearLimit);
}

double phi_h(double zeta) {
  if (zeta < 0.0) return std::pow(1.0 - kUnstableGamma * zeta, -0.5);
  return 1.0 + kStableSlope * std::min(zeta, kStableLinearLimit);
}

double psi_m(double zeta) {
  if (zeta < 0.0) {
    const double x = std::pow(1.0 - kUnstableGamma * zeta, 0.25);
    return 2.0 * std::log((1.0 + x) / 2.0) + std::log((1.0 + x * x) / 2.0) - 2.0 * std::atan(x) +
           std::numbers::pi / 2.0;
  }
  if (zeta <= kStableLinearLimit) return -kStableSlope * zeta;
  return -kStableSlope * (1.0 + std::log(zeta));  // phi = 6 beyond zeta = 1
}

double psi_h(double zeta) {
  if (zeta < 0.0) {
    const double x2 = std::sqrt(1.0 - kUnstableGamma * zeta);
    return 2.0 * std::log((1.0 + x2) / 2.0);
  }
  return psi_m(zeta);  // identical stable forms
}

double golder_inverse_obukhov_length_1_m(StabilityClass stability, double roughness_length_m) {
  require_positive(roughness_length_m, "meteorology.surface.roughness_length_m");
  static constexpr std::array<std::array<double, 2>, 6> kCoefficients{{
      {-0.096, 0.029}, {-0.037, 0.029}, {-0.002, 0.018}, {0.0, 0.0}, {0.004, -0.018}, {0.035, -0.036}}};
  const auto& c = kCoefficients.at(static_cast<std::size_t>(stability));
  return c[0] + c[1] * std::log10(roughness_length_m);
}

double friction_velocity_from_wind(double wind_speed_m_s, double height_m, double roughness_length_m,
                                   double obukhov_length_m) {
  require_positive(wind_speed_m_s, "wind_speed_m_s");
  require_positive(height_m, "meteorology.reference_height_m");
  require_positive(roughness_length_m, "meteorology.surface.roughness_length_m");
  const double z = std::max(height_m, kLogLawFloorRoughnessLengths * roughness_length_m);
  const double shape = log_law_shape(z, roughness_length_m, obukhov_length_m);
  return kVonKarman * wind_speed_m_s / shape;
}

double BoundaryLayerState::wind_speed_m_s(double z_m) const {
  const double top = unstable() ? kSurfaceLayerFraction * boundary_layer_height_m : boundary_layer_height_m;
  const double floor = kLogLawFloorRoughnessLengths * roughness_length_m;
  auto clamp = [&](double z) { return std::max(std::min(z, std::max(top, floor)), floor); };
  return reference_speed_m_s * log_law_shape(clamp(z_m), roughness_length_m, obukhov_length_m) /
         log_law_shape(clamp(reference_height_m), roughness_length_m, obukhov_length_m);
}

double BoundaryLayerState::sigma_w_m_s(double z_m) const {
  const double h = boundary_layer_height_m, us = friction_velocity_m_s;
  const double ratio = std::max(z_m, 0.0) / h;
  double variance = 1.69 * us * us * std::max(1.0 - ratio, 0.0);  // (1.3 u*)^2 (1 - z/h)
  if (unstable()) {
    const double ws2 = convective_velocity_m_s * convective_velocity_m_s;
    if (ratio <= kSurfaceLayerFraction) variance += 1.6 * ws2 * std::cbrt(ratio * ratio);
    else if (ratio <= 1.0) variance += 0.35 * ws2;
    else variance += 0.35 * ws2 * std::exp(-6.0 * (ratio - 1.0));
  }
  return std::max(sigma_w_scale * std::sqrt(variance), kMinimumSigmaW_m_s);
}

double BoundaryLayerState::sigma_v_m_s(double z_m) const {
  const double h = boundary_layer_height_m, us = friction_velocity_m_s;
  const double surface = 3.6 * us * us;
  const double top = std::min(surface, 0.25);
  double variance = surface + (top - surface) * std::clamp(z_m / h, 0.0, 1.0);
  if (unstable()) variance += 0.35 * convective_velocity_m_s * convective_velocity_m_s;
  return std::max(sigma_v_scale * std::sqrt(variance), kMinimumSigmaV_m_s);
}

double BoundaryLayerState::vertical_diffusivity_m2_s(double z_m) const {
  const double h = boundary_layer_height_m;
  const double z = std::max(z_m, 0.0);
  if (z >= h) return kMinimumDiffusivity_m2_s;
  const double zs = unstable() ? std::min(z, kSurfaceLayerFraction * h) : z;
  const double depth = 1.0 - z / h;
  const double k = kVonKarman * friction_velocity_m_s * z * depth * depth / phi_h(zeta_of(zs, obukhov_length_m));
  return std::max(k, kMinimumDiffusivity_m2_s);
}

double BoundaryLayerState::lagrangian_time_vertical_s(double z_m) const {
  const double sw = sigma_w_m_s(z_m);
  return vertical_diffusivity_m2_s(z_m) / (sw * sw);
}

double BoundaryLayerState::lagrangian_time_lateral_s(double z_m, double sigma_v, double sigma_w) const {
  if (unstable()) return 0.15 * boundary_layer_height_m / sigma_v;
  const double z = std::max(z_m, kLogLawFloorRoughnessLengths * roughness_length_m);
  return 0.5 * z / (sigma_w * (1.0 + 15.0 * kCoriolisParameter_1_s * z / friction_velocity_m_s));
}

double BoundaryLayerState::lagrangian_time_lateral_s(double z_m) const {
  return lagrangian_time_lateral_s(z_m, sigma_v_m_s(z_m), sigma_w_m_s(z_m));
}

double BoundaryLayerState::lateral_diffusivity_m2_s(double z_m, double travel_time_s) const {
  const double sv = sigma_v_m_s(z_m);
  const double tl = lagrangian_time_lateral_s(z_m);
  return sv * sv * tl * -std::expm1(-std::max(travel_time_s, 0.0) / tl);
}

BoundaryLayerState resolve_boundary_layer(const Meteorology& met, const MeteorologyPeriod& period) {
  const BoundaryLayer& given_bl = period.boundary_layer;
  BoundaryLayerState s;
  s.roughness_length_m = met.surface.roughness_length_m;
  require_positive(s.roughness_length_m, "meteorology.surface.roughness_length_m");
  s.reference_height_m = met.reference_height_m;
  require_positive(s.reference_height_m, "meteorology.reference_height_m");
  s.reference_speed_m_s = period.wind_speed_m_s;
  require_positive(s.reference_speed_m_s, "meteorology.periods.wind_speed_m_s");

  if (given(given_bl.obukhov_length_m)) {
    s.obukhov_length_m = given_bl.obukhov_length_m;
    if (s.obukhov_length_m == 0.0) {
      throw base::InputError({"", 0, 0, "meteorology.periods.obukhov_length_m"},
                             "must not be 0 (got 0); give a large |L| for neutral air");
    }
  } else {
    const double inverse = golder_inverse_obukhov_length_1_m(period.stability, s.roughness_length_m);
    s.obukhov_length_m = inverse == 0.0 ? std::numeric_limits<double>::infinity() : 1.0 / inverse;
  }
  if (given(given_bl.friction_velocity_m_s)) {
    s.friction_velocity_m_s = given_bl.friction_velocity_m_s;
    require_positive(s.friction_velocity_m_s, "meteorology.periods.friction_velocity_m_s");
  } else {
    s.friction_velocity_m_s = friction_velocity_from_wind(s.reference_speed_m_s, s.reference_height_m,
                                                          s.roughness_length_m, s.obukhov_length_m);
  }
  s.boundary_layer_height_m = period.mixing_height_m > 0.0
                                  ? period.mixing_height_m
                                  : 2300.0 * std::pow(s.friction_velocity_m_s, 1.5);
  if (s.unstable()) {
    s.convective_velocity_m_s =
        given(given_bl.convective_velocity_m_s)
            ? given_bl.convective_velocity_m_s
            : std::cbrt(-std::pow(s.friction_velocity_m_s, 3) * s.boundary_layer_height_m /
                        (kVonKarman * s.obukhov_length_m));
  }
  if (given(given_bl.sigma_v_m_s) || given(given_bl.sigma_w_m_s)) {
    require_positive(given_bl.measurement_height_m, "meteorology.periods.measurement_height_m");
    const double zm = given_bl.measurement_height_m;
    if (given(given_bl.sigma_v_m_s)) {
      require_positive(given_bl.sigma_v_m_s, "meteorology.periods.sigma_v_m_s");
      s.sigma_v_scale = given_bl.sigma_v_m_s / s.sigma_v_m_s(zm);
    }
    if (given(given_bl.sigma_w_m_s)) {
      require_positive(given_bl.sigma_w_m_s, "meteorology.periods.sigma_w_m_s");
      s.sigma_w_scale = given_bl.sigma_w_m_s / s.sigma_w_m_s(zm);
    }
  }
  return s;
}

EulerianProfiles similarity_profiles_for_period(const Meteorology& met, const MeteorologyPeriod& period,
                                                std::span<const double> layer_faces_m, double travel_time_s) {
  if (layer_faces_m.size() < 2) {
    throw base::InputError({"", 0, 0, "eulerian.layer_faces_m"},
                           "needs at least 2 faces (got " + std::to_string(layer_faces_m.size()) + ")");
  }
  for (std::size_t k = 0; k < layer_faces_m.size(); ++k) {
    const double f = layer_faces_m[k];
    if (!std::isfinite(f) || f < 0.0 || (k > 0 && f <= layer_faces_m[k - 1])) {
      throw base::InputError({"", 0, 0, "eulerian.layer_faces_m[" + std::to_string(k) + "]"},
                             "must be finite, >= 0 and increase strictly (got " + std::to_string(f) + ")");
    }
  }
  if (!std::isfinite(travel_time_s) || travel_time_s < 0.0) {
    throw base::InputError({"", 0, 0, "travel_time_s"},
                           "must be finite and >= 0 (got " + std::to_string(travel_time_s) + ")");
  }
  const BoundaryLayerState s = resolve_boundary_layer(met, period);
  const std::size_t n = layer_faces_m.size() - 1;
  EulerianProfiles p;
  p.wind_speed_m_s.resize(n);
  p.lateral_diffusivity_m2_s.resize(n);
  p.vertical_diffusivity_m2_s.resize(n + 1);
  for (std::size_t k = 0; k < n; ++k) {
    const double zc = 0.5 * (layer_faces_m[k] + layer_faces_m[k + 1]);
    p.wind_speed_m_s[k] = s.wind_speed_m_s(zc);
    p.lateral_diffusivity_m2_s[k] = s.lateral_diffusivity_m2_s(zc, travel_time_s);
  }
  for (std::size_t k = 0; k <= n; ++k) p.vertical_diffusivity_m2_s[k] = s.vertical_diffusivity_m2_s(layer_faces_m[k]);
  return p;
}

}  // namespace twinlab::twins::dispersion
