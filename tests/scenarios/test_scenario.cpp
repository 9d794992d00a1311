#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "io/scenario_schema.hpp"
#include "scenarios/dispersion/config.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/study/study_file.hpp"
#include "scenarios/twin.hpp"

using namespace twinlab::scenarios;
using twinlab::base::InputError;

TEST_CASE("the built-in default scenario is a valid dispersion scenario with sources and sensors") {
  const Scenario s = load_scenario(std::nullopt, {});
  CHECK(std::string(s.twin->name) == "dispersion");
  CHECK(s.name == "industrial_stack");
  CHECK(s.seed == 1);
  const auto config = dispersion_config(s.document.root().at("dispersion"));
  CHECK(config.sources.size() == 2);
  CHECK(config.receptors.size() == 5);
  CHECK(config.plume.enabled);
  CHECK(config.eulerian.enabled);
  CHECK(config.meteorology.periods.size() == 6);
}

TEST_CASE("the seed and dotted-key overrides reach the resolved scenario") {
  const Scenario s = load_scenario(std::nullopt, {"dispersion.sources[1].height_m=30", "name=other"}, 42);
  CHECK(s.seed == 42);
  CHECK(s.name == "other");
  const auto config = dispersion_config(s.document.root().at("dispersion"));
  CHECK(config.sources[1].height_m == 30.0);
  CHECK_THAT(s.document.resolved_yaml(), Catch::Contains("seed: 42"));
}

TEST_CASE("every example scenario in scenarios/examples validates, and both twins have examples") {
  int dispersion = 0, line = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(TWINLAB_SOURCE_DIR) /
                                                               "scenarios/examples")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path());
    const Scenario s = load_scenario(entry.path(), {});
    CHECK_NOTHROW(s.twin->build(s));
    (std::string(s.twin->name) == "dispersion" ? dispersion : line) += 1;
  }
  CHECK(dispersion >= 3);
  CHECK(line >= 2);
}

TEST_CASE("docs/studies.md holds the current study-file key reference (scripts/update_docs.sh refreshes it)") {
  std::ifstream in(std::filesystem::path(TWINLAB_SOURCE_DIR) / "docs/studies.md");
  REQUIRE(in);
  std::stringstream doc;
  doc << in.rdbuf();
  CHECK(doc.str().find(twinlab::io::schema_markdown(study_schema())) != std::string::npos);
}

TEST_CASE("docs/scenarios.md holds the current key reference (scripts/update_docs.sh refreshes it)") {
  std::ifstream in(std::filesystem::path(TWINLAB_SOURCE_DIR) / "docs/scenarios.md");
  REQUIRE(in);
  std::stringstream doc;
  doc << in.rdbuf();
  for (const TwinEntry& twin : twin_registry()) {
    const std::string generated = twinlab::io::schema_markdown(scenario_schema(twin));
    CHECK(doc.str().find(generated) != std::string::npos);
  }
}

TEST_CASE("cross-key checks fail at the offending key") {
  SECTION("a source outside the domain") {
    const Scenario s = load_scenario(std::nullopt, {"dispersion.sources[0].y_m=99999"});
    try {
      dispersion_config(s.document.root().at("dispersion"));
      FAIL("no error");
    } catch (const twinlab::base::InputError& e) {
      CHECK(e.where().key == "dispersion.sources[0].y_m");
      CHECK(e.where().file == "--set dispersion.sources[0].y_m=99999");
    }
  }
  SECTION("a receptor outside the domain, located in the file") {
    const Scenario s = load_scenario(std::nullopt, {"dispersion.domain.x_max_m=4000"});
    try {
      dispersion_config(s.document.root().at("dispersion"));
      FAIL("no error");
    } catch (const twinlab::base::InputError& e) {
      CHECK(e.where().key == "dispersion.receptors[2].x_m");  // the school, east of x = 4000 m
      CHECK(e.where().file == default_scenario_label);
      CHECK(e.where().line > 1);
    }
  }
}

TEST_CASE("dispersion.meteorology.turbulence: briggs by default, similarity when asked") {
  namespace dsp = twinlab::twins::dispersion;
  const Scenario d = load_scenario(std::nullopt, {});
  CHECK(dispersion_config(d.document.root().at("dispersion")).meteorology.turbulence == dsp::TurbulenceModel::Briggs);
  const Scenario s = load_scenario(std::nullopt, {"dispersion.meteorology.turbulence=similarity"});
  CHECK(dispersion_config(s.document.root().at("dispersion")).meteorology.turbulence ==
        dsp::TurbulenceModel::Similarity);
  CHECK_THROWS_AS(load_scenario(std::nullopt, {"dispersion.meteorology.turbulence=k_epsilon"}), InputError);
}
