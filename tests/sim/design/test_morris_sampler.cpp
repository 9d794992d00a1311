// Tests sim/design/morris_sampler.*: trajectories stay on the p-level grid in [0, 1], consecutive points differ
// in exactly one coordinate by +-delta, and every coordinate moves exactly once per trajectory.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/design/morris_sampler.hpp"

using twinlab::sim::design::MorrisSampler;

TEST_CASE("Morris trajectories are one-at-a-time walks on the level grid", "[morris]") {
  const std::size_t p = GENERATE(2, 4, 6), d = 5, r = 20;
  const MorrisSampler m(d, r, p, 11);
  const double delta = static_cast<double>(p) / (2.0 * static_cast<double>(p - 1));
  REQUIRE(m.delta() == delta);
  REQUIRE(m.count() == r * (d + 1));
  for (std::size_t t = 0; t < r; ++t) {
    std::vector<int> moved(d, 0);
    for (std::size_t k = 0; k <= d; ++k) {
      const auto x = m.point(t * (d + 1) + k);
      for (const double v : x) {
        // On the grid {0, 1/(p-1), ..., 1} up to the round-off of adding delta (1e-12 is 4500 ulps of 1).
        const double level = v * static_cast<double>(p - 1);
        REQUIRE(std::abs(level - std::round(level)) < 1e-12);
        REQUIRE((v >= 0.0 && v <= 1.0));
      }
      if (k == 0) continue;
      const auto prev = m.point(t * (d + 1) + k - 1);
      int changed = 0;
      for (std::size_t j = 0; j < d; ++j)
        if (x[j] != prev[j]) {
          ++changed;
          ++moved[j];
          REQUIRE(std::abs(std::abs(x[j] - prev[j]) - delta) < 1e-12);
        }
      REQUIRE(changed == 1);
    }
    for (std::size_t j = 0; j < d; ++j) REQUIRE(moved[j] == 1);
  }
}
