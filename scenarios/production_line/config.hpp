#pragma once
// Reads the validated `line:` section into the production-line twin's plain LineConfig, including the
// checks of a distribution's keys against its kind and empirical values from CSV files. The line's own
// semantic checks (graph cycles, unreachable stations, probabilities, ...) run in twins/production_line and
// are mapped back to file:line:column by scenarios/run_job. Input that depends on what the user wrote (a
// failure block without basis; settings the line ignores) is checked here too (line_input_checks.hpp):
// errors are thrown, warnings logged, each at its key's file:line:column.
#include <filesystem>

#include "io/scenario_document.hpp"
#include "sim/distributions.hpp"
#include "twins/production_line/config.hpp"

namespace twinlab::scenarios {

// base_dir: where relative CSV paths are looked up (the scenario file's directory).
twins::production_line::LineConfig line_config(const io::ScenarioNode& section, const std::filesystem::path& base_dir);

sim::DistributionSpec distribution_spec(const io::ScenarioNode& node, const std::filesystem::path& base_dir);

}  // namespace twinlab::scenarios
