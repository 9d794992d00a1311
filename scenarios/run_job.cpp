#include "scenarios/run_job.hpp"

#include <spdlog/spdlog.h>

#include "io/atomic_path.hpp"
#include "scenarios/dispersion_config.hpp"
#include "scenarios/dispersion_job.hpp"

namespace twinlab::scenarios {

void validate_built(const Scenario& scenario) {
  if (scenario.kind == TwinKind::Dispersion) (void)dispersion_config(scenario.document.root().at("dispersion"));
}

int run_job(const RunOptions& options) {
  const Scenario scenario = load_scenario(options.scenario, options.overrides, options.seed);
  const std::filesystem::path out_dir =
      options.output_dir.empty() ? std::filesystem::path("out") / scenario.name : std::filesystem::path(options.output_dir);

  // Everything that can be checked is checked before the first byte is written.
  const auto config = dispersion_config(scenario.document.root().at("dispersion"));
  spdlog::info("scenario '{}' ({}), seed {}", scenario.name, scenario.document.file(), scenario.seed);

  io::StagingDirectory staging(out_dir);
  const DispersionOutcome outcome = run_dispersion(config);
  write_dispersion_outputs(scenario, config, outcome, staging.path());
  staging.commit();
  print_dispersion_kpis(config, outcome);
  spdlog::info("results in {}", out_dir.string());
  return 0;
}

}  // namespace twinlab::scenarios
