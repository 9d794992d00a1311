// Tests sim/quantile_histogram.*: streamed quantiles against exact order statistics. The bins are at most
// 1/64 of their lower edge wide, so interpolated quantiles must be within 1/64 (relative) of the exact.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/quantile_histogram.hpp"
#include "sim/random_streams.hpp"

TEST_CASE("Histogram quantiles are within the bin width of the exact ones", "[quantile_histogram]") {
  const double scale = GENERATE(1e-3, 1.0, 3600.0);
  twinlab::sim::RandomStream s(17, "hist");
  twinlab::sim::QuantileHistogram h;
  std::vector<double> x;
  for (int i = 0; i < 200000; ++i) {
    const double v = scale * (0.1 + s.exponential());
    x.push_back(v);
    h.add(v);
  }
  std::sort(x.begin(), x.end());
  for (const double p : {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999}) {
    const double exact = x[static_cast<std::size_t>(std::ceil(p * x.size())) - 1];
    CAPTURE(scale, p, exact, h.quantile(p));
    CHECK(std::abs(h.quantile(p) - exact) <= exact / 64.0);
  }
  CHECK(h.quantile(0.0) == x.front());
  CHECK(h.quantile(1.0) == x.back());
  CHECK(h.count() == x.size());
}

TEST_CASE("Histogram merge, clear and empty behaviour", "[quantile_histogram]") {
  twinlab::sim::QuantileHistogram a, b;
  CHECK(std::isnan(a.quantile(0.5)));
  CHECK(std::isnan(a.mean()));
  for (int i = 1; i <= 100; ++i) (i % 2 ? a : b).add(i);
  a.merge(b);
  CHECK(a.count() == 100);
  CHECK(a.mean() == Approx(50.5));
  CHECK(a.min() == 1.0);
  CHECK(a.max() == 100.0);
  CHECK(std::abs(a.quantile(0.5) - 50.0) <= 50.0 / 64.0);
  a.add(0.0);  // underflow bin
  a.add(1e15);  // overflow bin
  CHECK(a.quantile(1.0) == 1e15);
  CHECK(a.quantile(0.0) == 0.0);
  a.clear();
  CHECK(a.count() == 0);
}
