// Tests sim/slot_calendar.*: events come out in (time, priority, insertion) order like a reference that
// scans every slot, whatever the interleaving of scheduling, replacing, cancelling and taking, for slot
// counts on and off powers of two.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <random>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "sim/slot_calendar.hpp"

using twinlab::sim::Event;
using twinlab::sim::SlotCalendar;

TEST_CASE("SlotCalendar matches a reference with replacement and cancellation", "[slot_calendar]") {
  const std::uint32_t slots = GENERATE(1u, 3u, 8u, 13u, 32u, 33u, 100u);
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

TEST_CASE("SlotCalendar reports errors and emptiness", "[slot_calendar]") {
  const std::uint32_t slots = GENERATE(4u, 40u);
  SlotCalendar c(slots);
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
