// Fuzz target: a scenario file through everything `twinlab validate` does (parse, the twin's schema, defaults,
// the twin's own checks across keys) -- for every twin in the registry (scenarios/twins.cpp), so a twin
// registered later is fuzzed too: the input is validated as written (its own `twin:`), then once as each
// registered twin (`twin=NAME` applied as --set does), which reaches every twin's schema with every input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

namespace {

using namespace twinlab;

void validate(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
  fuzz::expect_input_errors([&] {
    const scenarios::Scenario scenario = scenarios::load_scenario(file, overrides);
    (void)scenario.twin->build(scenario);
    (void)scenario.document.resolved_yaml();
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (fuzz::names_system_file(text)) return -1;  // not added to the corpus
  // A file in the examples' copy: relative CSV paths (data/inspection_times.csv) resolve there.
  const std::filesystem::path file = fuzz::examples_dir() / "fuzz_scenario.yaml";
  fuzz::write_file(file, data, size);
  validate(file, {});
  for (const auto& twin : scenarios::twin_registry()) validate(file, {std::string("twin=") + twin.name});
  return 0;
}
