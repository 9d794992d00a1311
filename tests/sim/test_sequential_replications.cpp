// Tests sim/sequential_replications.*: the stopping point against a closed form, the procedure's mean
// stopping point and coverage on a figure of known variance, the cap, and a zero mean.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <span>
#include <vector>

#include "sim/confidence_interval.hpp"
#include "sim/sequential_replications.hpp"

using twinlab::sim::SequentialTarget;
using twinlab::sim::sequential_stop;
using twinlab::sim::student_t_quantile;

TEST_CASE("Sequential rule: the stopping point of an alternating series, in closed form", "[sim][sequential]") {
  // x = mu + a, mu - a, ...: after n values the mean is mu (n even) or mu + a/n (n odd), and the sample
  // variance a^2 n / (n - 1) (n even) or a^2 (n + 1) / n (n odd). The rule stops at the first n >= n_min
  // with t_{0.975, n-1} s / sqrt(n) <= gamma / (1 + gamma) |mean|.
  const double mu = 10.0, a = GENERATE(1.0, 2.5, 4.0), gamma = GENERATE(0.02, 0.05, 0.1);
  std::vector<double> x(2000);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = mu + (i % 2 == 0 ? a : -a);
  SequentialTarget target{gamma, 0.95, 3, 2000};
  std::size_t expected = 0;
  for (std::size_t n = 3; n <= x.size() && expected == 0; ++n) {
    const double dn = static_cast<double>(n);
    const double mean = n % 2 == 0 ? mu : mu + a / dn;
    const double var = n % 2 == 0 ? a * a * dn / (dn - 1) : a * a * (dn + 1) / dn;
    if (student_t_quantile(0.975, dn - 1) * std::sqrt(var / dn) <= gamma / (1 + gamma) * mean) expected = n;
  }
  CAPTURE(a, gamma, expected);
  REQUIRE(expected > 3);
  const std::vector<std::span<const double>> series = {x};
  CHECK(sequential_stop(series, x.size(), target) == expected);
  CHECK(sequential_stop(series, expected - 1, target) == 0);  // not yet: run more
  // A second, always precise series does not change the point; a noisier one delays it (or, for the
  // tightest cases, keeps it beyond the 2000 values).
  const std::vector<double> flat(2000, 3.0);
  CHECK(sequential_stop({x, flat}, x.size(), target) == expected);
  std::vector<double> wider(2000);
  for (std::size_t i = 0; i < wider.size(); ++i) wider[i] = mu + (i % 2 == 0 ? 2 * a : -2 * a);
  const std::size_t wider_stop = sequential_stop({x, wider}, x.size(), target);  // 0: not within 2000
  CHECK((wider_stop == 0 || wider_stop > expected));
}

TEST_CASE("Sequential rule on a figure of known variance: where it stops and what it covers", "[sim][sequential]") {
  // Normal figures, mean 10, standard deviation 1, gamma = 0.05: the large-sample stopping point is
  // n* = (1.96 sigma / (gamma' mu))^2 = 16.9 with gamma' = gamma / (1 + gamma); the t quantile of small n
  // delays it a little (mean 17.6 in 400 runs of an independent Python check). Over 400 runs the mean
  // stopping point must lie within 15 % of n* (its standard error is 0.3), and the relative error of the
  // mean must be <= gamma in >= 90 % of runs (nominal 95 %; binomial sd 1.1 %).
  const double mu = 10.0, sigma = 1.0, gamma = 0.05;
  const double n_star = std::pow(1.959964 * sigma / (gamma / (1 + gamma) * mu), 2);
  const SequentialTarget target{gamma, 0.95, 5, 500};
  double sum_n = 0.0;
  int covered = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> figure(mu, sigma);
    std::vector<double> x(500);
    for (double& v : x) v = figure(rng);
    const std::size_t n = sequential_stop({x}, x.size(), target);
    REQUIRE(n >= 5);
    sum_n += static_cast<double>(n);
    double mean = 0.0;
    for (std::size_t i = 0; i < n; ++i) mean += x[i] / static_cast<double>(n);
    covered += std::abs(mean - mu) / mu <= gamma;
  }
  CAPTURE(n_star, sum_n / 400, covered);
  CHECK(std::abs(sum_n / 400 - n_star) <= 0.15 * n_star);
  CHECK(covered >= 360);
}

TEST_CASE("Sequential rule: the cap, and a figure whose mean is zero", "[sim][sequential]") {
  std::vector<double> noisy(50);
  for (std::size_t i = 0; i < noisy.size(); ++i) noisy[i] = (i % 2 == 0 ? 1.0 : -0.5);  // mean 0.25, wide
  const SequentialTarget tight{0.001, 0.95, 5, 50};
  CHECK(sequential_stop({noisy}, noisy.size(), tight) == 0);  // the caller stops at the cap
  const std::vector<double> zero(50, 0.0);  // mean 0, half-width 0: precise (nothing to estimate)
  CHECK(sequential_stop({zero}, zero.size(), tight) == 5);
  std::vector<double> around_zero(50);
  for (std::size_t i = 0; i < around_zero.size(); ++i) around_zero[i] = (i % 2 == 0 ? 1.0 : -1.0);
  CHECK(sequential_stop({around_zero}, around_zero.size(), SequentialTarget{0.5, 0.95, 5, 50}) == 0);
}
