#pragma once
// Runs the production-line twin and turns its plain results into the user's files: results.h5 (io),
// vtk/line.vtp (viz), summary.json, and the KPI table with confidence intervals on stdout.
#include <filesystem>

#include "scenarios/scenario.hpp"
#include "twins/production_line/config.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::scenarios {

struct LineOutcome {
  twins::production_line::LineResult result;
  double seconds = 0.0;  // wall-clock time of the replications
};

// threads: OpenMP threads over the replications (0 = OpenMP's default); interactive: a progress line and
// an info line (off in sweeps, which run thousands).
LineOutcome run_line_job(const twins::production_line::LineConfig& config, std::uint64_t seed, int threads = 0,
                         bool interactive = true);

void write_line_outputs(const Scenario& scenario, const twins::production_line::LineConfig& config,
                        const LineOutcome& outcome, const std::filesystem::path& dir);

}  // namespace twinlab::scenarios
