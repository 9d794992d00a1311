#pragma once
// The field branch of `twinlab train` (an output naming a field the study kept): a POD + deep-ensemble field
// surrogate (surrogates/field_surrogate.hpp). train.cpp declares these options and dispatches here.
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "surrogates/model_card.hpp"
#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::scenarios {

struct FieldTrainArguments {
  std::string frame = "auto";           // auto | grid | wind
  std::string transform = "auto";       // auto | log10 | none
  double floor_fraction = 1e-5;
  double energy = 0.9999;
  int max_modes = 16;
  std::string direction_input = "auto";
  std::string origin;                   // "x,y" in m; empty = the first source
  std::string weights = "equal";        // energy | equal: loss weight of each mode coefficient
};

// Declares --field-frame, --field-log, --field-floor, --field-energy, --field-modes, --wind-direction,
// --field-origin on the train command.
void define_field_train_options(CLI::App& command, FieldTrainArguments& arguments);

// Trains, writes MODEL_DIR and prints the error report. Returns the exit status.
int train_field_surrogate_command(const std::filesystem::path& study, const std::string& inputs,
                                  const std::string& field, const std::string& output_dir, bool overwrite,
                                  surrogates::TrainingOptions options, const FieldTrainArguments& arguments);

// The field block of model.json as text (for train's output and `twinlab info`).
std::string field_report(const surrogates::ModelCard& card);

}  // namespace twinlab::scenarios
