// The site twin through the twin interface (scenarios/site/twin.*): KPIs of both twins under their prefixes,
// linearity of the dispersion in the coupling factor, and a line policy moving the dispersion KPIs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

using namespace twinlab::scenarios;

namespace {

const std::filesystem::path example = std::filesystem::path(TWINLAB_SOURCE_DIR) / "scenarios/examples/site_kiln.yaml";

std::map<std::string, double> kpis_of(std::vector<std::string> overrides) {
  overrides.emplace_back("line.run.replications=4");
  const Scenario s = load_scenario(example, overrides);
  REQUIRE(std::string(s.twin->name) == "site");
  const auto twin = s.twin->build(s);
  std::map<std::string, double> out;
  for (const Kpi& k : twin->run(RunSettings{s.seed, 1, false})->kpis()) out[k.name] = k.value;
  return out;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

TEST_CASE("site KPIs carry the prefixes of their twins") {
  const auto k = kpis_of({});
  CHECK(k.count("line.throughput_per_s") == 1);
  CHECK(k.count("line.station.kiln.availability") == 1);
  CHECK(k.count("dispersion.plume.receptor.school.peak_kg_m3") == 1);
  CHECK(k.count("dispersion.plume.receptor.school.time_above_threshold_s") == 1);
  CHECK(k.at("coupling.source_emissions_kg") == Approx(0.008 * k.at("coupling.line_direct_emissions_kg")));
}

TEST_CASE("a doubled coupling factor doubles every concentration and leaves the line alone") {
  const std::vector<std::string> eulerian = {"dispersion.eulerian.enabled=true", "dispersion.eulerian.nx=30",
                                             "dispersion.eulerian.ny=25", "dispersion.eulerian.nz=8"};
  auto doubled_overrides = eulerian;
  doubled_overrides.emplace_back("coupling.factors[0].kg_per_kg=0.016");
  const auto base = kpis_of(eulerian), doubled = kpis_of(doubled_overrides);
  int concentrations = 0;
  for (const auto& [name, value] : base) {
    CAPTURE(name);
    if (name.rfind("line.", 0) == 0) CHECK(doubled.at(name) == value);  // same seed, same line run
    if (name.rfind("dispersion.", 0) == 0 && (ends_with(name, "_kg_m3") || ends_with(name, "deposited_kg"))) {
      // Both models are linear in the emission rate; scaling by 2 is exact in binary floating point, so
      // only a non-homogeneous step (none is expected) could move the ratio: 1e-12 relative.
      CHECK(doubled.at(name) == Approx(2.0 * value).epsilon(1e-12));
      concentrations += value > 0.0;
    }
  }
  CHECK(concentrations >= 10);  // the school and the others, in both models
}

TEST_CASE("a policy that keeps the kiln in maintenance half the time lowers the SO2 at the school") {
  const auto base = kpis_of({});
  // Preventive maintenance every busy hour lasting an hour: the kiln works at most half the day.
  const auto heavy = kpis_of({"line.stations[1].maintenance.interval_s=3600",
                              "line.stations[1].maintenance.duration.value=3600"});
  CHECK(heavy.at("line.throughput_per_s") < 0.75 * base.at("line.throughput_per_s"));
  CHECK(heavy.at("coupling.source_emissions_kg") < 0.75 * base.at("coupling.source_emissions_kg"));
  CHECK(heavy.at("dispersion.plume.receptor.school.peak_kg_m3") < base.at("dispersion.plume.receptor.school.peak_kg_m3"));
  CHECK(heavy.at("dispersion.plume.receptor.school.time_above_threshold_s") <=
        base.at("dispersion.plume.receptor.school.time_above_threshold_s"));
}
