#pragma once
// Power-law wind profile u(z) = u_ref (z / z_ref)^p with the EPA (ISC3) exponents per Pasquill class:
//   rural  A-F: 0.07 0.07 0.10 0.15 0.35 0.55
//   urban  A-F: 0.15 0.15 0.20 0.25 0.30 0.30
// The law is not extrapolated below a floor height (default 1 m, of the order of the roughness sub-layer
// over grass/crops): u(z) = u(max(z, floor)), so u stays positive as z -> 0.
// A uniform profile (Meteorology::wind_profile = Uniform) is the same structure with exponent 0.
#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

inline constexpr double kDefaultWindFloorHeight_m = 1.0;

// The power-law exponent p (dimensionless) for a class and terrain.
double wind_profile_exponent(StabilityClass stability, Terrain terrain);

struct WindProfile {
  double reference_speed_m_s = 5.0;
  double reference_height_m = 10.0;
  double exponent = 0.15;
  double floor_height_m = kDefaultWindFloorHeight_m;

  // u(z) in m/s; heights below min(floor_height_m, reference_height_m) use that floor.
  double speed_at(double height_m) const;
};

// Profile for the given reference wind, class and terrain. Throws base::InputError unless
// reference_speed_m_s > 0, reference_height_m > 0 and floor_height_m > 0 (all finite).
WindProfile make_wind_profile(double reference_speed_m_s, double reference_height_m, StabilityClass stability,
                              Terrain terrain, double floor_height_m = kDefaultWindFloorHeight_m);

// The profile both models use in a period: the power law above, or (WindProfileKind::Uniform) exponent 0,
// the period's wind_speed_m_s at every height.
WindProfile wind_profile_for(const Meteorology& met, const MeteorologyPeriod& period);

}  // namespace twinlab::twins::dispersion
