// Loading a field model directory and predicting fields with it (see field_surrogate.hpp).
#include <torch/script.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/error.hpp"
#include "surrogates/field_surrogate.hpp"
#include "surrogates/scripted_forward.hpp"

namespace twinlab::surrogates {

struct FieldSurrogateModel::Impl {
  ModelCard card;
  std::size_t cells = 0;
  mutable torch::jit::Module module;  // forward() is not const in LibTorch's API; it does not modify the module
};

namespace {

constexpr std::size_t kBatchRows = 256;  // rows per forward call: bounds the temporary fields in memory

}  // namespace

FieldSurrogateModel FieldSurrogateModel::load(const std::filesystem::path& directory) {
  const std::filesystem::path card_path = directory / "model.json";
  if (!std::filesystem::is_directory(directory) || !std::filesystem::is_regular_file(card_path))
    throw base::InputError({directory.string(), 0, 0, ""},
                           "is not a model directory (no model.json); give a directory written by `twinlab train`");
  auto impl = std::make_shared<Impl>();
  impl->card = read_model_card(card_path);
  if (!impl->card.field) throw base::InputError({card_path.string(), 0, 0, "field"}, "missing: not a field model");
  std::vector<int64_t> shape{1};
  impl->cells = 1;
  for (const auto& c : impl->card.field->coordinates) {
    shape.push_back(static_cast<int64_t>(c.size()));
    impl->cells *= c.size();
  }
  const std::filesystem::path weights = directory / impl->card.weights_file;
  impl->module = detail::load_scripted_module(weights, card_path);
  std::vector<double> centre;
  for (const InputSpec& in : impl->card.inputs) centre.push_back(0.5 * (in.min + in.max));
  try {
    c10::InferenceMode guard;
    const torch::Tensor x = torch::from_blob(centre.data(), {1, static_cast<int64_t>(centre.size())}, torch::kFloat64);
    const auto [mean, std_dev] = detail::run_forward(impl->module, x);
    if (mean.sizes().vec() != shape || std_dev.sizes() != mean.sizes())
      throw std::runtime_error(fmt::format("it gives shape [{}] for one row, model.json's field grid is [{}]",
                                           fmt::join(mean.sizes(), ", "), fmt::join(shape, ", ")));
  } catch (const std::exception& e) {
    throw base::InputError({card_path.string(), 0, 0, "field.grid"},
                           fmt::format("does not match the weights {}: {}", weights.string(), detail::first_line(e)));
  }
  FieldSurrogateModel model;
  model.impl_ = std::move(impl);
  return model;
}

const ModelCard& FieldSurrogateModel::card() const { return impl_->card; }

FieldPrediction FieldSurrogateModel::predict(std::span<const double> inputs, std::size_t rows) const {
  const std::size_t d = impl_->card.inputs.size(), cells = impl_->cells;
  if (inputs.size() != rows * d)
    throw std::invalid_argument(fmt::format("predict: {} values for {} rows of {} inputs", inputs.size(), rows, d));
  FieldPrediction p;
  p.rows = rows;
  p.cells = cells;
  p.mean.resize(rows * cells);
  p.std.resize(rows * cells);
  detail::forward_in_batches(impl_->module, inputs.data(), rows, d, cells, kBatchRows, p.mean.data(), p.std.data());
  return p;
}

}  // namespace twinlab::surrogates
