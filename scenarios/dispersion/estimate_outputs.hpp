#pragma once
// What `twinlab estimate` writes (docs/estimate.md): estimate.h5 (rates per source and period with their
// 95 % intervals, residuals per observation and per sensor), estimate.json, calibrated.yaml (the scenario
// with the estimated rates, ready for `twinlab run`), and the KPI table printed on stdout.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "scenarios/dispersion/estimation.hpp"

namespace twinlab::scenarios {

// dir: where the files are written (a staging directory); final_dir: where they will be (for relative paths).
void write_estimate_outputs(const Scenario& scenario, const EstimationRun& run, const std::filesystem::path& dir,
                            const std::filesystem::path& final_dir);

nlohmann::json estimate_summary(const Scenario& scenario, const EstimationRun& run);

// The scenario's resolved text with each estimated source's rate replaced (one estimation period: its
// emission_rate_kg_s; several: a schedule with a rate per period), the 95 % intervals in a comment block.
// The scenario is renamed NAME-calibrated; a meteorology file's relative path is made relative to dir.
std::string calibrated_scenario(const Scenario& scenario, const EstimationRun& run, const std::filesystem::path& dir);

std::string estimate_kpi_table(const EstimationRun& run);

// Duration-weighted mean of a source's posterior mean over the estimated periods and its sd (periods are
// independent), kg/s; NaN when no period was estimated.
struct RunMean {
  double mean_kg_s = 0.0, sd_kg_s = 0.0, nnls_kg_s = 0.0;
  std::size_t periods = 0;
};
RunMean run_mean(const EstimationRun& run, std::size_t source);

}  // namespace twinlab::scenarios
