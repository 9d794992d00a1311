// Tests scenarios/resources.* and the twins' ResourceEstimate: the sizes counted, the refusal when a run
// cannot fit the memory available, and the long-run warning.
#include <catch2/catch.hpp>

#include "scenarios/dispersion/config.hpp"
#include "scenarios/dispersion/resources.hpp"
#include "scenarios/production_line/resources.hpp"
#include "scenarios/resources.hpp"
#include "scenarios/scenario.hpp"

using namespace twinlab::scenarios;

TEST_CASE("the dispersion estimate counts the Eulerian fields and the plume grid") {
  twinlab::twins::dispersion::Config c;
  c.meteorology.periods.resize(3);
  c.sources.resize(2);
  c.receptors.resize(5);
  c.plume.grid_nx = 101, c.plume.grid_ny = 51;
  c.eulerian.enabled = true;
  c.eulerian.nx = 100, c.eulerian.ny = 50, c.eulerian.nz = 20;
  c.eulerian.duration_s = 3600.0, c.eulerian.output_interval_s = 600.0;
  const ResourceEstimate e = dispersion_resources(c);
  // Eulerian: 1e5 cells x (7 outputs: 0, 600 .. 3000, 3600; + 3 working copies) x 8 B, plus 5 receptors x
  // 7 outputs x 8 B. Plume: 5151 nodes x (3 periods + 1 maximum) x 8 B + 5 x 3 x 8 B.
  const double eulerian = 1e5 * (7 + 3) * 8.0 + 5 * 7 * 8.0, plume = 5151 * 4 * 8.0 + 5 * 3 * 8.0;
  CHECK(e.memory_bytes == Approx(eulerian + plume).epsilon(1e-12));
  CHECK(e.memory_key == "dispersion.eulerian");
  CHECK_THAT(e.memory_detail, Catch::StartsWith("Eulerian grid 100 x 50 x 20 cells x (7 stored fields + 3"));
  c.eulerian.enabled = false;
  CHECK(dispersion_resources(c).memory_bytes == Approx(plume).epsilon(1e-12));
  CHECK(dispersion_resources(c).memory_key == "dispersion.plume");
}

TEST_CASE("the line estimate counts the time series and the event log") {
  twinlab::twins::production_line::LineConfig c;
  c.stations.resize(2);  // deterministic 60 s each: the line does at most 1/60 parts per second
  c.run.horizon_s = 86400.0, c.run.replications = 10, c.run.time_series_interval_s = 60.0;
  c.run.event_log_max = 1000;
  const ResourceEstimate e = line_resources(c);
  CHECK(e.memory_bytes == Approx(1440 * 7 * 8.0 * 11 + 1000 * 24.0).epsilon(1e-12));
  CHECK(e.memory_key == "line.run.time_series_interval_s");
  // 86400 s / 60 s x 2 stations x 10 replications = 28 800 services at 3e7 per second.
  CHECK(e.time_s == Approx(28800 / 3e7).epsilon(1e-12));
}

TEST_CASE("a run larger than the memory available is refused with both figures, a long run is warned of") {
  ResourceEstimate e;
  e.memory_bytes = 3.0 * (1ull << 30);
  e.memory_detail = "a grid";
  CHECK(memory_problem(e, MemoryAvailable{4.0 * (1ull << 30), "MemAvailable in /proc/meminfo"}).empty());
  CHECK(memory_problem(e, std::nullopt).empty());  // nothing known: nothing refused
  CHECK(memory_problem(e, MemoryAvailable{2.0 * (1ull << 30), "MemAvailable in /proc/meminfo"}) ==
        "the run needs at least 3.0 GiB of memory (a grid) but 2.0 GiB are available (MemAvailable in "
        "/proc/meminfo); make the grid coarser, store fewer outputs or shorten the run");
  e.time_s = 7200.0;
  e.time_detail = "many steps";
  CHECK(time_warning(e) == "the run will take about 2.0 h of CPU time (many steps); make it smaller if that is "
                           "not meant");
  e.time_s = 59.0;
  CHECK(time_warning(e).empty());
  const auto available = memory_available();
  REQUIRE(available);  // Linux: /proc/meminfo
  CHECK(available->bytes > 0.0);
}

TEST_CASE("a built twin estimates its run at the key of its largest part") {
  // 200 x 200 x 100 cells with 101 stored fields: 4e6 x 104 x 8 B = 3.1 GiB, under the 5e8 stored-values cap.
  const Scenario s = load_scenario(std::nullopt, {"dispersion.eulerian.nx=200", "dispersion.eulerian.ny=200",
                                                  "dispersion.eulerian.nz=100", "dispersion.eulerian.duration_s=6000",
                                                  "dispersion.eulerian.output_interval_s=60"});
  const auto twin = s.twin->build(s);
  CHECK(twin->estimate().memory_bytes > 3.0 * (1ull << 30));
  CHECK(twin->estimate().memory_key == "dispersion.eulerian");
}
