// Fuzz target: `--set` override text. The first line names the example scenario the overrides apply to
// (a file stem of scenarios/examples/, e.g. machining_line; anything else: industrial_stack), each further
// line is one `--set` argument; then everything `twinlab validate --set ...` does.
#include <cstddef>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

namespace {

using namespace twinlab;

// Every example scenario, read once.
const std::map<std::string, io::ScenarioDocument>& examples() {
  static const std::map<std::string, io::ScenarioDocument> documents = [] {
    std::map<std::string, io::ScenarioDocument> out;
    for (const auto& entry : std::filesystem::directory_iterator(fuzz::examples_dir()))
      if (entry.path().extension() == ".yaml")
        out.emplace(entry.path().stem().string(), io::ScenarioDocument::load_file(entry.path()));
    return out;
  }();
  return documents;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (fuzz::names_system_file(text)) return -1;
  std::istringstream lines(text);
  std::string base;
  std::getline(lines, base);
  std::vector<std::string> overrides;
  for (std::string line; std::getline(lines, line);) overrides.push_back(line);
  const auto& documents = examples();
  const auto it = documents.count(base) ? documents.find(base) : documents.find("industrial_stack");
  fuzz::expect_input_errors([&] {
    const scenarios::Scenario scenario = scenarios::load_scenario(it->second, overrides);
    (void)scenario.twin->build(scenario);
    (void)scenario.document.resolved_yaml();
  });
  return 0;
}
