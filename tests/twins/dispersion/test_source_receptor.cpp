// The source-receptor coupling (twins/dispersion/source_receptor): unit-rate runs superpose to the full run.
#include <catch2/catch.hpp>
#include <algorithm>
#include <string>

#include "twins/dispersion/eulerian_model.hpp"
#include "twins/dispersion/plume_model.hpp"
#include "twins/dispersion/source_receptor.hpp"

using namespace twinlab::twins::dispersion;

namespace {

std::string sensor_name(int k) {  // (GCC 12 warns wrongly, -Wrestrict, on "s" + std::to_string(k))
  std::string name = "s";
  name += std::to_string(k);
  return name;
}

Config two_stacks() {
  Config c;
  c.domain = {0.0, 2000.0, -1000.0, 1000.0, 500.0};
  c.meteorology.periods = {routine_period(0.0, 5.0, 270.0, StabilityClass::D),
                           routine_period(3600.0, 3.0, 250.0, StabilityClass::C)};
  Source a;
  a.name = "a";
  a.x_m = 200.0, a.y_m = -100.0, a.height_m = 20.0, a.emission_rate_kg_s = 0.5;
  Source b;
  b.name = "b";
  b.x_m = 300.0, b.y_m = 150.0, b.height_m = 40.0, b.diameter_m = 2.0, b.exit_velocity_m_s = 10.0;
  b.exit_temperature_K = 400.0;
  b.schedule = {{0.0, 3.0}, {3600.0, 1.0}};
  c.sources = {a, b};
  for (int k = 0; k < 6; ++k)
    c.receptors.push_back({sensor_name(k), 800.0 + 150.0 * k, -300.0 + 120.0 * k, 1.5});
  return c;
}

}  // namespace

TEST_CASE("plume: background + coupling x rates reproduces the full run at every receptor and period") {
  const Config c = two_stacks();
  const PlumeResult full = run_plume_model(c);
  // b estimated, a as background at its own rate; b's rate per period is its schedule's.
  const SourceReceptorCoupling g = source_receptor_coupling(c, {1}, CouplingModel::Plume);
  REQUIRE(g.times_s.size() == 2);
  REQUIRE(g.unit.size() == 1);
  const double rate_b[] = {3.0, 1.0};
  for (std::size_t p = 0; p < 2; ++p)
    for (std::size_t r = 0; r < c.receptors.size(); ++r) {
      CAPTURE(p, r);
      const double expected = full.receptor_concentration[p * c.receptors.size() + r];
      // 1e-12 relative: the same kernel evaluations summed in another order.
      CHECK(g.background_at(p, r) + rate_b[p] * g.unit_at(0, p, r) == Approx(expected).epsilon(1e-12).margin(1e-300));
    }
  CHECK(coupling_run_end_s(c, CouplingModel::Plume) == 7200.0);
}

TEST_CASE("Eulerian: the unit runs of every source superpose to the run with both") {
  Config c = two_stacks();
  c.eulerian.enabled = true;
  c.eulerian.nx = 20, c.eulerian.ny = 20, c.eulerian.nz = 10;
  c.eulerian.duration_s = 1800.0;
  c.eulerian.output_interval_s = 600.0;
  c.sources[1].schedule.clear();
  c.sources[1].emission_rate_kg_s = 2.0;
  const EulerianResult full = run_eulerian_model(c);
  const SourceReceptorCoupling g = source_receptor_coupling(c, {0, 1}, CouplingModel::Eulerian);
  REQUIRE(g.times_s == full.times_s);
  for (std::size_t t = 0; t < g.times_s.size(); ++t)
    for (std::size_t r = 0; r < c.receptors.size(); ++r) {
      CAPTURE(t, r);
      const double expected = full.receptor_concentration[t * c.receptors.size() + r];
      // The solver is linear, but its flux limiter is not: the sum of two limited fields differs from the limited
      // field of the sum where they overlap by a fraction of the truncation error; 1e-3 relative of the
      // largest value bounds it on this grid.
      const double scale = *std::max_element(full.receptor_concentration.begin(), full.receptor_concentration.end());
      CHECK(0.5 * g.unit_at(0, t, r) + 2.0 * g.unit_at(1, t, r) == Approx(expected).margin(1e-3 * scale));
      CHECK(g.background_at(t, r) == 0.0);
    }
}
