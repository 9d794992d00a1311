// Tests sim/event_calendar.*: the heap delivers events in (time, priority, insertion) order, exactly like
// a stable sort, whatever the interleaving of scheduling and taking.
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
