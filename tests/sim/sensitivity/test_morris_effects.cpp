// Tests sim/sensitivity/morris_effects.*: mu, mu*, sigma on a fixed hand-written design against values worked
// out exactly by hand, and on the sampler's design for a linear function (every effect is its coefficient).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/design/morris_sampler.hpp"
#include "sim/sensitivity/morris_effects.hpp"

using namespace twinlab::sim;

TEST_CASE("Morris mu and mu-star and sigma match a hand computation on a fixed design", "[morris]") {
  // f(x1, x2) = x1^2 - 3 x1 x2 on p = 4 levels, delta = 2/3. Three trajectories:
  //   T0 (0, 1/3) -> (2/3, 1/3) -> (2/3, 1):    f = 0, -2/9, -14/9     EE1 = -1/3, EE2 = -2
  //   T1 (1, 1)   -> (1, 1/3)   -> (1/3, 1/3):  f = -2, 0, -2/9        EE2 = -3,   EE1 = 1/3
  //   T2 (1/3, 0) -> (1/3, 2/3) -> (1, 2/3):    f = 1/9, -5/9, -1      EE2 = -1,   EE1 = -2/3
  // x1: mu = -2/9, mu* = 4/9, sigma = sqrt(((-1/9)^2 + (5/9)^2 + (-4/9)^2)/2) = sqrt(21)/9
  // x2: mu = -2,   mu* = 2,   sigma = sqrt((0 + 1 + 1)/2) = 1
  const double d = 2.0 / 3.0;
  design::MorrisDesign m;
  m.dimension = 2;
  m.trajectories = {{{0.0, 1.0 / 3.0}, {0, 1}, {d, d}}, {{1.0, 1.0}, {1, 0}, {-d, -d}}, {{1.0 / 3.0, 0.0}, {1, 0}, {d, d}}};
  std::vector<double> y;
  std::vector<double> x(2);
  for (std::size_t t = 0; t < 3; ++t)
    for (std::size_t k = 0; k <= 2; ++k) {
      m.point(t, k, x);
      y.push_back(x[0] * x[0] - 3.0 * x[0] * x[1]);
    }
  sensitivity::BootstrapOptions bs;
  bs.resamples = 200;
  const auto e = sensitivity::estimate_morris(m, y, bs);
  // Round-off: a few operations on thirds, each within 1 ulp; 1e-14 is ~50 ulps of these magnitudes.
  CHECK(e[0].mu == Approx(-2.0 / 9.0).margin(1e-14));
  CHECK(e[0].mu_star.value == Approx(4.0 / 9.0).margin(1e-14));
  CHECK(e[0].sigma == Approx(std::sqrt(21.0) / 9.0).margin(1e-14));
  CHECK(e[1].mu == Approx(-2.0).margin(1e-14));
  CHECK(e[1].mu_star.value == Approx(2.0).margin(1e-14));
  CHECK(e[1].sigma == Approx(1.0).margin(1e-14));
  // Resamples of 3 trajectories: mu* of x2 is a mean of three of {2, 3, 1}, so its interval lies in [1, 3].
  CHECK(e[1].mu_star.lower >= 1.0 - 1e-14);
  CHECK(e[1].mu_star.upper <= 3.0 + 1e-14);
  CHECK(e[1].mu_star.lower < e[1].mu_star.upper);
}

TEST_CASE("on a linear function every elementary effect is the coefficient", "[morris]") {
  // f = 2 x1 - 5 x2 + 0 x3 + 0.5 x4: each effect equals its coefficient whatever the trajectory, so
  // mu* = |c|, mu = c, sigma = 0 and the bootstrap interval collapses (all up to round-off, 1e-12).
  const double c[4] = {2.0, -5.0, 0.0, 0.5};
  const design::MorrisSampler s(4, 25, 6, 42);
  std::vector<double> y(s.count());
  for (std::size_t i = 0; i < s.count(); ++i) {
    const auto u = s.point(i);
    y[i] = c[0] * u[0] + c[1] * u[1] + c[2] * u[2] + c[3] * u[3];
  }
  const auto e = sensitivity::estimate_morris(s.design(), y);
  for (std::size_t j = 0; j < 4; ++j) {
    CAPTURE(j);
    CHECK(e[j].mu == Approx(c[j]).margin(1e-12));
    CHECK(e[j].mu_star.value == Approx(std::abs(c[j])).margin(1e-12));
    CHECK(e[j].sigma == Approx(0.0).margin(1e-12));
    CHECK(e[j].mu_star.upper - e[j].mu_star.lower == Approx(0.0).margin(1e-12));
  }
}

TEST_CASE("a trajectory that does not move every dimension once is refused", "[morris]") {
  design::MorrisDesign m;
  m.dimension = 2;
  m.trajectories = {{{0.0, 0.0}, {0, 0}, {0.5, 0.5}}};
  CHECK_THROWS_AS(sensitivity::estimate_morris(m, std::vector<double>(3, 0.0)), std::invalid_argument);
}
