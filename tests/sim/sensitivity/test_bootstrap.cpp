// Tests sim/sensitivity/bootstrap.*: interpolated percentiles and seeded, reproducible resampling rows.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/sensitivity/bootstrap.hpp"

using namespace twinlab::sim::sensitivity;

TEST_CASE("percentiles interpolate linearly between order statistics", "[bootstrap]") {
  std::vector<double> v = {4, 1, 3, 2, 5};
  CHECK(percentile(v, 0.0) == 1.0);
  CHECK(percentile(v, 0.5) == 3.0);
  CHECK(percentile(v, 0.125) == 1.5);
  CHECK(percentile(v, 1.0) == 5.0);
}

TEST_CASE("bootstrap rows depend only on the seed and cover the units", "[bootstrap]") {
  const auto a = bootstrap_rows(4000, 9, 3), b = bootstrap_rows(4000, 9, 3);
  CHECK(a == b);
  std::vector<int> hits(10, 0);
  for (const auto r : a) {
    REQUIRE(r < 4000);
    ++hits[r / 400];
  }
  // 4000 draws over 10 groups of 400 units: each count is Binomial(4000, 0.1), sd 19; 6 sd is a 1e-9 false alarm.
  for (const int h : hits) CHECK(std::abs(h - 400) < 6 * 19);
  CHECK(bootstrap_rows(4000, 10, 3) != a);  // another seed
  CHECK(bootstrap_rows(4000, 9, 4) != a);   // another resample
}
