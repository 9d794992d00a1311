#pragma once
// Calendar time <-> working (planned production) time. The line is frozen outside the working windows,
// so the engine runs in working time and only reports are mapped back to the calendar.
#include <vector>

#include "twins/production_line/config.hpp"

namespace twinlab::twins::production_line {

class WorkingTime {
 public:
  WorkingTime() = default;  // always working
  explicit WorkingTime(const ShiftCalendar& calendar);  // calendar must be valid (validate_line)

  bool always_working() const { return windows_.empty(); }
  // Working seconds in [0, calendar_s].
  double to_working(double calendar_s) const;
  // The calendar instant of working instant working_s (at a shift boundary: the end of the earlier shift;
  // working instant 0: the start of the first window).
  double to_calendar(double working_s) const;
  // Non-working seconds in [calendar_a_s, calendar_b_s].
  double off_time(double calendar_a_s, double calendar_b_s) const {
    return (calendar_b_s - calendar_a_s) - (to_working(calendar_b_s) - to_working(calendar_a_s));
  }

 private:
  double period_s_ = 0.0;
  double working_per_period_s_ = 0.0;
  std::vector<ShiftWindow> windows_;
};

}  // namespace twinlab::twins::production_line
