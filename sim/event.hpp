#pragma once
// A discrete event as the calendars hand it out (sim/slot_calendar).
//
// Calendars order events by (time, priority, insertion sequence): two events at the same time run in
// priority order (lower first), and two with the same time and priority in the order they were scheduled.
// The order is therefore fully deterministic and independent of the data structure's internal layout.
// Events are plain 24-byte records: no allocation per event, no type erasure, no virtual call; the owner
// dispatches on `priority()` (one priority per kind of event) and `target`.
#include <cstdint>

namespace twinlab::sim {

struct Event {
  double time_s = 0.0;
  std::uint64_t order = 0;   // priority in the top 8 bits, insertion sequence in the low 56 bits
  std::uint32_t target = 0;  // what the event is about (an index chosen by the owner)
  std::uint32_t tag = 0;     // free for the owner, e.g. a version number for lazy cancellation

  std::uint8_t priority() const { return static_cast<std::uint8_t>(order >> 56); }
  std::uint64_t sequence() const { return order & ((std::uint64_t{1} << 56) - 1); }
};

}  // namespace twinlab::sim
