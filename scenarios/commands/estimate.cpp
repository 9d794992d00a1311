// `twinlab estimate SCENARIO --observations sensors.csv [-o DIR]`: the emission rates of a dispersion
// scenario's sources estimated from sensor observations (NNLS and a Bayesian linear-Gaussian inversion per
// meteorology period); estimate.h5, estimate.json, calibrated.yaml and a KPI table. docs/estimate.md.
#include <cmath>
#include <iostream>
#include <limits>

#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "base/interrupt.hpp"
#include "base/output_directory.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/dispersion/estimate_follow.hpp"
#include "scenarios/dispersion/estimate_outputs.hpp"
#include "scenarios/dispersion/estimation.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {
namespace {

class EstimateCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("scenario", scenario_, "Dispersion scenario file (YAML) whose receptors are the sensors")
        ->required();
    command.add_option("--observations", observations_,
                       "Sensor CSV: time_s, sensor, concentration_<unit>[, uncertainty_<unit>]")
        ->required();
    command.add_option("-o,--output", output_dir_, "Output directory (default: out/<scenario name>-estimate)");
    command.add_flag("--overwrite", overwrite_,
                     "Write into an existing directory that twinlab did not write (its other files are kept)");
    command.add_option("--set", overrides_, "Override a key: dotted.key=value (repeatable)")->allow_extra_args(false);
    command.add_option("--model", options_.model, "plume or eulerian (default: plume when enabled)");
    command.add_option("--relative-error", options_.relative_error,
                       "Observation error as a fraction of the value (default: 0 with an uncertainty column, else 0.3)");
    command.add_option("--error-floor-ug-m3", error_floor_ug_m3_,
                       "Observation error floor in ug/m3 (default: 0 with an uncertainty column, else 1 % of the "
                       "largest value)");
    command.add_flag("--follow", follow_,
                     "Read rows as they are appended and update the estimate (Kalman form), one line per update");
    command.add_option("--poll-s", follow_settings_.poll_s, "--follow: seconds between reads of the file (default 1)")
        ->check(CLI::Range(0.01, 3600.0));
    command.add_option("--idle-timeout-s", follow_settings_.idle_timeout_s,
                       "--follow: stop after this many seconds without a new row (default 60)")
        ->check(CLI::Range(0.0, 1e6));
    command.add_option("--prior-spread", options_.prior_spread,
                       "Prior standard deviation as a multiple of the scenario's rate (default 10; rate 0 = flat)");
  }

  int execute() override {
    const Scenario scenario = load_scenario(std::filesystem::path(scenario_), overrides_);
    if (scenario.document.root().at("twin").text() != "dispersion")
      throw base::InputError(scenario.document.locate("twin"),
                             "twinlab estimate needs a dispersion scenario (got twin: " +
                                 scenario.document.root().at("twin").text() + ")");
    if (std::isfinite(error_floor_ug_m3_)) options_.error_floor_kg_m3 = error_floor_ug_m3_ * 1e-9;
    EstimationRun run = prepare_estimation(scenario, observations_, options_);
    const std::filesystem::path out_dir = output_dir_.empty()
                                              ? std::filesystem::path("out") / (scenario.name + "-estimate")
                                              : std::filesystem::path(output_dir_);
    const std::string problem = base::output_target_problem(out_dir, overwrite_);
    if (!problem.empty()) throw base::InputError({"-o", 0, 0, out_dir.string()}, problem);
    spdlog::info("estimating {} source(s) of '{}' from {} observations ({})", run.estimated.size(), scenario.name,
                 run.observations.size(), observations_);
    base::set_interrupt_context("the estimate of scenario '" + scenario.name + "' (output " + out_dir.string() +
                                ", left as it was)");
    if (follow_) {
      if (run.located_source)
        throw base::InputError({"--follow", 0, 0, ""},
                               "does not search a location: estimate the location once without --follow, then "
                               "follow calibrated.yaml");
      follow_estimation(run, observations_, follow_settings_, std::cout);
    } else {
      solve_estimation(run);
    }
    base::StagingDirectory staging(out_dir, overwrite_);
    write_estimate_outputs(scenario, run, staging.path(), out_dir);
    staging.commit();
    std::cout << estimate_kpi_table(run);
    spdlog::info("estimate in {}; run the calibrated scenario with: twinlab run {}", out_dir.string(),
                 (out_dir / "calibrated.yaml").string());
    return 0;
  }

 private:
  std::string scenario_, observations_, output_dir_;
  bool overwrite_ = false;
  std::vector<std::string> overrides_;
  EstimateOptions options_;
  double error_floor_ug_m3_ = std::numeric_limits<double>::quiet_NaN();
  bool follow_ = false;
  FollowSettings follow_settings_;
};

}  // namespace

std::unique_ptr<Command> make_estimate_command() { return std::make_unique<EstimateCommand>(); }

}  // namespace twinlab::scenarios
