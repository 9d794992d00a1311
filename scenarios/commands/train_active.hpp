#pragma once
// The parts of `twinlab train` beyond a table: a train spec file (`train SPEC.yaml`, study/train_spec) and
// active learning (`train --active STUDY.yaml --budget N`, study/active_learning). train.cpp dispatches here.
#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::scenarios {

struct TrainActiveSettings {
  bool active = false;
  std::size_t budget = 0, initial = 0, batch = 0, test_runs = 48;
  int jobs = 0;
};

// References to train's own flag values, so that a spec can fill them and active learning read them.
struct TrainFlags {
  std::string& table;
  std::string& inputs;
  std::string& outputs;
  std::string& output_dir;
  std::string& hidden;
  std::string& log_outputs;
  surrogates::TrainingOptions& options;
  TrainActiveSettings& active;
};

void define_train_active_options(CLI::App& command, TrainActiveSettings& settings);

// When `flags.table` is a train spec (.yaml/.yml and not --active), fills every flag not given on the command
// line from it (flags.table becomes the spec's study). Throws base::InputError at file:line:col.
void apply_train_spec_if_any(const CLI::App& command, TrainFlags flags);

// --active: runs active learning; returns the exit code.
int run_train_active(const TrainFlags& flags, bool overwrite);

}  // namespace twinlab::scenarios
