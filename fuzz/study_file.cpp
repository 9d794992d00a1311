// Fuzz target: a study file through everything `twinlab sweep --design-only` checks before running: the study
// schema, its base scenario (`scenario: ../machining_line.yaml` resolves in the examples' copy), the
// parameters against that scenario's keys, the sampler, the first design points, and the base scenario
// validated at every parameter's design extremes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "scenarios/study/study_checks.hpp"
#include "scenarios/study/study_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinlab;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (fuzz::names_system_file(text)) return -1;
  const std::filesystem::path file = fuzz::examples_dir() / "studies" / "fuzz_study.yaml";
  fuzz::write_file(file, data, size);
  fuzz::expect_input_errors([&] {
    const scenarios::StudySpec spec = scenarios::load_study(file);
    const scenarios::StudyDesign design(spec);
    const std::size_t runs = std::min<std::size_t>(design.count(), 8);
    for (std::size_t run = 0; run < runs; ++run) (void)design.overrides(run);
    // The extremes scan is linear in the runs (up to a million): slow for a fuzzer, not a finding.
    if (design.count() <= 10000) scenarios::check_study_against_scenario(spec, design);
  });
  return 0;
}
