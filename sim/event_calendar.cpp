#include "sim/event_calendar.hpp"

#include <stdexcept>
#include <string>

namespace twinlab::sim {

void EventCalendar::clear(double start_s) {
  if (!(start_s >= 0.0)) throw std::logic_error("event calendar: the clock must start at a time >= 0");
  heap_.clear();
  hole_ = false;
  sequence_ = 0;
  now_s_ = start_s;
}

void EventCalendar::throw_past(double time_s) const {
  throw std::logic_error("event scheduled at t = " + std::to_string(time_s) +
                         " s, before the clock (t = " + std::to_string(now_s_) + " s) or not a number");
}

}  // namespace twinlab::sim
