// Tests sim/time_weighted_stat.hpp against a hand-computed piecewise-constant integral.
#include <catch2/catch.hpp>

#include "sim/time_weighted_stat.hpp"

TEST_CASE("TimeWeightedStat integrates a step function", "[time_weighted_stat]") {
  twinlab::sim::TimeWeightedStat s(0.0, 2.0);  // 2 on [0, 3)
  s.set(3.0, 5.0);                              // 5 on [3, 4)
  s.add(4.0, -4.0);                             // 1 on [4, 10]
  // Area = 2*3 + 5*1 + 1*6 = 17 over 10 s.
  CHECK(s.area(10.0) == Approx(17.0).epsilon(1e-15));
  CHECK(s.mean(10.0) == Approx(1.7).epsilon(1e-15));
  s.reset(10.0);  // new window keeps the current value
  CHECK(s.value() == 1.0);
  CHECK(s.mean(10.0) == 1.0);  // empty window: the current value
  CHECK(s.mean(12.0) == Approx(1.0));
}
