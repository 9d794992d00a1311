// Emission rates estimated from sensor observations (twins/dispersion/source_estimation): coverage of the
// 95 % intervals on synthetic observations made by the twin itself, and the release rates of Project Prairie
// Grass estimated from the measured arc maxima.
#include <catch2/catch.hpp>
#include <string>

#include <cmath>
#include <iostream>
#include <limits>
#include <random>

#include "tests/support/prairie_grass.hpp"
#include "twins/dispersion/plume_model.hpp"
#include "twins/dispersion/source_estimation.hpp"

using namespace twinlab::twins::dispersion;

namespace {

std::string sensor_name(int k) {  // (GCC 12 warns wrongly, -Wrestrict, on "s" + std::to_string(k))
  std::string name = "s";
  name += std::to_string(k);
  return name;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

// Two stacks, three hourly periods of different wind, eight sensors downwind.
Config synthetic_site() {
  Config c;
  c.domain = {0.0, 3000.0, -1500.0, 1500.0, 500.0};
  c.meteorology.periods = {routine_period(0.0, 5.0, 270.0, StabilityClass::D),
                           routine_period(3600.0, 3.0, 255.0, StabilityClass::C),
                           routine_period(7200.0, 4.0, 285.0, StabilityClass::E)};
  Source a;
  a.name = "a";
  a.x_m = 200.0, a.y_m = -150.0, a.height_m = 20.0, a.emission_rate_kg_s = 0.5;
  Source b;
  b.name = "b";
  b.x_m = 400.0, b.y_m = 200.0, b.height_m = 40.0, b.diameter_m = 2.0, b.exit_velocity_m_s = 10.0;
  b.exit_temperature_K = 400.0;
  b.schedule = {{0.0, 3.0}, {3600.0, 1.0}, {7200.0, 2.0}};
  c.sources = {a, b};
  for (int k = 0; k < 8; ++k)
    c.receptors.push_back({sensor_name(k), 900.0 + 200.0 * (k % 4), -450.0 + 130.0 * k, 1.5});
  return c;
}

}  // namespace

TEST_CASE("noise-free observations made by the twin give back the true rates of every period") {
  const Config c = synthetic_site();
  const PlumeResult truth = run_plume_model(c);
  const SourceReceptorCoupling g = source_receptor_coupling(c, {0, 1}, CouplingModel::Plume);
  std::vector<SensorObservation> obs;
  for (std::size_t p = 0; p < 3; ++p)
    for (std::size_t r = 0; r < c.receptors.size(); ++r) {
      const double v = truth.receptor_concentration[p * c.receptors.size() + r];
      obs.push_back({1800.0 + 3600.0 * p, r, v, 0.05 * v + 1e-12});
    }
  const SourceEstimate e = estimate_sources(g, obs, {{1.0, kInf}, {1.0, kInf}});
  const double rate_a[] = {0.5, 0.5, 0.5}, rate_b[] = {3.0, 1.0, 2.0};
  REQUIRE(e.periods.size() == 3);
  for (std::size_t p = 0; p < 3; ++p) {
    CAPTURE(p);
    CHECK(e.periods[p].observations == 8);
    // 1e-8 relative: exact data, a well-conditioned 8 x 2 system per period.
    CHECK(e.periods[p].mean_kg_s(0) == Approx(rate_a[p]).epsilon(1e-8));
    CHECK(e.periods[p].mean_kg_s(1) == Approx(rate_b[p]).epsilon(1e-8));
    CHECK(e.periods[p].nnls_kg_s(0) == Approx(rate_a[p]).epsilon(1e-8));
    CHECK(e.periods[p].nnls_kg_s(1) == Approx(rate_b[p]).epsilon(1e-8));
    CHECK(e.periods[p].chi_square == Approx(0.0).margin(1e-12));
  }
  for (std::size_t i = 0; i < obs.size(); ++i) CHECK(e.predicted_kg_m3[i] == Approx(obs[i].value_kg_m3).epsilon(1e-8));
}

// Coverage: observations = the twin's own concentrations with the true rates + Gaussian noise of known sigma
// (10 % of the value + 0.1 ug/m^3). With a prior far wider than the rates the posterior is the generalised
// least-squares estimate, whose 95 % interval covers the truth with probability exactly 0.95 in a linear-
// Gaussian model. 500 seeds x 3 periods x 2 sources = 3000 intervals; the binomial standard deviation of the
// covered fraction is sqrt(0.95 0.05 / 3000) = 0.0040, at most 0.0056 with the correlation of the two sources
// of one period (at worst two intervals move as one); +-0.02 is 3.5 such deviations. The printed figure is the
// one in docs/estimate.md.
TEST_CASE("the 95 % intervals cover the true rates at the nominal rate over many seeds") {
  const Config c = synthetic_site();
  const PlumeResult truth = run_plume_model(c);
  const SourceReceptorCoupling g = source_receptor_coupling(c, {0, 1}, CouplingModel::Plume);
  const double rate_a[] = {0.5, 0.5, 0.5}, rate_b[] = {3.0, 1.0, 2.0};
  std::mt19937_64 rng(20261203);
  std::normal_distribution<double> normal;
  int covered = 0, total = 0, covered_nnls_sign = 0;
  for (int seed = 0; seed < 500; ++seed) {
    std::vector<SensorObservation> obs;
    for (std::size_t p = 0; p < 3; ++p)
      for (std::size_t r = 0; r < c.receptors.size(); ++r) {
        const double v = truth.receptor_concentration[p * c.receptors.size() + r];
        const double sigma = 0.1 * v + 1e-10;
        obs.push_back({1800.0 + 3600.0 * p, r, v + sigma * normal(rng), sigma});
      }
    const SourceEstimate e = estimate_sources(g, obs, {{1.0, 1e3}, {1.0, 1e3}});
    for (std::size_t p = 0; p < 3; ++p)
      for (int k = 0; k < 2; ++k) {
        const double truth_k = k == 0 ? rate_a[p] : rate_b[p];
        const double half = 1.959964 * std::sqrt(e.periods[p].covariance(k, k));
        covered += std::abs(e.periods[p].mean_kg_s(k) - truth_k) <= half ? 1 : 0;
        covered_nnls_sign += e.periods[p].nnls_kg_s(k) >= 0.0 ? 1 : 0;
        ++total;
      }
  }
  const double fraction = static_cast<double>(covered) / total;
  std::cout << "coverage of the 95 % intervals: " << covered << " / " << total << " = " << fraction << "\n";
  CHECK(total == 3000);
  CHECK(std::abs(fraction - 0.95) < 0.02);
  CHECK(covered_nnls_sign == total);
}

// Prairie Grass: each run's release rate Q estimated from its measured arc maxima (kg/m^3) with the plume
// model (a unit source at the release height, sensors on the plume axis at the arc distances, Briggs rural
// sigmas with the run's class and wind): one unknown, flat prior, observation error 50 % of the value (model
// error dominates; the weights then fit log-ratios evenly across the arcs).
TEST_CASE("Prairie Grass: release rates estimated from the arc maxima") {
  const auto runs = twinlab::test::prairie_grass_runs_with_meteorology();
  REQUIRE(runs.size() == 53);
  int within2 = 0, within125 = 0;
  std::vector<double> log_ratios;
  for (const auto& [run, arcs] : runs) {
    const auto& first = arcs.front();
    Config c;
    c.domain = {-10.0, 1000.0, -500.0, 500.0, 100.0};
    c.meteorology.reference_height_m = first.wind_height_m;
    c.meteorology.surface.roughness_length_m = 0.006;
    c.meteorology.periods = {routine_period(0.0, first.wind_speed_m_s, 270.0,
                                            static_cast<StabilityClass>(first.pasquill_class - 'A'))};
    Source s;
    s.name = "release";
    s.height_m = first.release_height_m;
    s.emission_rate_kg_s = 0.0;  // unknown
    c.sources = {s};
    std::vector<SensorObservation> obs;
    for (const auto& a : arcs) {
      c.receptors.push_back({"arc" + std::to_string(static_cast<int>(a.distance_m)), a.distance_m, 0.0,
                             a.receptor_height_m});
      const double observed = a.arc_max_over_q_s_m3 * a.release_rate_g_s * 1e-3;
      obs.push_back({600.0, c.receptors.size() - 1, observed, 0.5 * observed});
    }
    const SourceReceptorCoupling g = source_receptor_coupling(c, {0}, CouplingModel::Plume);
    const SourceEstimate e = estimate_sources(g, obs, {{0.0, kInf}});
    const double ratio = e.periods[0].mean_kg_s(0) / (first.release_rate_g_s * 1e-3);
    CAPTURE(run, ratio);
    REQUIRE(ratio > 0.0);
    log_ratios.push_back(std::log(ratio));
    within2 += (ratio >= 0.5 && ratio <= 2.0) ? 1 : 0;
    within125 += (ratio >= 0.8 && ratio <= 1.25) ? 1 : 0;
  }
  double mean_log = 0.0;
  for (double l : log_ratios) mean_log += l / log_ratios.size();
  const double f2 = within2 / 53.0, f125 = within125 / 53.0;
  std::cout << "Prairie Grass Q estimated/true over 53 runs: within x2 " << within2 << " (" << f2 << "), within x1.25 "
            << within125 << " (" << f125 << "), geometric mean ratio " << std::exp(mean_log) << "\n";
  // Measured (docs/estimate.md): 44 of 53 runs within a factor 2 (0.83), 16 within 1.25 (0.30), geometric mean
  // ratio 0.86. The estimate cannot beat the model: Q is a weighted mean of a run's observed/predicted ratios,
  // so it keeps the run's systematic error and drops only the arc-to-arc scatter. The model's own acceptance
  // on these arcs (test_prairie_grass.cpp) is FAC2 >= 0.7 (measured 0.80) and 0.7 <= MG <= 1.3; the estimate is
  // held to FAC2 >= 0.75 (40 runs; the measured 44 less one binomial sd, sqrt(53 x 0.83 x 0.17) = 2.7 runs, and
  // a run for rounding), to the same MG window, and to a factor 1.25 for at least a quarter of the runs
  // (14 runs; the run-to-run scatter of ln(ratio), about 0.5, puts ~35 % inside +-ln 1.25 if unbiased).
  CHECK(within2 >= 40);
  CHECK(within125 >= 14);
  CHECK(std::exp(mean_log) >= 0.7);
  CHECK(std::exp(mean_log) <= 1.3);
}
