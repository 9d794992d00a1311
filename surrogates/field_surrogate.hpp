#pragma once
// Field surrogates: a sweep's kept fields (e.g. the ground-level concentration map per run) reduced to a few
// POD modes (field_pod.hpp), optionally in log10 and in the wind-aligned frame (field_frame.hpp), with the
// deep ensemble of scalar_surrogate.hpp mapping the inputs to the mode coefficients. The saved TorchScript
// module returns the field itself (basis, inverse log and rotation back inside):
//     forward(x: Tensor[N, inputs] float64, raw units) -> (mean: Tensor[N, dims...], std: Tensor[N, dims...])
// Torch-free interface (the layer rule). See docs/surrogates.md, "Field surrogates".
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "surrogates/feature_scaling.hpp"
#include "surrogates/field_frame.hpp"
#include "surrogates/field_pod.hpp"
#include "surrogates/model_card.hpp"
#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::surrogates {

inline constexpr const char* kFieldModelKind = "field-pod-ensemble";

struct FieldTrainingData {
  std::vector<std::string> input_names, input_units;
  std::size_t rows = 0;
  std::vector<double> inputs;  // rows x inputs, row-major, raw units
  std::string field_name, field_units;
  std::vector<std::string> dims{"y", "x"};
  FieldGrid grid;
  std::vector<double> fields;  // rows x (y, x) cells, row-major, raw units
  // Wind direction: the index of the input holding it (degrees, blowing from), for the wind-aligned frame and
  // for the error binned by direction; origin: the rotation centre (the source), m.
  std::optional<std::size_t> direction_input;
  double origin_x_m = 0.0, origin_y_m = 0.0;
};

enum class FieldFrame { Auto, Grid, WindAligned };  // Auto: wind-aligned when a direction input is given

struct FieldOptions {
  FieldFrame frame = FieldFrame::Auto;
  LogChoice transform = LogChoice::Auto;  // Auto: log10 when the positive values span two decades or more
  double floor_fraction = 1e-5;           // log10 of max(value, floor_fraction x largest training value)
  PodOptions pod;
  // Weight each coefficient in the ensemble's loss by its mode's energy: the ensemble learns standardised
  // coefficients, so with equal weights a mode holding 1e-4 of the variance counts as much as the first; with
  // energy weights the training loss (mean squared error phase) is the squared error of the learnt field.
  // Off by default: it helps with 64 modes but not with the default 16 (worse p95; docs/surrogates.md).
  bool energy_weighted_loss = false;
  std::size_t direction_bins = 6;         // error against wind direction: equal bins over the training range
};

// Trains and writes model.pt (TorchScript, the field contract above), model.json (with a `field` block) and
// coefficients/ (the ensemble on the mode coefficients, itself a scalar model directory) into `directory`.
// The POD basis is fitted on the training runs only; errors are measured on the test runs of the same seeded
// split as the ensemble's. Throws base::InputError (key = field or input name) for data it cannot learn from.
ModelCard train_field_surrogate(const FieldTrainingData& data, const FieldOptions& field_options,
                                const TrainingOptions& options, const std::filesystem::path& directory,
                                ModelCard card_template = {});

struct FieldPrediction {
  std::size_t rows = 0, cells = 0;
  std::vector<double> mean, std;  // rows x cells, raw units; std from the coefficients' ensemble spread
};

class FieldSurrogateModel {
 public:
  // Throws base::InputError when the directory is not a field model or model.json does not match the weights.
  static FieldSurrogateModel load(const std::filesystem::path& directory);
  const ModelCard& card() const;
  FieldPrediction predict(std::span<const double> inputs, std::size_t rows) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// Whether model.json in `directory` describes a field model (kind field-pod-ensemble).
bool is_field_model_directory(const std::filesystem::path& directory);

}  // namespace twinlab::surrogates
