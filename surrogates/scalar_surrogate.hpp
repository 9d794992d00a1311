#pragma once
// Scalar-KPI surrogates: training a deep ensemble on a table of runs, and loading a model directory to predict.
// The public interface is free of LibTorch (the layer rule: torch headers only inside surrogates/*.cpp).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "surrogates/feature_scaling.hpp"
#include "surrogates/model_card.hpp"

namespace twinlab::surrogates {

struct TrainingTable {
  std::vector<std::string> input_names, input_units, output_names, output_units;
  std::size_t rows = 0;
  std::vector<double> inputs;   // rows x inputs, row-major, raw units
  std::vector<double> outputs;  // rows x outputs, row-major, raw units
  std::vector<std::int64_t> run_ids;  // optional: the source table's run identifier per row (model.json `split`)
};

struct TrainingOptions {
  int members = 5;
  std::vector<int> hidden_layers{64, 64};
  int max_epochs = 4000;
  int patience = 300;             // epochs without a better validation NLL before a member stops
  int warmup_epochs = 200;        // mean-squared error first, then the Gaussian NLL (stabilises the variance head)
  double learning_rate = 3e-3;    // Adam, full batch
  std::uint64_t seed = 1;
  double validation_fraction = 0.15, test_fraction = 0.15;
  LogChoice input_log = LogChoice::Auto, output_log = LogChoice::Auto;
  std::vector<std::string> log_outputs;  // outputs forced to log10 (beside output_log)
  // Scale each output's spread so that it fits the validation runs (model_card.hpp SpreadCalibration).
  bool calibrate_spread = true;
  // Weight of each output in the training loss (empty: all 1; else one per output, rescaled to mean 1), e.g. the
  // field surrogate's POD coefficients weighted by their mode's energy.
  std::vector<double> output_weights;
  // Called every `progress_every` epochs with the epoch, the mean training and validation loss.
  std::function<void(int epoch, double train_loss, double validation_loss)> progress;
  int progress_every = 50;
};

// Trains on the table and writes `model.pt` (TorchScript) and `model.json` into `directory` (which must exist).
// card_template supplies the provenance fields (source file, hash, version); the rest is filled here.
// Throws base::InputError for data it cannot learn from (NaN, a constant output, too few rows).
ModelCard train_scalar_surrogate(const TrainingTable& table, const TrainingOptions& options,
                                 const std::filesystem::path& directory, ModelCard card_template = {});

struct Prediction {
  std::size_t rows = 0, outputs = 0;
  std::vector<double> mean, std;  // rows x outputs, raw units (see model_card.hpp for log10 outputs)
};

// A model directory loaded for prediction (twinlab's own or one trained elsewhere with a matching model.json).
class SurrogateModel {
 public:
  // Throws base::InputError naming the directory/file when it is not a model directory or when model.json
  // does not match the weights (a probe prediction must give one mean and std per declared output).
  static SurrogateModel load(const std::filesystem::path& directory);

  const ModelCard& card() const;
  // inputs: rows x card().inputs.size(), row-major, raw units. No domain check here (the caller's policy).
  Prediction predict(std::span<const double> inputs, std::size_t rows) const;
  // The same model evaluated natively in float32 (Eigen; no TorchScript interpreter): for screening many points,
  // about 10x the rate of predict(), whose float64 results it matches to float precision (relative ~1e-6).
  // A model whose model.pt is not twinlab's layout (trained elsewhere) falls back to predict().
  Prediction predict_fast(std::span<const double> inputs, std::size_t rows) const;
  bool has_native_path() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace twinlab::surrogates
