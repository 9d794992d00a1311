// Per-model KPIs (twins/dispersion/kpis): what the KPI table and summary.json print beside the figures.
#include <catch2/catch.hpp>

#include "twins/dispersion/kpis.hpp"
#include "twins/dispersion/plume_model.hpp"

using namespace twinlab::twins::dispersion;

TEST_CASE("Plume KPIs carry their height, grid spacing, averaging time and trust marks", "[dispersion][kpis]") {
  Config c;
  c.domain = {0.0, 4000.0, -1000.0, 1000.0, 500.0};
  c.plume.grid_nx = 81;  // 50 m
  c.plume.grid_ny = 81;  // 25 m
  c.plume.grid_height_m = 1.5;
  c.meteorology.periods = {routine_period(0.0, 4.0, 270.0, StabilityClass::D, 0.0),
                           routine_period(3600.0, 4.0, 270.0, StabilityClass::C, 0.0)};
  c.eulerian.duration_s = 9000.0;  // the last period lasts 5400 s
  c.sources = {{"stack", 20.0, 0.0, 30.0, 1.0, 0.0, 0.0, 0.0, {}}};
  c.receptors = {{"near", 70.0, 0.0, 1.5}, {"far", 1320.0, 0.0, 1.5}};
  const ModelKpis k = plume_kpis(c, run_plume_model(c));
  CHECK(k.ground_level_height_m == 1.5);
  CHECK(k.grid_spacing_m == Approx(50.0).epsilon(1e-14));
  CHECK(k.threshold_averaging_s == 5400.0);  // the longest period
  CHECK(k.trusted_range.min_distance_m == 100.0);
  CHECK_FALSE(k.receptors[0].trusted);  // 50 m from the stack: below the Briggs sigmas' 100 m
  CHECK(k.receptors[1].trusted);
  // A 30 m stack in C/D: the ground maximum is some hundreds of metres downwind, inside 100 m - 10 km. (The
  // stack is 20 m from the origin so that a mark taken before the maximum was found, at (0, 0), is false.)
  CAPTURE(k.ground_maximum.x_m);
  CHECK(k.ground_maximum.x_m - 20.0 > 100.0);
  CHECK(k.ground_maximum_trusted);
}
