#include "scenarios/run_job.hpp"

#include <spdlog/spdlog.h>

#include "base/output_directory.hpp"
#include "scenarios/dispersion_config.hpp"
#include "scenarios/dispersion_job.hpp"
#include "scenarios/line_config.hpp"
#include "scenarios/line_job.hpp"
#include "twins/production_line/validate.hpp"

namespace twinlab::scenarios {
namespace {

std::filesystem::path scenario_dir(const Scenario& scenario) {
  const std::string& file = scenario.document.file();
  if (file == default_scenario_label) return std::filesystem::current_path();
  return std::filesystem::absolute(file).parent_path();
}

// The line twin checks its own semantics (graph, probabilities, ranges) and names the key; this places
// that key in the scenario file.
twins::production_line::LineConfig checked_line_config(const Scenario& scenario) {
  auto config = line_config(scenario.document.root().at("line"), scenario_dir(scenario));
  try {
    twins::production_line::validate_line(config, "line");
  } catch (const base::InputError& e) {
    scenario.document.rethrow_located(e);
  }
  return config;
}

}  // namespace

void validate_built(const Scenario& scenario) {
  if (scenario.kind == TwinKind::Dispersion)
    (void)dispersion_config(scenario.document.root().at("dispersion"));
  else
    (void)checked_line_config(scenario);
}

int run_job(const RunOptions& options) {
  const Scenario scenario = load_scenario(options.scenario, options.overrides, options.seed);
  const std::filesystem::path out_dir =
      options.output_dir.empty() ? std::filesystem::path("out") / scenario.name : std::filesystem::path(options.output_dir);
  // After the scenario's own checks and before anything runs: an output directory that is a file, or a
  // directory twinlab did not write (unless --overwrite), is refused.
  auto check_output_and_announce = [&] {
    const std::string problem = base::output_target_problem(out_dir, options.overwrite);
    if (!problem.empty()) {
      base::InputLocation where = options.output_dir.empty() ? scenario.document.locate("name")
                                                             : base::InputLocation{"-o", 0, 0, ""};
      where.key = out_dir.string();
      throw base::InputError(where, problem);
    }
    spdlog::info("scenario '{}' ({}), seed {}", scenario.name, scenario.document.file(), scenario.seed);
  };

  // Everything that can be checked is checked before anything is printed or written.
  if (scenario.kind == TwinKind::Dispersion) {
    const auto config = dispersion_config(scenario.document.root().at("dispersion"));
    check_output_and_announce();
    base::StagingDirectory staging(out_dir, options.overwrite);
    const DispersionOutcome outcome = run_dispersion(config);
    write_dispersion_outputs(scenario, config, outcome, staging.path());
    staging.commit();
    print_dispersion_kpis(config, outcome);
  } else {
    const auto config = checked_line_config(scenario);
    check_output_and_announce();
    base::StagingDirectory staging(out_dir, options.overwrite);
    const LineOutcome outcome = run_line_job(config, scenario.seed);
    write_line_outputs(scenario, config, outcome, staging.path());
    staging.commit();
    print_line_kpis(config, outcome);
  }
  spdlog::info("results in {}", out_dir.string());
  return 0;
}

}  // namespace twinlab::scenarios
