// Tests sim/design/parameter_distribution.*: each transform against closed-form quantiles, the level
// mapping, the truncated normal far in a tail, and validation.
#include <catch2/catch.hpp>

#include <cmath>

#include "base/error.hpp"
#include "sim/design/parameter_distribution.hpp"

using twinlab::base::InputError;
using twinlab::base::InputLocation;
using twinlab::sim::design::ParameterDistribution;

namespace {
const InputLocation kWhere{"study.yaml", 7, 5, "parameters.wind.speed"};
}

TEST_CASE("uniform and log-uniform ranges map u linearly and geometrically", "[parameters]") {
  const auto uni = ParameterDistribution::uniform(2.0, 6.0, kWhere);
  CHECK(uni.from_unit(0.0) == 2.0);
  CHECK(uni.from_unit(0.25) == 3.0);
  CHECK(uni.from_unit(1.0) == 6.0);
  const auto log = ParameterDistribution::log_uniform(1e-3, 1e1, kWhere);
  // 1e-3 * 1e4^u: u = 1/4 gives 1e-2 and u = 3/4 gives 1; relative round-off of exp/log is a few ulps.
  CHECK(log.from_unit(0.25) == Approx(1e-2).epsilon(1e-14));
  CHECK(log.from_unit(0.75) == Approx(1.0).epsilon(1e-14));
  CHECK(log.from_unit(1.0) == 1e1);
}

TEST_CASE("levels are equally likely and the top end maps to the last level", "[parameters]") {
  const auto lv = ParameterDistribution::levels(4, kWhere);
  CHECK(lv.level_index(0.0) == 0);
  CHECK(lv.level_index(0.2499) == 0);
  CHECK(lv.level_index(0.25) == 1);
  CHECK(lv.level_index(0.99) == 3);
  CHECK(lv.level_index(1.0) == 3);
  CHECK(lv.from_unit(0.6) == 2.0);
}

TEST_CASE("normal parameters use the inverse normal CDF", "[parameters]") {
  const auto n = ParameterDistribution::normal(10.0, 2.0, kWhere);
  CHECK(n.from_unit(0.5) == Approx(10.0).margin(1e-14));
  // Phi^-1(0.975) = 1.959963984540054 (tables); Boost is accurate to a few ulps.
  CHECK(n.from_unit(0.975) == Approx(10.0 + 2.0 * 1.959963984540054).epsilon(1e-14));
  CHECK_FALSE(n.bounded());
  CHECK_THROWS_AS(n.from_unit(0.0), std::domain_error);
  CHECK_THROWS_AS(n.from_unit(1.0), std::domain_error);
}

TEST_CASE("truncated normals stay in their bounds and invert their CDF even far in a tail", "[parameters]") {
  const auto t = ParameterDistribution::truncated_normal(0.0, 1.0, -1.0, 1.0, kWhere);
  CHECK(t.from_unit(0.0) == -1.0);
  CHECK(t.from_unit(1.0) == 1.0);
  CHECK(t.from_unit(0.5) == Approx(0.0).margin(1e-15));
  // Range [8, 9] sigma above the mean: Phi there is 1 - 6e-16, so the naive formula would return garbage.
  // The median x solves Q(x) = (Q(8) + Q(9))/2 with Q(x) = erfc(x/sqrt 2)/2; bisection on Python's math.erfc
  // gives 8.084888899018168. Boost's quantile is accurate to ~1e-15 relative; we allow 1e-12.
  const auto tail = ParameterDistribution::truncated_normal(0.0, 1.0, 8.0, 9.0, kWhere);
  const double median = tail.from_unit(0.5);
  CHECK(median == Approx(8.084888899018168).margin(1e-12));
  double last = 8.0;
  for (double u = 0.0; u <= 1.0; u += 0.125) {  // monotone and inside [8, 9]
    const double x = tail.from_unit(u);
    CHECK(x >= last);
    CHECK(x <= 9.0);
    last = x;
  }
}

TEST_CASE("bad parameter laws are located input errors", "[parameters]") {
  CHECK_THROWS_WITH(ParameterDistribution::log_uniform(0.0, 1.0, kWhere),
                    "study.yaml:7:5: parameters.wind.speed.min: must be > 0 for a log-uniform range (got 0); "
                    "give a positive lower end, or use a uniform range");
  CHECK_THROWS_AS(ParameterDistribution::uniform(3.0, 1.0, kWhere), InputError);
  CHECK_THROWS_AS(ParameterDistribution::normal(0.0, 0.0, kWhere), InputError);
  CHECK_THROWS_AS(ParameterDistribution::truncated_normal(0.0, 1.0, 2.0, 2.0, kWhere), InputError);
  CHECK_THROWS_AS(ParameterDistribution::levels(0, kWhere), InputError);
}
