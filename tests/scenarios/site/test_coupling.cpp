// The coupling of the site twin (scenarios/site/coupling.*): mass bookkeeping from the line's direct emissions
// to the dispersion source, the time mapping, and the checks of `coupling:` at file:line:col.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <numeric>

#include "base/error.hpp"
#include "scenarios/dispersion/config.hpp"
#include "scenarios/production_line/twin.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/site/coupling.hpp"
#include "scenarios/site/job.hpp"
#include "twins/dispersion/plume_model.hpp"

using namespace twinlab::scenarios;
namespace dsp = twinlab::twins::dispersion;

namespace {

const std::filesystem::path example = std::filesystem::path(TWINLAB_SOURCE_DIR) / "scenarios/examples/site_kiln.yaml";

// A small Eulerian grid beside the plume: the Eulerian model's mass budget counts what the source emitted.
std::vector<std::string> with_eulerian(std::vector<std::string> overrides) {
  for (const char* o : {"dispersion.eulerian.enabled=true", "dispersion.eulerian.nx=30", "dispersion.eulerian.ny=25",
                        "dispersion.eulerian.nz=8", "line.run.replications=3"})
    overrides.emplace_back(o);
  return overrides;
}

struct Built {
  Scenario scenario;
  twinlab::twins::production_line::LineConfig line;
  dsp::Config dispersion;
  CouplingConfig coupling;
};

Built build(const std::vector<std::string>& overrides) {
  Scenario s = load_scenario(example, overrides);
  auto line = checked_line_config(s);
  auto root = s.document.root();
  auto dispersion = dispersion_config(root.at("dispersion"), {root.at("coupling").at("source").text()});
  auto coupling = read_coupling(root.at("coupling"), root.at("dispersion"), dispersion, line);
  return {std::move(s), std::move(line), std::move(dispersion), std::move(coupling)};
}

SiteOutcome run(const Built& b) { return run_site(b.line, b.dispersion, b.coupling, RunSettings{b.scenario.seed, 1, false}); }

// The line's direct emissions over its measured window, from its own per-replication totals (not from the
// series the coupling reads): the mean over replications.
double line_direct_kg(const SiteOutcome& o) {
  double sum = 0.0;
  for (const auto& r : o.line.result.per_replication) sum += r.direct_emissions_kg;
  return sum / static_cast<double>(o.line.result.per_replication.size());
}

}  // namespace

TEST_CASE("the source emits factor x the line's direct emissions over the mapped window") {
  const double start_s = GENERATE(0.0, 7200.0);
  CAPTURE(start_s);
  // A 12-hour line window inside the 24-hour dispersion run, moved by start_s.
  const Built b = build(with_eulerian({"line.run.horizon_s=43200", "coupling.start_s=" + std::to_string(start_s)}));
  const SiteOutcome o = run(b);
  const double factor = 0.008;  // the example's SO2 factor
  REQUIRE(b.coupling.factor_kg_per_kg == factor);
  const double line_kg = line_direct_kg(o);
  REQUIRE(line_kg > 0.0);
  // Series and totals are two bookkeepings of one simulation: equal to summation round-off (1e-9 relative).
  CHECK(o.coupled.line_direct_kg == Approx(line_kg).epsilon(1e-9));
  CHECK(o.coupled.source_kg == Approx(factor * line_kg).epsilon(1e-9));
  // The Eulerian model steps to every schedule change and integrates the rate exactly; its budget sums
  // thousands of steps, so 1e-9 relative covers the round-off.
  const auto& budget = o.dispersion.eulerian->budget;
  CHECK(budget.emitted_kg.back() == Approx(factor * line_kg).epsilon(1e-9));
  // Nothing is emitted before the window starts, everything by its end (output times are hourly).
  const auto& times = o.dispersion.eulerian->times_s;
  for (std::size_t k = 0; k < times.size(); ++k) {
    CAPTURE(times[k]);
    if (times[k] <= start_s) CHECK(budget.emitted_kg[k] == 0.0);
    if (times[k] >= start_s + 43200.0) CHECK(budget.emitted_kg[k] == Approx(factor * line_kg).epsilon(1e-9));
  }
  // The plume integrates the same schedule per period: its period-mean rates hold the same mass.
  const auto& periods = b.dispersion.meteorology.periods;
  double plume_kg = 0.0;
  for (std::size_t p = 0; p < periods.size(); ++p) {
    const double t0 = periods[p].start_s, t1 = p + 1 < periods.size() ? periods[p + 1].start_s : 86400.0;
    plume_kg += dsp::mean_emission_rate_kg_s(o.dispersion_config.sources[0], t0, t1) * (t1 - t0);
  }
  CHECK(plume_kg == Approx(factor * line_kg).epsilon(1e-9));
}

TEST_CASE("a chosen replication's series drives the source") {
  const Built b = build({"coupling.schedule=replication", "coupling.replication=2", "line.run.replications=3"});
  const SiteOutcome o = run(b);
  CHECK(o.coupled.line_direct_kg == Approx(o.line.result.per_replication[2].direct_emissions_kg).epsilon(1e-9));
  CHECK(o.coupled.line_direct_rate_kg_s == o.line.result.per_replication[2].series.direct_emission_rate_kg_s);
}

TEST_CASE("coupling errors are located at the offending key") {
  auto error_of = [](const std::vector<std::string>& overrides) -> twinlab::base::InputError {
    try {
      build(overrides);
    } catch (const twinlab::base::InputError& e) {
      return e;
    }
    FAIL("no error");
    throw;
  };
  SECTION("a source that does not exist") {
    const auto e = error_of({"coupling.source=kiln_stak"});
    CHECK(e.where().key == "coupling.source");
    CHECK_THAT(e.message(), Catch::Contains("did you mean 'kiln_stack'"));
  }
  SECTION("no factor for the dispersion pollutant") {
    const auto e = error_of({"dispersion.pollutant.name=PM10"});
    CHECK(e.where().key == "coupling.factors");
    CHECK_THAT(e.message(), Catch::Contains("PM10"));
  }
  SECTION("the line's window outside the dispersion run") {
    const auto e = error_of({"coupling.start_s=3600"});  // 24 h of line from 1 h on: past the 24 h run
    CHECK(e.where().key == "coupling.start_s");
    CHECK_THAT(e.message(), Catch::Contains("outside the dispersion run [0, 86400] s"));
  }
  SECTION("a replication the line does not run") {
    const auto e = error_of({"coupling.schedule=replication", "coupling.replication=8"});
    CHECK(e.where().key == "coupling.replication");
  }
  SECTION("a rate of its own in the file") {
    const auto e = error_of({"dispersion.sources[0].emission_rate_kg_s=0.1"});
    CHECK(e.where().key == "dispersion.sources[0].emission_rate_kg_s");
  }
}
