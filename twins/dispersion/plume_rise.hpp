#pragma once
// Briggs plume rise in the form used by ISC3 (EPA-454/B-95-003b, section 1.1.4; Briggs 1969, 1971, 1975).
//   buoyancy flux  F_b = g v d^2 (Ts - Ta) / (4 Ts)      m^4/s^3  (0 when Ts <= Ta)
//   momentum flux  F_m = v^2 d^2 Ta / (4 Ts)              m^4/s^2
// Unstable/neutral (A-D): crossover dT_c = 0.0297 Ts v^1/3 / d^2/3 (F_b < 55), 0.00575 Ts v^2/3 / d^1/3
//   (F_b >= 55); buoyant if Ts - Ta >= dT_c: dh = 21.425 F_b^3/4 / u (F_b < 55), 38.71 F_b^3/5 / u, at
//   x_f = 49 F_b^5/8 or 119 F_b^2/5; otherwise momentum dh = 3 d v / u.
// Stable (E, F; dtheta/dz = 0.020, 0.035 K/m, s = g dtheta/dz / Ta): dT_c = 0.019582 Ts v sqrt(s);
//   buoyant dh = 2.6 (F_b / (u s))^1/3 at x_f = 2.0715 u / sqrt(s); momentum
//   dh = min(1.5 (F_m / (u sqrt(s)))^1/3, 3 d v / u).
// Gradual (transitional) rise before x_f: buoyant 1.6 F_b^1/3 x^2/3 / u; momentum (3 F_m x / (beta^2 u^2))^1/3
//   (unstable) or (3 F_m sin(x sqrt(s)/u) / (beta^2 u sqrt(s)))^1/3 (stable), beta = 1/3 + u/v; always capped
//   at the final rise. u is the wind speed at the top of the stack. No stack-tip downwash.
// No rise at all when the exit velocity or the diameter is 0 (both fluxes vanish).
#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

inline constexpr double kGravity_m_s2 = 9.80665;

struct StackExit {
  double diameter_m = 0.0;
  double exit_velocity_m_s = 0.0;
  double exit_temperature_K = 0.0;  // 0 = ambient
};

// Potential temperature gradient assumed for stable classes (E 0.020, F 0.035 K/m); 0 for A-D.
double stable_potential_temperature_gradient_K_m(StabilityClass stability);

// Fluxes of a stack exit in ambient air at ambient_temperature_K (exit temperature 0 = ambient).
double buoyancy_flux_m4_s3(const StackExit& exit, double ambient_temperature_K);
double momentum_flux_m4_s2(const StackExit& exit, double ambient_temperature_K);

enum class RiseRegime { None, Buoyant, Momentum };

struct PlumeRise {
  double final_rise_m = 0.0;
  double distance_to_final_rise_m = 0.0;  // 0 when regime is None
  RiseRegime regime = RiseRegime::None;
  bool stable = false;                    // E or F formulas used
  double buoyancy_flux_m4_s3 = 0.0;
  double momentum_flux_m4_s2 = 0.0;
  double stability_parameter_1_s2 = 0.0;  // s = g (dtheta/dz) / Ta, stable only
  double wind_speed_m_s = 0.0;            // wind at the stack top the rise was computed with
  double exit_velocity_m_s = 0.0;
};

// The air temperature a period's plume rises in: the period's own (MeteorologyPeriod::temperature_K, e.g.
// from a meteorology file's temperature column) where given, else Meteorology::ambient_temperature_K. Both
// models take their rise with it, so a warmer hour gives a smaller buoyancy flux and less rise.
double period_ambient_temperature_K(const Meteorology& met, const MeteorologyPeriod& period);

// Final Briggs rise. Throws base::InputError for negative/non-finite stack parameters, ambient temperature
// <= 0 or stack-top wind speed <= 0.
PlumeRise briggs_plume_rise(const StackExit& exit, double ambient_temperature_K, double stack_wind_speed_m_s,
                            StabilityClass stability);

// Rise reached at downwind distance x (m): the gradual-rise law for x < x_f, capped at the final rise;
// 0 for x <= 0.
double gradual_plume_rise_m(const PlumeRise& rise, double downwind_distance_m);

}  // namespace twinlab::twins::dispersion
