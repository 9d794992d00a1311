// Tests sim/design/lhs_sampler.*: every dimension has exactly one point in each of its n strata, and the
// points are spread inside their strata (not all at one position).
#include <catch2/catch.hpp>

#include <vector>

#include "sim/design/lhs_sampler.hpp"

using twinlab::sim::design::LatinHypercubeSampler;

TEST_CASE("a Latin hypercube has one point per stratum in every dimension", "[lhs]") {
  const std::size_t n = GENERATE(1, 2, 17, 1000);
  const std::size_t d = 4;
  const LatinHypercubeSampler lhs(d, n, 99);
  std::vector<std::vector<int>> hits(d, std::vector<int>(n, 0));
  double low_half = 0.0;  // how many points sit in the lower half of their stratum
  for (std::size_t i = 0; i < n; ++i) {
    const auto u = lhs.point(i);
    for (std::size_t j = 0; j < d; ++j) {
      const double scaled = u[j] * static_cast<double>(n);
      const auto stratum = static_cast<std::size_t>(scaled);
      REQUIRE(stratum == lhs.stratum(i, j));
      ++hits[j][stratum];
      if (scaled - static_cast<double>(stratum) < 0.5) low_half += 1.0;
    }
  }
  for (std::size_t j = 0; j < d; ++j)
    for (std::size_t k = 0; k < n; ++k) {
      CAPTURE(n, j, k);
      REQUIRE(hits[j][k] == 1);
    }
  if (n == 1000) {
    // Positions within strata are uniform: the count in the lower halves is Binomial(4000, 1/2), standard
    // deviation 31.6; 5 of them is a false-alarm rate below 1e-6.
    CHECK(std::abs(low_half - 2000.0) < 5.0 * 31.6);
  }
}

TEST_CASE("the permutations differ between dimensions and seeds", "[lhs]") {
  const LatinHypercubeSampler a(2, 50, 1), b(2, 50, 2);
  int same_dims = 0, same_seeds = 0;
  for (std::size_t i = 0; i < 50; ++i) {
    same_dims += a.stratum(i, 0) == a.stratum(i, 1);
    same_seeds += a.stratum(i, 0) == b.stratum(i, 0);
  }
  // Two independent random permutations of 50 agree in 1 place on average (Poisson(1)); 10 is p < 1e-7.
  CHECK(same_dims < 10);
  CHECK(same_seeds < 10);
}
