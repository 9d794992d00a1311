#pragma once
// Events, their ordering, and the general event calendar (simulation clock included).
//
// Calendars order events by (time, priority, insertion sequence): two events at the same time run in
// priority order (lower first), and two with the same time and priority in the order they were scheduled.
// The order is therefore fully deterministic and independent of the data structure's internal layout.
// Events are plain 24-byte records: no allocation per event, no type erasure, no virtual call; the owner
// dispatches on `priority()` (one priority per kind of event) and `target`.
//
// EventCalendar (here) is a binary min-heap for any number of pending events. Cancel lazily by storing a
// version number in `tag` and ignoring stale events. `take()` leaves a hole at the root that the next
// `schedule()` fills with a single sift-down, so "handle one event, schedule its successor" costs one
// sift instead of two. SlotCalendar (slot_calendar.hpp) is the faster choice when every entity has at
// most one pending event.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace twinlab::sim {

struct Event {
  double time_s = 0.0;
  std::uint64_t order = 0;   // priority in the top 8 bits, insertion sequence in the low 56 bits
  std::uint32_t target = 0;  // what the event is about (an index chosen by the owner)
  std::uint32_t tag = 0;     // free for the owner, e.g. a version number for lazy cancellation

  std::uint8_t priority() const { return static_cast<std::uint8_t>(order >> 56); }
  std::uint64_t sequence() const { return order & ((std::uint64_t{1} << 56) - 1); }
};

// True when a runs before b. Times are >= 0 (the clock starts at >= 0 and never goes back), and the bit
// patterns of non-negative doubles order like the numbers, so the comparison is done on integers: no
// NaN/parity branches, and the compiler can select the smaller child of a heap node without a jump.
inline bool runs_before(const Event& a, const Event& b) {
  const auto ta = std::bit_cast<std::uint64_t>(a.time_s), tb = std::bit_cast<std::uint64_t>(b.time_s);
  return (ta < tb) | ((ta == tb) & (a.order < b.order));
}

class EventCalendar {
 public:
  EventCalendar() { heap_.reserve(64); }

  // Empties the calendar and sets the clock back to start_s >= 0 (sequence numbers restart at 0).
  void clear(double start_s = 0.0);
  void reserve(std::size_t events) { heap_.reserve(events); }

  double now_s() const { return now_s_; }
  std::size_t size() const { return heap_.size() - (hole_ ? 1 : 0); }
  bool empty() const { return size() == 0; }
  std::uint64_t scheduled_count() const { return sequence_; }

  // Schedules an event at absolute time time_s >= now_s(). Throws std::logic_error for a time in the
  // past or not a number (a model bug, never an input error).
  void schedule(double time_s, std::uint8_t priority, std::uint32_t target, std::uint32_t tag = 0) {
    if (!(time_s >= now_s_)) throw_past(time_s);
    // + 0.0 turns -0.0 into +0.0 for the integer comparison.
    Event e{time_s + 0.0, (std::uint64_t{priority} << 56) | sequence_++, target, tag};
    if (hole_) {
      hole_ = false;
      sift_down(0, e);
    } else {
      heap_.push_back(e);
      sift_up(heap_.size() - 1, e);
    }
  }
  void schedule_in(double delay_s, std::uint8_t priority, std::uint32_t target, std::uint32_t tag = 0) {
    schedule(now_s_ + delay_s, priority, target, tag);
  }

  // The earliest pending event (the calendar must not be empty).
  const Event& next() {
    settle();
    return heap_.front();
  }

  // Removes the earliest event, advances the clock to its time and returns it.
  Event take() {
    settle();
    const Event e = heap_.front();
    now_s_ = e.time_s;
    hole_ = true;
    return e;
  }

 private:
  void settle() {
    if (!hole_) return;
    hole_ = false;
    const Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0, last);
  }

  void sift_up(std::size_t i, const Event& e) {
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!runs_before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  void sift_down(std::size_t i, const Event& e) {
    const std::size_t n = heap_.size();
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n) child += static_cast<std::size_t>(runs_before(heap_[child + 1], heap_[child]));
      if (!runs_before(heap_[child], e)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = e;
  }

  [[noreturn]] void throw_past(double time_s) const;

  std::vector<Event> heap_;
  double now_s_ = 0.0;
  std::uint64_t sequence_ = 0;
  bool hole_ = false;  // heap_[0] has been taken but not yet replaced
};

}  // namespace twinlab::sim
