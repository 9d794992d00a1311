// Tests sim/confidence_interval.*: Student-t quantiles against tabulated values, and the coverage of the
// 95 % interval over many independent normal samples.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/confidence_interval.hpp"
#include "sim/random_streams.hpp"

using twinlab::sim::mean_confidence_interval;

TEST_CASE("Student-t quantiles match the tables", "[confidence_interval]") {
  CHECK(twinlab::sim::student_t_quantile(0.975, 1) == Approx(12.7062).epsilon(1e-5));
  CHECK(twinlab::sim::student_t_quantile(0.975, 9) == Approx(2.262157).epsilon(1e-6));
  CHECK(twinlab::sim::student_t_quantile(0.995, 29) == Approx(2.756386).epsilon(1e-6));
}

TEST_CASE("Mean and half-width of a known sample", "[confidence_interval]") {
  const std::vector<double> x{1.0, 2.0, 3.0, 4.0};
  const auto e = mean_confidence_interval(x, 0.95);
  CHECK(e.mean == 2.5);
  CHECK(e.std_dev == Approx(std::sqrt(5.0 / 3.0)));
  CHECK(e.half_width == Approx(3.182446 * std::sqrt(5.0 / 3.0) / 2.0).epsilon(1e-6));
  CHECK(e.n == 4);
  const auto one = mean_confidence_interval(std::vector<double>{7.0});
  CHECK(one.mean == 7.0);
  CHECK(std::isnan(one.half_width));
  CHECK_THROWS(mean_confidence_interval(std::vector<double>{}));
}

TEST_CASE("The 95 % interval covers the true mean 95 % of the time", "[confidence_interval]") {
  twinlab::sim::RandomStream s(3, "coverage");
  const int trials = 20000, n = 8;
  int covered = 0;
  std::vector<double> x(n);
  for (int t = 0; t < trials; ++t) {
    for (auto& v : x) v = 10.0 + 3.0 * s.normal();
    const auto e = mean_confidence_interval(x, 0.95);
    covered += std::abs(e.mean - 10.0) <= e.half_width;
  }
  // Binomial(20000, 0.95): standard deviation 30.8; allow 5 of them.
  CHECK(std::abs(covered - 0.95 * trials) < 5.0 * std::sqrt(trials * 0.95 * 0.05));
}
