// Tests scenarios/line_input_checks.* (and the distribution messages of scenarios/line_config.*): input the
// line twin would otherwise accept silently is an error or a warning at the key's file:line:column.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "scenarios/production_line/config.hpp"
#include "scenarios/production_line/input_checks.hpp"
#include "scenarios/production_line/schema.hpp"
#include "scenarios/scenario.hpp"

using namespace twinlab::scenarios;
using twinlab::base::InputError;

namespace {

// Writes text to a scenario file in a fresh temporary directory and loads it.
struct ScenarioFile {
  std::filesystem::path dir, path;
  explicit ScenarioFile(const std::string& text, const std::string& name) {
    dir = std::filesystem::temp_directory_path() / ("twinlab_test_line_input_" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    path = dir / "scenario.yaml";
    std::ofstream(path) << text;
  }
  ~ScenarioFile() { std::filesystem::remove_all(dir); }
  Scenario load(const std::vector<std::string>& overrides = {}) const { return load_scenario(path, overrides); }
};

const char* kTwoStations = R"(twin: production_line
line:
  stations:
    - name: a
      next: [{station: b}]
)";

}  // namespace

TEST_CASE("a failure block without basis is an error at the block") {
  const ScenarioFile f(std::string(kTwoStations) + R"(    - name: b
      failure:
        life: {distribution: exponential, mean: 3600}
)", "no_basis");
  const Scenario s = f.load();
  try {
    (void)line_config(s.document.root().at("line"), f.dir);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.where().key == "line.stations[1].failure");
    CHECK(e.where().file == f.path.string());
    CHECK(e.where().line == 8);  // the block's first key (the mapping starts there)
    CHECK_THAT(e.message(), Catch::Contains("has no basis") && Catch::Contains("(got life without basis)") &&
                                Catch::Contains("add basis: time, operation or wear"));
  }
  // The basis given on the command line, or written as none, is a choice: no error.
  CHECK_NOTHROW(line_config(f.load({"line.stations[1].failure.basis=time"}).document.root().at("line"), f.dir));
  CHECK_NOTHROW(line_config(f.load({"line.stations[1].failure.basis=none"}).document.root().at("line"), f.dir));
}

TEST_CASE("a buffer the model ignores is a warning at its key") {
  const ScenarioFile f(std::string(kTwoStations) + "      buffer_capacity: 0\n    - {name: b, buffer_capacity: 3}\n",
                       "ignored_buffer");
  const Scenario s = f.load();
  const auto section = s.document.root().at("line");
  const auto config = line_config(section, f.dir);
  const auto warnings = line_input_warnings(section, config);
  REQUIRE(warnings.size() == 1);  // station b's buffer is real (fed by a)
  CHECK_THAT(warnings[0], Catch::StartsWith(f.path.string() + ":6:24: line.stations[0].buffer_capacity: ignored:") &&
                              Catch::Contains("(got 0)") && Catch::Contains("source.kind: arrivals"));
  // The default value (what a resolved scenario spells out) and an arrival process: nothing to say.
  const Scenario d = f.load({"line.stations[0].buffer_capacity=10"});
  CHECK(line_input_warnings(d.document.root().at("line"), line_config(d.document.root().at("line"), f.dir)).empty());
  const Scenario a = f.load({"line.source.kind=arrivals"});
  CHECK(line_input_warnings(a.document.root().at("line"), line_config(a.document.root().at("line"), f.dir)).empty());
}

TEST_CASE("distribution messages: articles, and what a kind requires") {
  const ScenarioFile f(std::string(kTwoStations) + "      processing_time: {distribution: exponential, mean: 5, "
                                                   "step: 1}\n    - {name: b}\n",
                       "messages");
  try {
    (void)line_config(f.load().document.root().at("line"), f.dir);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.where().key == "line.stations[0].processing_time.step");
    CHECK_THAT(e.message(), Catch::StartsWith("not used by an exponential distribution"));
  }
  try {
    (void)line_config(f.load({"line.stations[0].processing_time={distribution: geometric, probability: 0.5}"})
                          .document.root()
                          .at("line"),
                      f.dir);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.where().key == "line.stations[0].processing_time");
    CHECK_THAT(e.message(), Catch::Contains("a geometric distribution needs 'step'") && Catch::Contains("add 'step'"));
  }
  // The key table says so too: every parameter names the kinds that require it.
  const auto spec = distribution_schema("x", "s", "", "");
  for (const char* key : {"value", "mean", "std_dev", "shape", "scale", "min", "max", "probability", "step"}) {
    INFO(key);
    CHECK_THAT(spec.child(key)->doc, Catch::Contains("(required)"));
  }
}
