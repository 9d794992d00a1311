// Tests sim/design/sobol_sequence.*: the plain points against the published Joe-Kuo sequence and against
// Boost.Random's independent generator; the scrambled points' range, their net (stratification) property and
// their discrepancy; determinism in the seed.
#include <catch2/catch.hpp>

#include <boost/random/sobol.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/design/sobol_sequence.hpp"

using twinlab::sim::design::SobolSequence;

namespace {

// Squared L2-star discrepancy of points x (n x d, row-major), Warnock's closed form:
// D^2 = 3^-d - (2^(1-d)/n) sum_i prod_k (1 - x_ik^2) + (1/n^2) sum_i sum_j prod_k (1 - max(x_ik, x_jk)).
double l2_star_discrepancy_squared(const std::vector<double>& x, std::size_t n, std::size_t d) {
  double s1 = 0.0, s2 = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    double p = 1.0;
    for (std::size_t k = 0; k < d; ++k) p *= 1.0 - x[i * d + k] * x[i * d + k];
    s1 += p;
    for (std::size_t j = 0; j < n; ++j) {
      double q = 1.0;
      for (std::size_t k = 0; k < d; ++k) q *= 1.0 - std::max(x[i * d + k], x[j * d + k]);
      s2 += q;
    }
  }
  const double nd = static_cast<double>(n);
  return std::pow(3.0, -static_cast<double>(d)) - std::pow(2.0, 1.0 - static_cast<double>(d)) / nd * s1 + s2 / (nd * nd);
}

std::vector<double> points(const SobolSequence& s, std::size_t n) {
  std::vector<double> x(n * s.dimension());
  for (std::size_t i = 0; i < n; ++i) s.point(i, std::span<double>(&x[i * s.dimension()], s.dimension()));
  return x;
}

}  // namespace

TEST_CASE("plain Sobol points are the published Joe-Kuo points with the origin first", "[sobol]") {
  // Points 1..8 of new-joe-kuo-6 in 3 dimensions (exact binary fractions).
  const double expected[8][3] = {{0.5, 0.5, 0.5},         {0.75, 0.25, 0.25},       {0.25, 0.75, 0.75},
                                 {0.375, 0.375, 0.625},   {0.875, 0.875, 0.125},    {0.625, 0.125, 0.875},
                                 {0.125, 0.625, 0.375},   {0.1875, 0.3125, 0.9375}};
  const SobolSequence s(3);
  std::vector<double> x(3);
  s.point(0, x);
  CHECK(x == std::vector<double>{0.0, 0.0, 0.0});
  for (std::size_t i = 1; i <= 8; ++i) {
    s.point(i, x);
    for (std::size_t j = 0; j < 3; ++j) {
      CAPTURE(i, j);
      CHECK(x[j] == expected[i - 1][j]);
    }
  }
}

TEST_CASE("plain Sobol points equal Boost.Random's sobol generator bit for bit", "[sobol]") {
  // Boost skips the origin and returns 64-bit fractions; for indices below 2^32 their top 32 bits are ours.
  const std::size_t d = GENERATE(1, 7, 40, 3667);
  const std::size_t n = d > 100 ? 40 : 5000;
  const SobolSequence s(d);
  boost::random::sobol reference(d);
  std::vector<std::uint32_t> x(d);
  for (std::size_t i = 1; i <= n; ++i) {
    s.raw_point(i, x);
    for (std::size_t j = 0; j < d; ++j) {
      const auto boost_bits = static_cast<std::uint32_t>(reference() >> 32);
      if (x[j] != boost_bits) {
        CAPTURE(d, i, j, x[j], boost_bits);
        FAIL("point differs from Boost's");
      }
    }
  }
}

TEST_CASE("scrambled Sobol points lie in the half-open unit interval and keep the net property", "[sobol]") {
  const std::uint64_t seed = GENERATE(1, 2, 12345);
  const bool scramble = GENERATE(false, true);
  const std::size_t d = 12;
  const int m = 10;
  const std::size_t n = std::size_t{1} << m;
  const SobolSequence s(d, scramble, seed);
  const std::vector<double> x = points(s, n);
  for (const double v : x) REQUIRE((v >= 0.0 && v < 1.0));

  SECTION("each of the 2^m intervals [a/2^m, (a+1)/2^m) of every dimension holds exactly one of 2^m points") {
    for (std::size_t j = 0; j < d; ++j) {
      std::vector<int> hits(n, 0);
      for (std::size_t i = 0; i < n; ++i) ++hits[static_cast<std::size_t>(x[i * d + j] * static_cast<double>(n))];
      for (std::size_t a = 0; a < n; ++a) {
        CAPTURE(j, a);
        REQUIRE(hits[a] == 1);
      }
    }
  }
  SECTION("dimensions 1 and 2 form a (0, m, 2)-net: every 2^-q x 2^-(m-q) box holds exactly one point") {
    for (int q = 0; q <= m; ++q) {
      const std::size_t cols = std::size_t{1} << q, rows = std::size_t{1} << (m - q);
      std::vector<int> hits(n, 0);
      for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<std::size_t>(x[i * d] * static_cast<double>(cols));
        const auto r = static_cast<std::size_t>(x[i * d + 1] * static_cast<double>(rows));
        ++hits[c * rows + r];
      }
      for (std::size_t b = 0; b < n; ++b) {
        CAPTURE(q, b);
        REQUIRE(hits[b] == 1);
      }
    }
  }
}

TEST_CASE("scrambling keeps the low discrepancy of Sobol points", "[sobol]") {
  // L2-star discrepancy D (Warnock). For independent uniform points E[D^2] = (2^-d - 3^-d)/n exactly; a
  // (t, m, s)-net has D = O((log n)^d / n). Measured on this code (seeds 1-6): d = 2, n = 1024: random 0.0117
  // (expectation), plain Sobol 0.00093, scrambled 0.00072-0.00073; d = 5, n = 4096: random 0.00257, plain
  // 0.00052, scrambled 0.00049-0.00050. The bounds below (8x and 3x under random, and no worse than the plain
  // points + 5%) leave a factor >= 1.7 to those figures, yet a broken scrambling (e.g. one that destroys the
  // net, giving random-like points) fails them by a factor of 3 or more.
  struct Case {
    std::size_t d, n;
    double factor_below_random;
  };
  const Case c = GENERATE(Case{2, 1024, 8.0}, Case{5, 4096, 3.0});
  const std::uint64_t seed = GENERATE(3, 4);
  const double random_rms =
      std::sqrt((std::pow(2.0, -static_cast<double>(c.d)) - std::pow(3.0, -static_cast<double>(c.d))) / static_cast<double>(c.n));
  const double scrambled = std::sqrt(l2_star_discrepancy_squared(points(SobolSequence(c.d, true, seed), c.n), c.n, c.d));
  std::vector<double> plain_points(c.n * c.d);
  const SobolSequence plain(c.d);
  for (std::size_t i = 0; i < c.n; ++i) plain.point(i + 1, std::span<double>(&plain_points[i * c.d], c.d));
  const double plain_d = std::sqrt(l2_star_discrepancy_squared(plain_points, c.n, c.d));
  CAPTURE(c.d, c.n, seed, scrambled, plain_d, random_rms);
  CHECK(scrambled < random_rms / c.factor_below_random);
  CHECK(scrambled < 1.05 * plain_d);
}

TEST_CASE("scrambled points depend on the seed and only on it", "[sobol]") {
  const SobolSequence a(4, true, 7), b(4, true, 7), c(4, true, 8);
  std::vector<double> xa(4), xb(4), xc(4);
  for (std::size_t i : {0u, 1u, 99u, 1000000u}) {
    a.point(i, xa);
    b.point(i, xb);
    c.point(i, xc);
    CHECK(xa == xb);
    CHECK(xa != xc);
  }
}

TEST_CASE("Sobol dimension limits are checked", "[sobol]") {
  CHECK_THROWS_AS(SobolSequence(0), std::invalid_argument);
  CHECK_THROWS_AS(SobolSequence(3668), std::invalid_argument);
  CHECK_NOTHROW(SobolSequence(3667));
  std::vector<double> x(1);
  CHECK_THROWS_AS(SobolSequence(1).point(std::uint64_t{1} << 32, x), std::out_of_range);
}
