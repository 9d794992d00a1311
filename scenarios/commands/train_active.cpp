#include "scenarios/commands/train_active.hpp"

#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "base/output_directory.hpp"
#include "base/sha256.hpp"
#include "scenarios/study/active_learning.hpp"
#include "scenarios/study/study_file.hpp"
#include "scenarios/study/surrogate_table.hpp"
#include "scenarios/study/train_spec.hpp"

namespace twinlab::scenarios {

namespace fs = std::filesystem;
using base::InputError;

void define_train_active_options(CLI::App& command, TrainActiveSettings& s) {
  command.add_flag("--active", s.active, "Active learning: the positional argument is a study file (YAML) whose "
                                         "design is the candidate pool; needs --budget");
  command.add_option("--budget", s.budget, "--active: physics runs for training")->check(CLI::Range(13, 1000000));
  command.add_option("--initial", s.initial, "--active: first Sobol' runs (default: budget/4, at least 12)")
      ->check(CLI::Range(12, 1000000));
  command.add_option("--batch", s.batch, "--active: runs added per round (default: a quarter of the rest)")
      ->check(CLI::Range(1, 1000000));
  command.add_option("--test-runs", s.test_runs, "--active: independent random test runs (default 48)")
      ->check(CLI::Range(8, 1000000));
  command.add_option("-j,--jobs", s.jobs, "--active: physics runs at once (default: all cores)")
      ->check(CLI::Range(1, 4096));
}

void apply_train_spec_if_any(const CLI::App& command, TrainFlags f) {
  if (f.active.active || !is_train_spec_file(f.table)) return;
  const TrainSpec spec = load_train_spec(f.table);
  auto given = [&](const char* flag) { return command.count(flag) > 0; };
  f.table = spec.study.string();
  if (spec.inputs && !given("--inputs")) f.inputs = *spec.inputs;
  if (spec.outputs && !given("--outputs")) f.outputs = *spec.outputs;
  if (spec.log_outputs && !given("--log-outputs")) f.log_outputs = *spec.log_outputs;
  if (spec.hidden && !given("--hidden")) f.hidden = *spec.hidden;
  if (spec.output && !given("--output")) f.output_dir = spec.output->string();
  if (spec.members && !given("--members")) f.options.members = static_cast<int>(*spec.members);
  if (spec.epochs && !given("--epochs")) f.options.max_epochs = static_cast<int>(*spec.epochs);
  if (spec.patience && !given("--patience")) f.options.patience = static_cast<int>(*spec.patience);
  if (spec.seed && !given("--seed")) f.options.seed = static_cast<std::uint64_t>(*spec.seed);
  if (spec.active) {
    f.active.active = true;
    if (!given("--budget")) f.active.budget = static_cast<std::size_t>(spec.active->budget);
    if (spec.active->initial && !given("--initial")) f.active.initial = static_cast<std::size_t>(*spec.active->initial);
    if (spec.active->batch && !given("--batch")) f.active.batch = static_cast<std::size_t>(*spec.active->batch);
    if (spec.active->test_runs && !given("--test-runs"))
      f.active.test_runs = static_cast<std::size_t>(*spec.active->test_runs);
  }
}

int run_train_active(const TrainFlags& f, bool overwrite) {
  if (f.active.budget == 0) throw InputError({"--budget", 0, 0, ""}, "--active needs --budget N (physics runs)");
  if (!is_train_spec_file(f.table))
    throw InputError({f.table, 0, 0, ""}, "--active takes a study file (.yaml): its design is the candidate pool");
  if (!f.inputs.empty())
    throw InputError({"--inputs", 0, 0, f.inputs}, "with --active the inputs are the study's parameters; leave "
                                                   "--inputs out and vary only the inputs in the study");
  const StudySpec study = load_study(f.table);
  ActiveLearningOptions options;
  options.budget = f.active.budget;
  options.initial = f.active.initial;
  options.batch = f.active.batch;
  options.test_runs = f.active.test_runs;
  options.workers = f.active.jobs > 0 ? f.active.jobs
                                      : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.outputs = split_list(f.outputs);
  options.training = f.options;
  if (!f.hidden.empty()) options.training.hidden_layers = parse_hidden_widths(f.hidden, {"--hidden", 0, 0, ""});
  options.training.log_outputs = split_list(f.log_outputs);

  const fs::path out_dir = f.output_dir.empty() ? fs::path("out") / "models" / (study.name + "_active")
                                                : fs::path(f.output_dir);
  const std::string problem = base::output_target_problem(out_dir, overwrite);
  if (!problem.empty()) throw InputError({"-o", 0, 0, out_dir.string()}, problem);
  surrogates::ModelCard card;
  card.source_file = study.file.string();
  card.source_sha256 = study.hash;
  card.twinlab_version = TWINLAB_VERSION;
  base::StagingDirectory staging(out_dir, overwrite);
  const ActiveLearningResult result = run_active_learning(study, options, staging.path(), card);
  staging.commit();
  std::cout << curves_table(result);
  std::cout << fmt::format("model (active design, {} physics runs) in {}; curves in {}\n", options.budget,
                           out_dir.string(), (out_dir / "active_learning.csv").string());
  return 0;
}

}  // namespace twinlab::scenarios
