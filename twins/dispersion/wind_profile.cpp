#include "twins/dispersion/wind_profile.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "base/error.hpp"

namespace twinlab::twins::dispersion {

namespace {

void require_positive(double value, const char* key) {
  if (!std::isfinite(value) || value <= 0.0) {
    throw base::InputError({"", 0, 0, key}, "must be finite and > 0 (got " + std::to_string(value) + ")");
  }
}

}  // namespace

double wind_profile_exponent(StabilityClass stability, Terrain terrain) {
  static constexpr std::array<double, 6> rural{0.07, 0.07, 0.10, 0.15, 0.35, 0.55};
  static constexpr std::array<double, 6> urban{0.15, 0.15, 0.20, 0.25, 0.30, 0.30};
  const auto index = static_cast<std::size_t>(stability);
  return terrain == Terrain::Rural ? rural.at(index) : urban.at(index);
}

double WindProfile::speed_at(double height_m) const {
  // The floor never exceeds the anemometer height, so that u(reference_height_m) == reference_speed_m_s.
  const double z = std::max(height_m, std::min(floor_height_m, reference_height_m));
  return reference_speed_m_s * std::pow(z / reference_height_m, exponent);
}

WindProfile make_wind_profile(double reference_speed_m_s, double reference_height_m, StabilityClass stability,
                              Terrain terrain, double floor_height_m) {
  require_positive(reference_speed_m_s, "wind_speed_m_s");
  require_positive(reference_height_m, "reference_height_m");
  require_positive(floor_height_m, "floor_height_m");
  return {reference_speed_m_s, reference_height_m, wind_profile_exponent(stability, terrain), floor_height_m};
}

WindProfile wind_profile_for(const Meteorology& met, const MeteorologyPeriod& period) {
  WindProfile p = make_wind_profile(period.wind_speed_m_s, met.reference_height_m, period.stability, met.terrain);
  if (met.wind_profile == WindProfileKind::Uniform) p.exponent = 0.0;
  return p;
}

}  // namespace twinlab::twins::dispersion
