#include "sim/slot_calendar.hpp"

#include <stdexcept>
#include <string>

namespace twinlab::sim {

void SlotCalendar::reset(std::uint32_t slots, double start_s) {
  if (!(start_s >= 0.0)) throw std::logic_error("slot calendar: the clock must start at a time >= 0");
  if (slots == 0) throw std::logic_error("slot calendar: needs at least one slot");
  slots_ = slots;
  leaves_ = 1;
  while (leaves_ < slots) leaves_ <<= 1;
  key_.assign(2 * static_cast<std::size_t>(leaves_), 0);
  order_.resize(leaves_);
  for (std::uint32_t s = 0; s < leaves_; ++s) clear_slot(s);
  tag_.assign(leaves_, 0);
  winner_.assign(2 * static_cast<std::size_t>(leaves_), 0);
  for (std::uint32_t s = 0; s < leaves_; ++s) winner_[leaves_ + s] = s;
  for (std::uint32_t node = leaves_ - 1; node >= 1; --node) {
    winner_[node] = winner_[2 * node];
    key_[node] = key_[2 * node];
  }
  now_s_ = start_s;
  sequence_ = 0;
  taken_ = kNone;
}

void SlotCalendar::throw_past(double time_s) const {
  throw std::logic_error("slot event scheduled at t = " + std::to_string(time_s) + " s, before the clock (t = " +
                         std::to_string(now_s_) + " s), infinite or not a number");
}

void SlotCalendar::throw_empty() const { throw std::logic_error("slot calendar: take() with no pending event"); }

}  // namespace twinlab::sim
