#include "twins/dispersion/config.hpp"

#include <stdexcept>

namespace twinlab::twins::dispersion {

double emission_rate_at(const Source& source, double t_s) {
  if (source.schedule.empty()) return source.emission_rate_kg_s;
  double rate = source.schedule.front().rate_kg_s;
  for (const auto& p : source.schedule) {
    if (p.time_s <= t_s) rate = p.rate_kg_s;
    else break;
  }
  return rate;
}

const MeteorologyPeriod& period_at(const Meteorology& met, double t_s) {
  if (met.periods.empty()) throw std::logic_error("meteorology has no period");
  const MeteorologyPeriod* current = &met.periods.front();
  for (const auto& p : met.periods) {
    if (p.start_s <= t_s) current = &p;
    else break;
  }
  return *current;
}

MeteorologyPeriod routine_period(double start_s, double wind_speed_m_s, double wind_direction_deg,
                                 StabilityClass stability, double mixing_height_m) {
  MeteorologyPeriod period;
  period.start_s = start_s;
  period.wind_speed_m_s = wind_speed_m_s;
  period.wind_direction_deg = wind_direction_deg;
  period.stability = stability;
  period.mixing_height_m = mixing_height_m;
  return period;
}

}  // namespace twinlab::twins::dispersion
