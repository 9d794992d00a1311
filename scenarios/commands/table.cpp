#include "scenarios/commands/command.hpp"

namespace twinlab::scenarios {

std::unique_ptr<Command> make_serve_command();  // commands/serve.cpp

const std::vector<CommandEntry>& command_table() {
  static const std::vector<CommandEntry> table = {
      {"run", "Run a scenario (the built-in default when none is given)", make_run_command},
      {"validate", "Check a scenario without running it; print it resolved with defaults", make_validate_command},
      {"info", "Describe a results file: groups, variables, dims, units", make_info_command},
      {"schema", "Print the scenario-key reference of a twin (Markdown)", make_schema_command},
      {"compare", "What-if: run a base scenario and variants with common random numbers; KPI deltas",
       make_compare_command},
      {"sweep", "Run a study: many runs of a scenario over a design; resumable; study.h5", make_sweep_command},
      {"merge", "Join the shards of a sweep (sweep --shard i/N) into one study.h5", make_merge_command},
      {"analyze", "Sensitivity of a sweep's KPIs: Sobol' indices or Morris effects; analysis.h5", make_analyze_command},
      {"train", "Train a surrogate (deep ensemble) on a sweep's KPIs; MODEL_DIR with TorchScript + model.json",
       make_train_command},
      {"predict", "Predict with a surrogate: mean and spread, refused outside the training domain", make_predict_command},
      {"estimate", "Estimate a dispersion scenario's emission rates from sensor data (NNLS, Bayesian); calibrated.yaml",
       make_estimate_command},
      {"render", "PNG pictures of a results.h5, study.h5, analysis.h5 or MODEL_DIR (maps, charts, line schematic)",
       make_render_command},
      {"serve", "Serve surrogates over HTTP (Open Inference Protocol / KServe v2); metrics, auth, limits", make_serve_command},
      {"calibrate", "Fit a line's processing, failure and repair distributions to its event log; calibrated.yaml",
       make_calibrate_command},
  };
  return table;
}

}  // namespace twinlab::scenarios
