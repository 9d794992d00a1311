// `twinlab train STUDY.h5|TABLE.csv [--inputs a,b] [--outputs k1,k2] [-o MODEL_DIR] [--members N]
// [--hidden 64,64] [--epochs N] [--seed S] [--log-outputs k1] [--overwrite]`: a deep-ensemble surrogate of a
// sweep's scalar KPIs (surrogates/scalar_surrogate.hpp), written as MODEL_DIR/model.pt (TorchScript) and
// MODEL_DIR/model.json; prints the test-set metrics. Only the study's successful runs are used.
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "base/output_directory.hpp"
#include "base/progress.hpp"
#include "base/sha256.hpp"
#include "io/study_read.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/commands/train_active.hpp"
#include "scenarios/commands/train_field.hpp"
#include "scenarios/study/field_table.hpp"
#include "scenarios/study/surrogate_table.hpp"
#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::scenarios {
namespace {

namespace fs = std::filesystem;
using base::InputError;

std::string metrics_table(const surrogates::ModelCard& card) {
  std::ostringstream out;
  out << fmt::format("{:<40} {:>8} {:>12} {:>9} {:>8} {:>8}  {}\n", "output (test runs)", "R^2", "RMSE", "rel.err",
                     "+-1sig", "+-2sig", "units");
  for (const auto& o : card.outputs) {
    const auto& m = *o.test;
    out << fmt::format("{:<40} {:>8.4f} {:>12.4g} {:>8.2f}% {:>7.1f}% {:>7.1f}%  {}{}\n", o.name, m.r2, m.rmse,
                       100.0 * m.mean_relative_error, 100.0 * m.coverage_1sigma, 100.0 * m.coverage_2sigma, o.units,
                       o.scaling && o.scaling->log10 ? " (log10)" : "");
  }
  out << fmt::format("nominal coverage: +-1 sigma 68.3 %, +-2 sigma 95.4 %; {} test, {} validation, {} training runs\n",
                     card.test_rows, card.validation_rows, card.train_rows);
  return out.str();
}

class TrainCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("table", input_, "study.h5 of `twinlab sweep`, a CSV table (one row per run), a train spec "
                                        "(.yaml) or, with --active, a study file")->required();
    define_train_active_options(command, active_);  // train spec and --active: commands/train_active.cpp
    command_ = &command;
    command.add_option("--inputs", inputs_, "Inputs, comma-separated (default: every parameter of the study)");
    command.add_option("--outputs", outputs_, "Outputs, comma-separated (default: every KPI of the study)");
    command.add_option("-o,--output", output_dir_, "Model directory (default: out/models/<table name>)");
    command.add_flag("--overwrite", overwrite_, "Write into an existing directory that twinlab did not write");
    command.add_option("--members", options_.members, "Ensemble members")->check(CLI::Range(1, 64));
    command.add_option("--hidden", hidden_, "Hidden layer widths, comma-separated (default 64,64)");
    command.add_option("--epochs", options_.max_epochs, "Largest number of epochs")->check(CLI::Range(10, 1000000));
    command.add_option("--patience", options_.patience, "Epochs without a better validation loss before stopping")
        ->check(CLI::Range(1, 1000000));
    command.add_option("--seed", options_.seed, "Seed of the split and the initial weights")
        ->check(CLI::NonNegativeNumber);
    command.add_option("--log-outputs", log_outputs_, "Outputs learnt in log10, comma-separated (beside the "
                                                      "automatic choice for outputs spanning two decades)");
    define_field_train_options(command, field_);
  }

  int execute() override {
    const TrainFlags flags{input_, inputs_, outputs_, output_dir_, hidden_, log_outputs_, options_, active_};
    apply_train_spec_if_any(*command_, flags);
    if (active_.active) return run_train_active(flags, overwrite_);
    const fs::path path(input_);
    if (!hidden_.empty()) {
      options_.hidden_layers.clear();
      for (const std::string& w : split_list(hidden_)) {
        int width = 0;
        try {
          width = std::stoi(w);
        } catch (const std::exception&) {
        }
        if (width < 1 || width > 4096)
          throw InputError({"--hidden", 0, 0, ""}, fmt::format("widths must be whole numbers 1-4096 (got '{}')", w));
        options_.hidden_layers.push_back(width);
      }
    }
    // An output naming a field the study kept: a field surrogate (train_field.cpp).
    if (is_study_field(path, outputs_))
      return train_field_surrogate_command(path, inputs_, outputs_, output_dir_, overwrite_, options_, field_);
    const SurrogateTable table = read_surrogate_table(path, inputs_, outputs_);
    options_.log_outputs = split_list(log_outputs_);
    for (const std::string& name : options_.log_outputs)
      if (std::find(table.data.output_names.begin(), table.data.output_names.end(), name) ==
          table.data.output_names.end())
        throw InputError({"--log-outputs", 0, 0, name}, "is not one of the outputs being trained");

    const fs::path out_dir = output_dir_.empty() ? fs::path("out") / "models" / path.stem() : fs::path(output_dir_);
    const std::string problem = base::output_target_problem(out_dir, overwrite_);
    if (!problem.empty()) throw InputError({"-o", 0, 0, out_dir.string()}, problem);
    spdlog::info("training on {} runs of {}: {} inputs, {} outputs, {} members", table.data.rows, path.string(),
                 table.data.input_names.size(), table.data.output_names.size(), options_.members);

    base::ProgressLine progress("train");
    options_.progress = [&](int epoch, double, double) {
      progress.update(static_cast<double>(epoch) / options_.max_epochs);
    };
    surrogates::ModelCard card;
    card.source_file = path.string();
    card.source_sha256 = base::sha256_file_hex(path);
    card.twinlab_version = TWINLAB_VERSION;
    base::StagingDirectory staging(out_dir, overwrite_);
    try {
      card = surrogates::train_scalar_surrogate(table.data, options_, staging.path(), card);
    } catch (const InputError& e) {  // the trainer names the column; the file is this table
      if (!e.where().file.empty()) throw;
      throw InputError({path.string(), 0, 0, e.where().key}, e.message());
    }
    progress.finish();
    staging.commit();
    std::cout << metrics_table(card);
    spdlog::info("model in {}", out_dir.string());
    return 0;
  }

 private:
  std::string input_, inputs_, outputs_, output_dir_, hidden_, log_outputs_;
  bool overwrite_ = false;
  surrogates::TrainingOptions options_;
  TrainActiveSettings active_;
  const CLI::App* command_ = nullptr;
  FieldTrainArguments field_;
};

}  // namespace

std::unique_ptr<Command> make_train_command() { return std::make_unique<TrainCommand>(); }

}  // namespace twinlab::scenarios
