#include "twins/production_line/shifts.hpp"

#include <algorithm>
#include <cmath>

namespace twinlab::twins::production_line {

WorkingTime::WorkingTime(const ShiftCalendar& calendar) : period_s_(calendar.period_s), windows_(calendar.windows) {
  for (const auto& w : windows_) working_per_period_s_ += w.end_s - w.start_s;
}

double WorkingTime::to_working(double calendar_s) const {
  if (always_working()) return calendar_s;
  const double periods = std::floor(calendar_s / period_s_);
  const double r = calendar_s - periods * period_s_;
  double w = periods * working_per_period_s_;
  for (const auto& win : windows_) w += std::clamp(r - win.start_s, 0.0, win.end_s - win.start_s);
  return w;
}

double WorkingTime::to_calendar(double working_s) const {
  if (always_working()) return working_s;
  double periods = std::floor(working_s / working_per_period_s_);
  double rest = working_s - periods * working_per_period_s_;
  if (rest <= 0.0) {
    if (periods <= 0.0) return windows_.front().start_s;
    periods -= 1.0;  // the end of the last window of the previous period
    rest = working_per_period_s_;
  }
  double done = 0.0;
  for (const auto& win : windows_) {
    const double length = win.end_s - win.start_s;
    if (rest <= done + length) return periods * period_s_ + win.start_s + (rest - done);
    done += length;
  }
  return periods * period_s_ + windows_.back().end_s;
}

}  // namespace twinlab::twins::production_line
