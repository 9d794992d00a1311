#pragma once
// `twinlab run`: load and check the scenario, run its twin, write the outputs atomically, print the KPIs.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/scenario.hpp"

namespace twinlab::scenarios {

struct RunOptions {
  std::optional<std::filesystem::path> scenario;  // none = the built-in default
  std::string output_dir;                          // empty = out/<scenario name>
  std::vector<std::string> overrides;              // dotted.key=value
  std::optional<std::uint64_t> seed;
  bool overwrite = false;                          // write into a directory twinlab did not write
};

// Returns the exit status (0). Throws base::InputError on invalid input (before anything is written) and
// std::exception on runtime failure (the output directory is then left as it was).
int run_job(const RunOptions& options);

// Builds the twin's configuration to run the checks that span several keys; throws base::InputError.
void validate_built(const Scenario& scenario);

}  // namespace twinlab::scenarios
