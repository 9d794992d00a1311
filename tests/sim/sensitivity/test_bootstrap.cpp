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
  BootstrapOptions o;
  o.resamples = 400;
  o.seed = 9;
  const auto a = bootstrap_rows(10, o), b = bootstrap_rows(10, o);
  CHECK(a == b);
  std::vector<int> hits(10, 0);
  for (const auto r : a) {
    REQUIRE(r < 10);
    ++hits[r];
  }
  // 4000 draws over 10 units: each count is Binomial(4000, 0.1), sd 19; 6 sd is a 1e-9 false alarm.
  for (const int h : hits) CHECK(std::abs(h - 400) < 6 * 19);
  o.seed = 10;
  CHECK(bootstrap_rows(10, o) != a);
}
