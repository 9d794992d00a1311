// Loading a field model directory and predicting fields with it (see field_surrogate.hpp).
#include <torch/script.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/error.hpp"
#include "surrogates/field_surrogate.hpp"

namespace twinlab::surrogates {

struct FieldSurrogateModel::Impl {
  ModelCard card;
  std::size_t cells = 0;
  mutable torch::jit::Module module;  // forward() is not const in LibTorch's API; it does not modify the module
};

namespace {

constexpr std::size_t kBatchRows = 256;  // rows per forward call: bounds the temporary fields in memory

std::pair<torch::Tensor, torch::Tensor> run_forward(torch::jit::Module& module, const torch::Tensor& x) {
  const auto out = module.forward({x});
  if (!out.isTuple()) throw std::runtime_error("forward() did not return a (mean, std) tuple");
  const auto& elements = out.toTuple()->elements();
  if (elements.size() != 2 || !elements[0].isTensor() || !elements[1].isTensor())
    throw std::runtime_error("forward() did not return two tensors (mean, std)");
  return {elements[0].toTensor().to(torch::kFloat64).contiguous(), elements[1].toTensor().to(torch::kFloat64).contiguous()};
}

std::string first_line(const std::exception& e) {
  std::string what = e.what();
  return what.substr(0, what.find('\n'));
}

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
  try {
    impl->module = torch::jit::load(weights.string());
  } catch (const std::exception& e) {
    throw base::InputError({card_path.string(), 0, 0, "weights"},
                           fmt::format("{} cannot be loaded as TorchScript ({})", weights.string(), first_line(e)));
  }
  impl->module.eval();
  std::vector<double> centre;
  for (const InputSpec& in : impl->card.inputs) centre.push_back(0.5 * (in.min + in.max));
  try {
    c10::InferenceMode guard;
    const torch::Tensor x = torch::from_blob(centre.data(), {1, static_cast<int64_t>(centre.size())}, torch::kFloat64);
    const auto [mean, std_dev] = run_forward(impl->module, x);
    if (mean.sizes().vec() != shape || std_dev.sizes() != mean.sizes())
      throw std::runtime_error(fmt::format("it gives shape [{}] for one row, model.json's field grid is [{}]",
                                           fmt::join(mean.sizes(), ", "), fmt::join(shape, ", ")));
  } catch (const std::exception& e) {
    throw base::InputError({card_path.string(), 0, 0, "field.grid"},
                           fmt::format("does not match the weights {}: {}", weights.string(), first_line(e)));
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
  c10::InferenceMode guard;
  for (std::size_t start = 0; start < rows; start += kBatchRows) {
    const std::size_t n = std::min(kBatchRows, rows - start);
    const torch::Tensor x = torch::from_blob(const_cast<double*>(inputs.data() + start * d),
                                             {static_cast<int64_t>(n), static_cast<int64_t>(d)}, torch::kFloat64);
    const auto [mean, std_dev] = run_forward(impl_->module, x);
    std::copy_n(mean.data_ptr<double>(), n * cells, p.mean.begin() + static_cast<std::ptrdiff_t>(start * cells));
    std::copy_n(std_dev.data_ptr<double>(), n * cells, p.std.begin() + static_cast<std::ptrdiff_t>(start * cells));
  }
  return p;
}

}  // namespace twinlab::surrogates
