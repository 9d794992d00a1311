// The plume model: periods, grid, receptors, source sums, effective heights and durations.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "base/error.hpp"
#include "twins/dispersion/briggs_sigma.hpp"
#include "twins/dispersion/plume_model.hpp"
#include "twins/dispersion/plume_rise.hpp"

using namespace twinlab::twins::dispersion;

namespace {

Config base_config() {
  Config c;
  c.domain = {0.0, 2000.0, -1000.0, 1000.0, 500.0};
  c.plume.grid_nx = 41;  // 50 m spacing
  c.plume.grid_ny = 41;
  c.plume.grid_height_m = 1.5;
  c.meteorology.reference_height_m = 10.0;
  c.meteorology.terrain = Terrain::Rural;
  c.meteorology.periods = {routine_period(0.0, 4.0, 270.0, StabilityClass::D, 0.0)};
  Source s;
  s.name = "stack";
  s.x_m = 0.0;
  s.y_m = 0.0;
  s.height_m = 40.0;
  s.emission_rate_kg_s = 0.5;
  c.sources = {s};
  c.receptors = {{"east", 1000.0, 0.0, 1.5}, {"north", 0.0, 800.0, 1.5}};
  c.eulerian.duration_s = 3600.0;
  return c;
}

std::size_t node(const PlumeResult& r, std::size_t t, std::size_t j, std::size_t i) {
  return t * r.x_m.size() * r.y_m.size() + j * r.x_m.size() + i;
}

}  // namespace

TEST_CASE("Grid, times and array shapes", "[dispersion][plume_model]") {
  Config c = base_config();
  c.meteorology.periods.push_back(routine_period(3600.0, 6.0, 180.0, StabilityClass::C, 800.0));
  c.eulerian.duration_s = 10800.0;
  const PlumeResult r = run_plume_model(c);
  REQUIRE(r.x_m.size() == 41);
  REQUIRE(r.y_m.size() == 41);
  CHECK(r.x_m.front() == 0.0);
  CHECK(r.x_m.back() == 2000.0);
  CHECK(r.y_m.front() == -1000.0);
  CHECK(r.y_m.back() == 1000.0);
  CHECK(r.x_m[1] == Approx(50.0).epsilon(1e-14));
  CHECK(r.grid_height_m == 1.5);
  CHECK(r.times_s == std::vector<double>{0.0, 3600.0});
  CHECK(r.concentration.size() == 2 * 41 * 41);
  CHECK(r.receptor_concentration.size() == 2 * 2);
  CHECK(r.effective_height_m.size() == 2 * 1);
  // Durations: the first lasts until the second starts, the last until eulerian.duration_s (10800 s).
  CHECK(r.period_duration_s == std::vector<double>{3600.0, 7200.0});
}

TEST_CASE("Duration of the last period", "[dispersion][plume_model]") {
  Config c = base_config();
  c.meteorology.periods.push_back(routine_period(7200.0, 6.0, 180.0, StabilityClass::C, 0.0));
  c.eulerian.duration_s = 9000.0;  // later than the last start: 9000 - 7200
  CHECK(period_duration_s(c, 0) == 7200.0);
  CHECK(period_duration_s(c, 1) == 1800.0);
  c.eulerian.duration_s = 7200.0;  // not later than its start: one hourly record
  CHECK(period_duration_s(c, 1) == 3600.0);
  c.eulerian.duration_s = 3600.0;
  CHECK(period_duration_s(c, 1) == 3600.0);
}

TEST_CASE("Grid and receptors match the hand formula with the wind at the effective height",
          "[dispersion][plume_model]") {
  const Config c = base_config();
  const PlumeResult r = run_plume_model(c);
  // No rise (no exit flow): H = 40 m. u(40 m) = 4 (40/10)^0.15 = 4.9007 m/s (class D rural, p = 0.15).
  CHECK(r.effective_height_m.at(0) == 40.0);
  const double u = 4.0 * std::pow(4.0, 0.15);
  // Receptor "east" at x = 1000 m downwind, y = 0, z = 1.5 m: sy = 80/sqrt(1.1), sz = 60/sqrt(2.5).
  const double sy = 80.0 / std::sqrt(1.1), sz = 60.0 / std::sqrt(2.5);
  const double expected = 0.5 / (2.0 * std::numbers::pi * u * sy * sz) *
                          (std::exp(-std::pow(1.5 - 40.0, 2) / (2 * sz * sz)) +
                           std::exp(-std::pow(1.5 + 40.0, 2) / (2 * sz * sz)));
  // Vectorised exp (a few ulp) and a different evaluation order: 1e-10 relative.
  CHECK(r.receptor_concentration.at(0) == Approx(expected).epsilon(1e-10));
  // The grid node at (1000, 0) is the same point.
  REQUIRE(r.x_m.at(20) == Approx(1000.0).epsilon(1e-14));
  REQUIRE(r.y_m.at(20) == Approx(0.0).margin(1e-12));
  CHECK(r.concentration.at(node(r, 0, 20, 20)) == Approx(expected).epsilon(1e-10));
  // "north" is crosswind of the source: level with it, so no contribution.
  CHECK(r.receptor_concentration.at(1) == 0.0);
  // Nothing west of the source (x = 0 column is level with it, everything else is downwind).
  for (std::size_t j = 0; j < r.y_m.size(); ++j) CHECK(r.concentration.at(node(r, 0, j, 0)) == 0.0);
}

TEST_CASE("Each period uses its own wind", "[dispersion][plume_model]") {
  Config c = base_config();
  c.domain = {-1000.0, 1000.0, -1000.0, 1000.0, 500.0};
  c.meteorology.periods = {routine_period(0.0, 4.0, 270.0, StabilityClass::D, 0.0),
                           routine_period(3600.0, 4.0, 180.0, StabilityClass::D, 0.0)};
  const PlumeResult r = run_plume_model(c);
  // Period 0 blows to the east: receptor "east" sees the plume, "north" does not; period 1 (from the south)
  // the reverse.
  CHECK(r.receptor_concentration.at(0) > 0.0);
  CHECK(r.receptor_concentration.at(1) == 0.0);
  CHECK(r.receptor_concentration.at(2) == 0.0);
  CHECK(r.receptor_concentration.at(3) > 0.0);
  // Grid: node (x=+750, y=0) in period 0 equals node (x=0, y=+750) in period 1 (rotation by 90 degrees).
  const auto idx = [&](double v, const std::vector<double>& axis) {
    return static_cast<std::size_t>(std::lround((v - axis.front()) / (axis[1] - axis[0])));
  };
  const double east = r.concentration.at(node(r, 0, idx(0.0, r.y_m), idx(750.0, r.x_m)));
  const double north = r.concentration.at(node(r, 1, idx(750.0, r.y_m), idx(0.0, r.x_m)));
  REQUIRE(east > 0.0);
  CHECK(north == Approx(east).epsilon(1e-10));  // sin/cos rounding only
}

TEST_CASE("Sources add up and plume rise raises the effective height", "[dispersion][plume_model]") {
  Config one = base_config();
  one.sources[0].diameter_m = 2.0;
  one.sources[0].exit_velocity_m_s = 15.0;
  one.sources[0].exit_temperature_K = 420.0;
  Config other = base_config();
  other.sources[0].name = "vent";
  other.sources[0].x_m = 300.0;
  other.sources[0].y_m = -200.0;
  other.sources[0].height_m = 5.0;
  other.sources[0].emission_rate_kg_s = 0.1;
  Config both = one;
  both.sources.push_back(other.sources[0]);

  const PlumeResult r1 = run_plume_model(one), r2 = run_plume_model(other), r12 = run_plume_model(both);
  // Rise uses the wind at the physical stack top, u(40 m) = 4 * 4^0.15.
  const double rise = briggs_plume_rise({2.0, 15.0, 420.0}, 293.15, 4.0 * std::pow(4.0, 0.15),
                                        StabilityClass::D).final_rise_m;
  REQUIRE(rise > 10.0);
  CHECK(r1.effective_height_m.at(0) == Approx(40.0 + rise).epsilon(1e-14));
  CHECK(r12.effective_height_m == std::vector<double>{r1.effective_height_m.at(0), 5.0});
  double peak = 0.0;
  for (double v : r12.concentration) peak = std::max(peak, v);
  REQUIRE(peak > 0.0);
  for (std::size_t k = 0; k < r12.concentration.size(); ++k) {
    // Sum of two accumulations in a different order: 1e-12 relative (plus 1e-15 of the peak near zero).
    REQUIRE(r12.concentration[k] == Approx(r1.concentration[k] + r2.concentration[k]).epsilon(1e-12).margin(1e-15 * peak));
  }
  for (std::size_t k = 0; k < r12.receptor_concentration.size(); ++k) {
    CHECK(r12.receptor_concentration[k] ==
          Approx(r1.receptor_concentration[k] + r2.receptor_concentration[k]).epsilon(1e-12));
  }
}

TEST_CASE("Emission schedules are averaged over the period", "[dispersion][plume_model]") {
  Config c = base_config();
  const double constant = run_plume_model(c).receptor_concentration.at(0);
  c.sources[0].schedule = {{0.0, 0.2}, {1800.0, 1.0}};  // 0.2 kg/s then 1.0 kg/s: mean 0.6 over the hour
  CHECK(mean_emission_rate_kg_s(c.sources[0], 0.0, 3600.0) == Approx(0.6).epsilon(1e-14));
  CHECK(mean_emission_rate_kg_s(c.sources[0], 1800.0, 3600.0) == Approx(1.0).epsilon(1e-14));
  CHECK(mean_emission_rate_kg_s(c.sources[0], 900.0, 2700.0) == Approx(0.6).epsilon(1e-14));
  // Linear in Q: 0.6 / 0.5 of the constant-rate value (rounding: 1e-12).
  CHECK(run_plume_model(c).receptor_concentration.at(0) == Approx(constant * 0.6 / 0.5).epsilon(1e-12));
}

TEST_CASE("Mixing height of the period applies", "[dispersion][plume_model]") {
  Config c = base_config();
  c.meteorology.periods[0].mixing_height_m = 30.0;  // below the 40 m stack: nothing reaches the ground
  const PlumeResult r = run_plume_model(c);
  CHECK(std::all_of(r.concentration.begin(), r.concentration.end(), [](double v) { return v == 0.0; }));
  // A lid above the stack raises ground values where sigma_z reaches it (class D, 2000 m: sigma_z = 60 m).
  c.meteorology.periods[0].mixing_height_m = 60.0;
  Config open = base_config();
  const PlumeResult lid = run_plume_model(c), none = run_plume_model(open);
  CHECK(lid.concentration.at(node(lid, 0, 20, 40)) > none.concentration.at(node(none, 0, 20, 40)));
}

TEST_CASE("Invalid plume configuration is rejected with the key", "[dispersion][plume_model]") {
  using twinlab::base::InputError;
  auto key_of = [](const Config& c) {
    try {
      run_plume_model(c);
    } catch (const twinlab::base::InputError& e) {
      return e.where().key;
    }
    return std::string("no error");
  };
  Config c = base_config();
  c.meteorology.periods.clear();
  CHECK(key_of(c) == "dispersion.meteorology.periods");
  c = base_config();
  c.plume.grid_nx = 1;
  CHECK(key_of(c) == "dispersion.plume.grid_nx");
  c = base_config();
  c.sources[0].height_m = -5.0;
  CHECK(key_of(c) == "dispersion.sources[0].height_m");
  c = base_config();
  c.meteorology.periods[0].wind_speed_m_s = 0.0;
  CHECK(key_of(c) == "dispersion.meteorology.periods[0].wind_speed_m_s");
  c = base_config();
  c.meteorology.periods.push_back(routine_period(0.0, 3.0, 90.0, StabilityClass::D, 0.0));
  CHECK(key_of(c) == "dispersion.meteorology.periods[1].start_s");
  c = base_config();
  c.receptors[1].z_m = -1.0;
  CHECK(key_of(c) == "dispersion.receptors[1].z_m");
}

TEST_CASE("A uniform wind profile gives the textbook plume with the measured u at every height",
          "[dispersion][plume_model][wind]") {
  // Before wind_profile existed, the plume always diluted with the power-law u(H) = 4 (40/10)^0.15 = 4.93 m/s,
  // 23 % above the measured 4 m/s: there was no way to get the textbook formula with u as given.
  Config c = base_config();
  c.meteorology.wind_profile = WindProfileKind::Uniform;
  c.receptors = {{"axis", 1000.0, 0.0, 1.5}, {"off_axis", 700.0, 60.0, 30.0}};
  const PlumeResult r = run_plume_model(c);
  const double q = 0.5, u = 4.0, h = 40.0;  // no plume rise: no exit velocity, ambient temperature
  for (std::size_t k = 0; k < c.receptors.size(); ++k) {
    const Receptor& rec = c.receptors[k];
    const double sy = briggs_sigma_y_m(StabilityClass::D, Terrain::Rural, rec.x_m);
    const double sz = briggs_sigma_z_m(StabilityClass::D, Terrain::Rural, rec.x_m);
    const double expected = q / (2.0 * std::numbers::pi * u * sy * sz) * std::exp(-rec.y_m * rec.y_m / (2 * sy * sy)) *
                            (std::exp(-(rec.z_m - h) * (rec.z_m - h) / (2 * sz * sz)) +
                             std::exp(-(rec.z_m + h) * (rec.z_m + h) / (2 * sz * sz)));
    CAPTURE(k, expected);
    // 1e-7: the kernel is compiled with -ffast-math (vectorised exp), as in test_gaussian_plume.cpp.
    CHECK(r.receptor_concentration[k] == Approx(expected).epsilon(1e-7));
  }
  // The power law (the default) dilutes with u(40 m) instead: the values scale by (40/10)^-0.15 exactly.
  Config power = c;
  power.meteorology.wind_profile = WindProfileKind::PowerLaw;
  const PlumeResult p = run_plume_model(power);
  CHECK(p.receptor_concentration[0] / r.receptor_concentration[0] == Approx(std::pow(4.0, -0.15)).epsilon(1e-9));
}

TEST_CASE("Grid statistics only: the same maxima, means and design values as with every grid kept",
          "[dispersion][plume_model][grid_series]") {
  Config c = base_config();
  c.meteorology.periods.clear();
  for (int h = 0; h < 30; ++h)
    c.meteorology.periods.push_back(routine_period(3600.0 * h, 3.0 + 0.1 * h, 250.0 + 3.0 * h,
                                                   h % 2 ? StabilityClass::C : StabilityClass::D, 0.0));
  c.meteorology.periods[4].status = PeriodStatus::Calm;
  c.meteorology.periods[4].wind_speed_m_s = 0.0;  // a calm: never evaluated (it would be invalid)
  c.meteorology.periods[7].status = PeriodStatus::Missing;
  c.eulerian.duration_s = 30 * 3600.0;
  c.compliance.limits = {{"hourly", 1e-6, AveragingPeriod::OneHour, 2, LimitStatistic::NthHighest, 99.0, ""},
                         {"daily", 1e-7, AveragingPeriod::Day, 0, LimitStatistic::NthHighest, 99.0, ""}};
  c.plume.grid_series = GridSeries::All;
  const PlumeResult all = run_plume_model(c);
  c.plume.grid_series = GridSeries::Statistics;
  const PlumeResult stats = run_plume_model(c);
  REQUIRE(all.full_grids);
  REQUIRE_FALSE(stats.full_grids);
  CHECK(stats.concentration.empty());
  const std::size_t nodes = 41 * 41;
  REQUIRE(all.concentration.size() == 30 * nodes);
  // Calm and missing periods give 0 everywhere (skipped).
  CHECK(*std::max_element(all.concentration.begin() + 4 * nodes, all.concentration.begin() + 5 * nodes) == 0.0);
  CHECK(std::isnan(all.effective_height_m[4]));
  // Per node, the maximum of the stored grids equals the statistic (computed in blocks, Z-ordered).
  for (std::size_t n = 0; n < nodes; ++n) {
    double m = 0.0;
    for (std::size_t t = 0; t < 30; ++t) m = std::max(m, all.concentration[t * nodes + n]);
    REQUIRE(stats.grid_statistics.max_kg_m3[n] == m);
  }
  CHECK(stats.grid_statistics.mean_kg_m3 == all.grid_statistics.mean_kg_m3);
  CHECK(stats.grid_statistics.design_value_kg_m3 == all.grid_statistics.design_value_kg_m3);
  CHECK(stats.grid_statistics.exceedances == all.grid_statistics.exceedances);
  const double peak = *std::max_element(stats.grid_statistics.max_kg_m3.begin(), stats.grid_statistics.max_kg_m3.end());
  CHECK(peak > 1e-6);  // the hourly limit is met somewhere: exceedances were counted on a real plume
  std::int64_t most = 0;
  for (auto e : stats.grid_statistics.exceedances) most = std::max(most, e);
  CHECK(most > 0);
  // Receptor statistics: the period mean over the 28 valid hours.
  double sum = 0.0;
  for (std::size_t t = 0; t < 30; ++t) sum += all.receptor_concentration[t * 2 + 0];
  CHECK(all.receptor_statistics.mean_kg_m3[0] == Approx(sum / 28.0).epsilon(1e-14));  // sum order differs
  CHECK(keeps_full_grids(c) == false);
  c.plume.grid_series = GridSeries::Auto;
  CHECK(keeps_full_grids(c));  // 30 x 1681 values: small
}
