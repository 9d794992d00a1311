// Tests sim/event_calendar.*: both calendars deliver events in (time, priority, insertion) order, exactly
// like a stable sort, whatever the interleaving of scheduling, taking and (for slots) replacing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <random>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "sim/event_calendar.hpp"

using twinlab::sim::Event;
using twinlab::sim::EventCalendar;
using twinlab::sim::SlotCalendar;

TEST_CASE("EventCalendar orders by time, then priority, then insertion", "[event_calendar]") {
  EventCalendar c;
  c.schedule(2.0, 5, 1);
  c.schedule(1.0, 7, 2);
  c.schedule(1.0, 3, 3);
  c.schedule(1.0, 3, 4);  // same time and priority as 3: after it
  c.schedule(0.5, 9, 5);
  std::vector<std::uint32_t> order;
  while (!c.empty()) order.push_back(c.take().target);
  CHECK(order == std::vector<std::uint32_t>{5, 3, 4, 2, 1});
  CHECK(c.now_s() == 2.0);
}

TEST_CASE("EventCalendar matches a stable sort under random interleaving", "[event_calendar]") {
  const unsigned seed = GENERATE(1u, 2u, 3u, 4u);
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> coarse(0, 20), prio(0, 3), action(0, 2);
  EventCalendar c;
  // Reference: pending events as (time, priority, sequence, target).
  std::vector<std::tuple<double, int, std::uint64_t, std::uint32_t>> pending;
  std::uint64_t seq = 0;
  std::uint32_t next_target = 0;
  int taken = 0;
  for (int step = 0; step < 20000; ++step) {
    if (pending.empty() || action(rng) > 0) {
      // Coarse times force many ties.
      const double t = c.now_s() + 0.25 * coarse(rng);
      const int p = prio(rng);
      c.schedule(t, static_cast<std::uint8_t>(p), next_target);
      pending.emplace_back(t, p, seq++, next_target++);
    } else {
      const auto it = std::min_element(pending.begin(), pending.end());
      const Event e = c.take();
      INFO("step " << step);
      REQUIRE(e.target == std::get<3>(*it));
      REQUIRE(e.time_s == std::get<0>(*it));
      REQUIRE(e.priority() == std::get<1>(*it));
      pending.erase(it);
      ++taken;
    }
  }
  CHECK(taken > 5000);
  CHECK(c.size() == pending.size());
}

TEST_CASE("EventCalendar take-then-schedule fills the hole correctly", "[event_calendar]") {
  EventCalendar c;
  for (std::uint32_t i = 0; i < 10; ++i) c.schedule(1.0 + i, 0, i);
  // Take the earliest, schedule a late event in its place: the next must be the second earliest.
  CHECK(c.take().target == 0);
  c.schedule(100.0, 0, 99);
  CHECK(c.take().target == 1);
  // Take without rescheduling, then peek.
  CHECK(c.next().target == 2);
  CHECK(c.size() == 9);
}

TEST_CASE("EventCalendar rejects events in the past and NaN", "[event_calendar]") {
  EventCalendar c;
  c.schedule(5.0, 0, 0);
  c.take();
  CHECK_THROWS_AS(c.schedule(4.0, 0, 0), std::logic_error);
  CHECK_THROWS_AS(c.schedule(std::numeric_limits<double>::quiet_NaN(), 0, 0), std::logic_error);
  CHECK_NOTHROW(c.schedule(5.0, 0, 0));
  CHECK_THROWS_AS(c.clear(-1.0), std::logic_error);
}

TEST_CASE("SlotCalendar matches a reference with replacement and cancellation", "[event_calendar]") {
  const std::uint32_t slots = GENERATE(1u, 3u, 8u, 13u);
  const unsigned seed = GENERATE(7u, 8u);
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> coarse(0, 12), prio(0, 3), action(0, 5);
  std::uniform_int_distribution<std::uint32_t> pick(0, slots - 1);
  SlotCalendar c(slots);
  struct Ref {
    bool pending = false;
    double t = 0.0;
    int p = 0;
    std::uint64_t seq = 0;
  };
  std::vector<Ref> ref(slots);
  std::uint64_t seq = 0;
  for (int step = 0; step < 20000; ++step) {
    const int a = action(rng);
    const bool any = std::any_of(ref.begin(), ref.end(), [](const Ref& r) { return r.pending; });
    INFO("step " << step);
    if (a <= 2 || !any) {  // schedule / replace
      const std::uint32_t s = pick(rng);
      const double t = c.now_s() + 0.5 * coarse(rng);
      const int p = prio(rng);
      c.schedule(s, t, static_cast<std::uint8_t>(p), s + 1000);
      ref[s] = Ref{true, t, p, seq++};
    } else if (a == 3) {  // cancel
      const std::uint32_t s = pick(rng);
      c.cancel(s);
      ref[s].pending = false;
    } else {  // take
      std::uint32_t best = slots;
      for (std::uint32_t s = 0; s < slots; ++s) {
        if (!ref[s].pending) continue;
        if (best == slots || std::tie(ref[s].t, ref[s].p, ref[s].seq) < std::tie(ref[best].t, ref[best].p, ref[best].seq))
          best = s;
      }
      const Event e = c.take();
      REQUIRE(e.target == best);
      REQUIRE(e.time_s == ref[best].t);
      REQUIRE(e.priority() == ref[best].p);
      REQUIRE(e.tag == best + 1000);
      ref[best].pending = false;
      for (std::uint32_t s = 0; s < slots; ++s) REQUIRE(c.pending(s) == ref[s].pending);
    }
  }
}

TEST_CASE("SlotCalendar reports errors and emptiness", "[event_calendar]") {
  SlotCalendar c(4);
  CHECK(c.empty());
  CHECK_THROWS_AS(c.take(), std::logic_error);
  c.schedule(2, 3.0, 1);
  CHECK_FALSE(c.empty());
  CHECK(c.take().target == 2);
  CHECK(c.now_s() == 3.0);
  CHECK(c.empty());
  CHECK_THROWS_AS(c.schedule(0, 2.0, 0), std::logic_error);
  CHECK_THROWS_AS(c.schedule(0, std::numeric_limits<double>::infinity(), 0), std::logic_error);
  CHECK_THROWS_AS(SlotCalendar(0), std::logic_error);
}
