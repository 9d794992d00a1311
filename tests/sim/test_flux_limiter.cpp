// Tests of sim/flux_limiter.hpp: the limited slopes lie in Sweby's TVD region, which is what the
// solver's positivity proof and time-step limit rely on, and reduce to the intended formulas.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "sim/flux_limiter.hpp"

using twinlab::sim::mc_slope;
using twinlab::sim::minmod_slope;

TEST_CASE("MC and minmod slopes lie in the TVD region", "[flux_limiter]") {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> value(-5.0, 5.0);
  for (int n = 0; n < 20000; ++n) {
    // Mix of generic values, exact zeros and nearly equal differences.
    double a = value(rng), b = value(rng);
    if (n % 7 == 0) a = 0.0;
    if (n % 11 == 0) b = 0.0;
    if (n % 13 == 0) b = a * (1.0 + 1e-9);
    for (const double s : {mc_slope(a, b), minmod_slope(a, b)}) {
      CAPTURE(a, b, s);
      if (a * b <= 0.0) {
        REQUIRE(s == 0.0);
      } else {
        REQUIRE(s / a >= 0.0);  // same sign as the differences
        REQUIRE(s / a <= 2.0 * (1 + 1e-15));
        REQUIRE(s / b >= 0.0);
        REQUIRE(s / b <= 2.0 * (1 + 1e-15));
      }
    }
  }
}

TEST_CASE("MC slope: central where smooth, twice the smaller difference near steep changes", "[flux_limiter]") {
  CHECK(mc_slope(1.0, 1.0) == 1.0);            // linear data: exact slope
  CHECK(mc_slope(1.0, 2.0) == Approx(1.5));    // r = 1/2: central (a + b) / 2
  CHECK(mc_slope(-2.0, -1.0) == Approx(-1.5));
  CHECK(mc_slope(1.0, 10.0) == Approx(2.0));   // r = 1/10: 2 a
  CHECK(mc_slope(10.0, 1.0) == Approx(2.0));   // 2 b
  CHECK(mc_slope(1.0, -1.0) == 0.0);           // extremum: first order
  CHECK(mc_slope(0.0, 3.0) == 0.0);
  CHECK(minmod_slope(1.0, 3.0) == 1.0);
  CHECK(minmod_slope(-4.0, -3.0) == -3.0);
}

TEST_CASE("limited slopes are symmetric and positively homogeneous", "[flux_limiter]") {
  const double a = GENERATE(-3.0, -0.5, 0.0, 0.25, 2.0);
  const double b = GENERATE(-1.0, 0.0, 0.7, 4.0);
  const double scale = GENERATE(1e-300, 1e-3, 7.0, 1e200);
  CAPTURE(a, b, scale);
  CHECK(mc_slope(a, b) == mc_slope(b, a));
  CHECK(mc_slope(scale * a, scale * b) == Approx(scale * mc_slope(a, b)).margin(1e-310));
  CHECK(mc_slope(-a, -b) == -mc_slope(a, b));
}
