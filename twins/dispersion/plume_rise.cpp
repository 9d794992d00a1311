#include "twins/dispersion/plume_rise.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "base/error.hpp"

namespace twinlab::twins::dispersion {

namespace {

void require(bool ok, const char* key, const char* rule, double value) {
  if (!ok) {
    throw base::InputError({"", 0, 0, key}, std::string(rule) + " (got " + std::to_string(value) + ")");
  }
}

void validate(const StackExit& exit, double ambient_temperature_K) {
  require(std::isfinite(exit.diameter_m) && exit.diameter_m >= 0.0, "diameter_m", "must be finite and >= 0",
          exit.diameter_m);
  require(std::isfinite(exit.exit_velocity_m_s) && exit.exit_velocity_m_s >= 0.0, "exit_velocity_m_s",
          "must be finite and >= 0", exit.exit_velocity_m_s);
  require(std::isfinite(exit.exit_temperature_K) && exit.exit_temperature_K >= 0.0, "exit_temperature_K",
          "must be finite and >= 0 (0 = ambient)", exit.exit_temperature_K);
  require(std::isfinite(ambient_temperature_K) && ambient_temperature_K > 0.0, "ambient_temperature_K",
          "must be finite and > 0", ambient_temperature_K);
}

double exit_temperature(const StackExit& exit, double ambient_temperature_K) {
  return exit.exit_temperature_K > 0.0 ? exit.exit_temperature_K : ambient_temperature_K;
}

}  // namespace

double period_ambient_temperature_K(const Meteorology& met, const MeteorologyPeriod& period) {
  return std::isfinite(period.temperature_K) ? period.temperature_K : met.ambient_temperature_K;
}

double stable_potential_temperature_gradient_K_m(StabilityClass stability) {
  switch (stability) {
    case StabilityClass::E: return 0.020;
    case StabilityClass::F: return 0.035;
    default: return 0.0;
  }
}

double buoyancy_flux_m4_s3(const StackExit& exit, double ambient_temperature_K) {
  validate(exit, ambient_temperature_K);
  const double ts = exit_temperature(exit, ambient_temperature_K);
  const double dt = ts - ambient_temperature_K;
  if (dt <= 0.0) return 0.0;  // a cold or ambient plume has no (upward) buoyancy
  return kGravity_m_s2 * exit.exit_velocity_m_s * exit.diameter_m * exit.diameter_m * dt / (4.0 * ts);
}

double momentum_flux_m4_s2(const StackExit& exit, double ambient_temperature_K) {
  validate(exit, ambient_temperature_K);
  const double ts = exit_temperature(exit, ambient_temperature_K);
  const double v = exit.exit_velocity_m_s, d = exit.diameter_m;
  return v * v * d * d * ambient_temperature_K / (4.0 * ts);
}

PlumeRise briggs_plume_rise(const StackExit& exit, double ambient_temperature_K, double stack_wind_speed_m_s,
                            StabilityClass stability) {
  validate(exit, ambient_temperature_K);
  require(std::isfinite(stack_wind_speed_m_s) && stack_wind_speed_m_s > 0.0, "wind_speed_m_s",
          "must be finite and > 0", stack_wind_speed_m_s);
  PlumeRise r;
  r.buoyancy_flux_m4_s3 = buoyancy_flux_m4_s3(exit, ambient_temperature_K);
  r.momentum_flux_m4_s2 = momentum_flux_m4_s2(exit, ambient_temperature_K);
  r.wind_speed_m_s = stack_wind_speed_m_s;
  r.exit_velocity_m_s = exit.exit_velocity_m_s;
  if (r.momentum_flux_m4_s2 <= 0.0) return r;  // v = 0 or d = 0: nothing leaves the stack with any flux

  const double u = stack_wind_speed_m_s;
  const double v = exit.exit_velocity_m_s, d = exit.diameter_m;
  const double ts = exit_temperature(exit, ambient_temperature_K);
  const double dt = ts - ambient_temperature_K;
  const double fb = r.buoyancy_flux_m4_s3, fm = r.momentum_flux_m4_s2;
  const double momentum_neutral_m = 3.0 * d * v / u;

  const double dtheta_dz = stable_potential_temperature_gradient_K_m(stability);
  r.stable = dtheta_dz > 0.0;
  if (!r.stable) {
    const double dt_crossover = fb < 55.0 ? 0.0297 * ts * std::cbrt(v) / std::cbrt(d * d)
                                          : 0.00575 * ts * std::cbrt(v * v) / std::cbrt(d);
    if (fb > 0.0 && dt >= dt_crossover) {
      r.regime = RiseRegime::Buoyant;
      if (fb < 55.0) {
        r.final_rise_m = 21.425 * std::pow(fb, 0.75) / u;
        r.distance_to_final_rise_m = 49.0 * std::pow(fb, 0.625);
      } else {
        r.final_rise_m = 38.71 * std::pow(fb, 0.6) / u;
        r.distance_to_final_rise_m = 119.0 * std::pow(fb, 0.4);
      }
    } else {
      r.regime = RiseRegime::Momentum;
      r.final_rise_m = momentum_neutral_m;
      r.distance_to_final_rise_m = 4.0 * d * (v + 3.0 * u) * (v + 3.0 * u) / (v * u);
    }
    return r;
  }

  const double s = kGravity_m_s2 * dtheta_dz / ambient_temperature_K;
  r.stability_parameter_1_s2 = s;
  const double dt_crossover = 0.019582 * ts * v * std::sqrt(s);
  if (fb > 0.0 && dt >= dt_crossover) {
    r.regime = RiseRegime::Buoyant;
    r.final_rise_m = 2.6 * std::cbrt(fb / (u * s));
    r.distance_to_final_rise_m = 2.0715 * u / std::sqrt(s);
  } else {
    r.regime = RiseRegime::Momentum;
    r.final_rise_m = std::min(1.5 * std::cbrt(fm / (u * std::sqrt(s))), momentum_neutral_m);
    r.distance_to_final_rise_m = 0.5 * std::numbers::pi * u / std::sqrt(s);
  }
  return r;
}

double gradual_plume_rise_m(const PlumeRise& rise, double downwind_distance_m) {
  const double x = downwind_distance_m;
  if (rise.regime == RiseRegime::None || !(x > 0.0)) return 0.0;
  if (x >= rise.distance_to_final_rise_m) return rise.final_rise_m;
  const double u = rise.wind_speed_m_s;
  double dh = 0.0;
  if (rise.regime == RiseRegime::Buoyant) {
    dh = 1.6 * std::cbrt(rise.buoyancy_flux_m4_s3) * std::cbrt(x * x) / u;
  } else {
    const double beta = 1.0 / 3.0 + u / rise.exit_velocity_m_s;  // jet entrainment coefficient
    if (!rise.stable) {
      dh = std::cbrt(3.0 * rise.momentum_flux_m4_s2 * x / (beta * beta * u * u));
    } else {
      const double root_s = std::sqrt(rise.stability_parameter_1_s2);
      dh = std::cbrt(3.0 * rise.momentum_flux_m4_s2 * std::sin(x * root_s / u) / (beta * beta * u * root_s));
    }
  }
  return std::min(dh, rise.final_rise_m);
}

}  // namespace twinlab::twins::dispersion
