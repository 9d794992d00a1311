#pragma once
// Event calendars and simulation clock of the discrete-event engine.
//
// Both calendars order events by (time, priority, insertion sequence): two events at the same time run in
// priority order (lower first), and two with the same time and priority in the order they were scheduled.
// The order is therefore fully deterministic and independent of the data structure's internal layout.
// Events are plain 24-byte records: no allocation per event, no type erasure, no virtual call; the owner
// dispatches on `priority()` (one priority per kind of event) and `target`.
//
// - EventCalendar: a binary min-heap for any number of pending events. Cancel lazily by storing a version
//   number in `tag` and ignoring stale events. `take()` leaves a hole at the root that the next
//   `schedule()` fills with a single sift-down, so "handle one event, schedule its successor" costs one
//   sift instead of two.
// - SlotCalendar: for models where each entity (a machine, a source) has at most one pending event: a
//   fixed set of slots, scheduling into a slot replaces its event (exact, immediate cancellation). A
//   tournament tree keeps the earliest slot at the root: peeking is O(1) and an update walks the
//   log2(slots) levels with comparisons done without branches, so the cost does not depend on how
//   predictable the event times are (binary-heap sifts on random times mispredict at most levels).
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

// One pending event per slot; see the top of the file.
class SlotCalendar {
 public:
  explicit SlotCalendar(std::uint32_t slots = 1, double start_s = 0.0) { reset(slots, start_s); }

  // Sets the number of slots, empties them all and sets the clock to start_s >= 0.
  void reset(std::uint32_t slots, double start_s = 0.0);

  double now_s() const { return now_s_; }
  std::uint32_t slots() const { return slots_; }
  std::uint64_t scheduled_count() const { return sequence_; }
  bool pending(std::uint32_t slot) const { return time_bits_[slot] != kEmpty && slot != taken_; }
  double time_of(std::uint32_t slot) const { return std::bit_cast<double>(time_bits_[slot]); }  // inf if empty

  // Replaces the event of `slot` by one at time_s >= now_s(). Throws std::logic_error for a time in the
  // past or not a number.
  void schedule(std::uint32_t slot, double time_s, std::uint8_t priority, std::uint32_t tag = 0) {
    if (!(time_s >= now_s_) || time_s == std::bit_cast<double>(kEmpty)) throw_past(time_s);
    time_bits_[slot] = std::bit_cast<std::uint64_t>(time_s + 0.0);
    order_[slot] = (std::uint64_t{priority} << 56) | sequence_++;
    tag_[slot] = tag;
    if (slot == taken_) taken_ = kNone;
    update(slot);
  }
  // Empties `slot` (nothing happens if it is empty already).
  void cancel(std::uint32_t slot) {
    if (slot == taken_) taken_ = kNone;
    if (time_bits_[slot] == kEmpty) return;
    time_bits_[slot] = kEmpty;
    order_[slot] = kLast;
    update(slot);
  }

  bool empty() {
    settle();
    return time_bits_[winner_[1]] == kEmpty;
  }
  // Removes the earliest event (the calendar must not be empty), advances the clock to its time and
  // returns it with target = its slot. Rescheduling that slot before the next take() costs one update.
  Event take() {
    settle();
    const std::uint32_t s = winner_[1];
    if (time_bits_[s] == kEmpty) throw_empty();
    now_s_ = std::bit_cast<double>(time_bits_[s]);
    taken_ = s;
    return Event{now_s_, order_[s], s, tag_[s]};
  }

 private:
  static constexpr std::uint64_t kEmpty = 0x7FF0000000000000ULL;  // +inf
  static constexpr std::uint64_t kLast = ~std::uint64_t{0};
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  void settle() {
    if (taken_ == kNone) return;
    const std::uint32_t s = taken_;
    taken_ = kNone;
    time_bits_[s] = kEmpty;
    order_[s] = kLast;
    update(s);
  }
  // Recomputes the winners on the path from leaf `slot` to the root, carrying the path's winner in
  // registers and reading only the siblings' stored winners (whose addresses do not depend on the data).
  void update(std::uint32_t slot) {
    std::uint32_t w = slot;
    std::uint64_t wt = time_bits_[slot], wo = order_[slot];
    for (std::uint32_t node = slot + leaves_; node > 1; node >>= 1) {
      const std::uint32_t o = winner_[node ^ 1];
      const std::uint64_t ot = time_bits_[o], oo = order_[o];
      // Select with masks: compilers turn a ternary here into a branch, which mispredicts half the time.
      const std::uint64_t take = std::uint64_t{0} - static_cast<std::uint64_t>((ot < wt) | ((ot == wt) & (oo < wo)));
      w = static_cast<std::uint32_t>((o & take) | (w & ~take));
      wt = (ot & take) | (wt & ~take);
      wo = (oo & take) | (wo & ~take);
      winner_[node >> 1] = w;
    }
  }

  [[noreturn]] void throw_past(double time_s) const;
  [[noreturn]] void throw_empty() const;

  std::uint32_t slots_ = 0, leaves_ = 1;  // leaves_: slots rounded up to a power of two
  std::vector<std::uint64_t> time_bits_;  // [leaf] bit pattern of the time (kEmpty: no event)
  std::vector<std::uint64_t> order_;      // [leaf] priority << 56 | sequence
  std::vector<std::uint32_t> tag_;        // [leaf]
  std::vector<std::uint32_t> winner_;     // [node] earliest leaf below node (1 = root; leaves at leaves_ + s)
  double now_s_ = 0.0;
  std::uint64_t sequence_ = 0;
  std::uint32_t taken_ = kNone;  // slot handed out by take() and not yet rescheduled
};

}  // namespace twinlab::sim
