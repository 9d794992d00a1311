// Tests sim/design/grid_sampler.*: the mixed-radix order (last dimension fastest), cell-centre and end-point
// placements.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/design/grid_sampler.hpp"

using twinlab::sim::design::GridSampler;

TEST_CASE("grid points enumerate the levels with the last dimension fastest", "[grid]") {
  const GridSampler g({2, 3}, false);
  REQUIRE(g.count() == 6);
  CHECK(g.digits(0) == std::vector<std::size_t>{0, 0});
  CHECK(g.digits(1) == std::vector<std::size_t>{0, 1});
  CHECK(g.digits(3) == std::vector<std::size_t>{1, 0});
  CHECK(g.digits(5) == std::vector<std::size_t>{1, 2});
  // Cell centres: (k + 1/2)/m.
  CHECK(g.point(5) == std::vector<double>{0.75, 2.5 / 3.0});
  CHECK_FALSE(g.touches_bounds());
}

TEST_CASE("grid end points sweep 0 to 1 inclusive", "[grid]") {
  const GridSampler g({5, 1}, true);
  CHECK(g.touches_bounds());
  std::vector<double> first;
  for (std::size_t i = 0; i < g.count(); ++i) first.push_back(g.point(i)[0]);
  CHECK(first == std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0});
  CHECK(g.point(0)[1] == 0.5);  // a single level sits in the middle
}
