// Tests sim/random_streams.*: seed derivation, reproducibility, independence by name (common random
// numbers), and the distributions of uniform, exponential (ziggurat) and normal variates.
// Statistical tolerances: n independent draws give a sample mean with standard error sigma/sqrt(n); we
// allow 5 standard errors (false-failure probability ~6e-7 per check). The Kolmogorov-Smirnov bound
// 1.95/sqrt(n) is the 0.1 % critical value.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "sim/random_streams.hpp"

using twinlab::sim::derive_seed;
using twinlab::sim::RandomStream;

TEST_CASE("derive_seed depends on master seed, name and index", "[random_streams]") {
  const auto base = derive_seed(42, "station/Drill/processing", 0);
  CHECK(derive_seed(42, "station/Drill/processing", 0) == base);
  std::set<std::uint64_t> seeds{base, derive_seed(43, "station/Drill/processing", 0),
                                derive_seed(42, "station/Drill/processing", 1), derive_seed(42, "station/Drill/failure", 0),
                                derive_seed(42, "station/Mill/processing", 0), derive_seed(42, "", 0)};
  CHECK(seeds.size() == 6);
}

TEST_CASE("Streams are reproducible, and independent of other streams' existence", "[random_streams]") {
  RandomStream a(7, "station/A/processing");
  std::vector<std::uint64_t> first;
  for (int i = 0; i < 100; ++i) first.push_back(a.next_u64());
  // Create other streams and draw from them, then recreate "A": same numbers (common random numbers).
  RandomStream other(7, "station/B/processing");
  for (int i = 0; i < 1000; ++i) other.next_u64();
  RandomStream again(7, "station/A/processing");
  for (int i = 0; i < 100; ++i) REQUIRE(again.next_u64() == first[static_cast<std::size_t>(i)]);
  RandomStream different(8, "station/A/processing");
  int equal = 0;
  for (int i = 0; i < 100; ++i) equal += different.next_u64() == first[static_cast<std::size_t>(i)];
  CHECK(equal == 0);
}

TEST_CASE("Uniform variates have the right range, mean and variance", "[random_streams]") {
  RandomStream r(1);
  const int n = 1000000;
  double sum = 0.0, sum2 = 0.0, lo = 1.0, hi = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    sum += u;
    sum2 += u * u;
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    const double v = r.uniform_positive();
    REQUIRE(v > 0.0);
    REQUIRE(v <= 1.0);
  }
  CHECK(lo >= 0.0);
  CHECK(hi < 1.0);
  const double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK(std::abs(mean - 0.5) < 5.0 * std::sqrt(1.0 / 12.0 / n));
  CHECK(std::abs(var - 1.0 / 12.0) < 5.0 * std::sqrt(1.0 / 180.0 / n));  // Var(U^2 - ...) = 1/180
}

TEST_CASE("The exponential ziggurat tables close and the variates are Exp(1)", "[random_streams]") {
  const auto& z = twinlab::sim::detail::kExponentialZiggurat;
  const double r = z.x[1];
  const double v = std::exp(-r) * (r + 1.0);
  // Every layer has area v; the top one must reach f = 1 at x = 0.
  CHECK(std::abs(z.f[255] + v / z.x[255] - 1.0) < 1e-9);
  for (int i = 1; i < 256; ++i) REQUIRE(z.x[i] > z.x[i + 1]);

  RandomStream s(2024, "exp");
  const int n = 1000000;
  std::vector<double> x(n);
  double sum = 0.0, sum2 = 0.0;
  int beyond_2 = 0, beyond_8 = 0;
  for (int i = 0; i < n; ++i) {
    x[i] = s.exponential();
    sum += x[i];
    sum2 += x[i] * x[i];
    beyond_2 += x[i] > 2.0;
    beyond_8 += x[i] > 8.0;  // exercises the tail beyond r = 7.697
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK(std::abs(mean - 1.0) < 5.0 / std::sqrt(n));
  CHECK(std::abs(var - 1.0) < 5.0 * std::sqrt(8.0 / n));  // Var((X-1)^2) = 8 for Exp(1)
  const double p2 = std::exp(-2.0), p8 = std::exp(-8.0);
  CHECK(std::abs(beyond_2 - n * p2) < 5.0 * std::sqrt(n * p2 * (1 - p2)));
  CHECK(std::abs(beyond_8 - n * p8) < 5.0 * std::sqrt(n * p8 * (1 - p8)));
  std::sort(x.begin(), x.end());
  double d = 0.0;
  for (int i = 0; i < n; ++i) {
    const double f = 1.0 - std::exp(-x[i]);
    d = std::max({d, std::abs(f - static_cast<double>(i) / n), std::abs(f - static_cast<double>(i + 1) / n)});
  }
  CAPTURE(d);
  CHECK(d < 1.95 / std::sqrt(n));
}

TEST_CASE("Normal variates are N(0, 1)", "[random_streams]") {
  RandomStream s(99, "normal");
  const int n = 500000;
  double sum = 0.0, sum2 = 0.0;
  int within_1 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = s.normal();
    sum += z;
    sum2 += z * z;
    within_1 += std::abs(z) < 1.0;
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK(std::abs(mean) < 5.0 / std::sqrt(n));
  CHECK(std::abs(var - 1.0) < 5.0 * std::sqrt(2.0 / n));
  const double p = std::erf(1.0 / std::sqrt(2.0));
  CHECK(std::abs(within_1 - n * p) < 5.0 * std::sqrt(n * p * (1 - p)));
}
