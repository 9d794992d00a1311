// Loading a model directory and predicting with it (see scalar_surrogate.hpp).
#include <torch/script.h>

#include <fmt/format.h>

#include "base/error.hpp"
#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::surrogates {

struct SurrogateModel::Impl {
  ModelCard card;
  mutable torch::jit::Module module;  // forward() is not const in LibTorch's API; it does not modify the module
};

namespace {

// Rows per forward call: bounds the temporary activations (members x rows x width doubles).
constexpr std::size_t kBatchRows = 16384;

std::pair<torch::Tensor, torch::Tensor> run_forward(torch::jit::Module& module, const torch::Tensor& x) {
  const auto out = module.forward({x});
  if (!out.isTuple()) throw std::runtime_error("forward() did not return a (mean, std) tuple");
  const auto& elements = out.toTuple()->elements();
  if (elements.size() != 2 || !elements[0].isTensor() || !elements[1].isTensor())
    throw std::runtime_error("forward() did not return two tensors (mean, std)");
  return {elements[0].toTensor().to(torch::kFloat64).contiguous(), elements[1].toTensor().to(torch::kFloat64).contiguous()};
}

}  // namespace

SurrogateModel SurrogateModel::load(const std::filesystem::path& directory) {
  const std::filesystem::path card_path = directory / "model.json";
  if (!std::filesystem::is_directory(directory) || !std::filesystem::is_regular_file(card_path)) {
    throw base::InputError({directory.string(), 0, 0, ""},
                           "is not a model directory (no model.json); give a directory written by `twinlab train`");
  }
  auto impl = std::make_shared<Impl>();
  impl->card = read_model_card(card_path);
  const std::filesystem::path weights = directory / impl->card.weights_file;
  try {
    impl->module = torch::jit::load(weights.string());
  } catch (const std::exception& e) {
    std::string what = e.what();
    what = what.substr(0, what.find('\n'));
    throw base::InputError({card_path.string(), 0, 0, "weights"},
                           fmt::format("{} cannot be loaded as TorchScript ({})", weights.string(), what));
  }
  impl->module.eval();
  // Probe: one row at the centre of the domain must give one mean and std per declared output.
  const std::size_t d = impl->card.inputs.size(), m = impl->card.outputs.size();
  std::vector<double> centre;
  for (const InputSpec& in : impl->card.inputs) centre.push_back(0.5 * (in.min + in.max));
  try {
    c10::InferenceMode guard;
    const torch::Tensor x = torch::from_blob(centre.data(), {1, static_cast<int64_t>(d)}, torch::kFloat64);
    const auto [mean, std_dev] = run_forward(impl->module, x);
    if (mean.dim() != 2 || mean.size(0) != 1 || mean.size(1) != static_cast<int64_t>(m) ||
        std_dev.sizes() != mean.sizes()) {
      throw std::runtime_error(fmt::format("it gives shape [{}] for one row, model.json declares {} outputs",
                                           fmt::join(mean.sizes(), ", "), m));
    }
  } catch (const std::exception& e) {
    std::string what = e.what();
    what = what.substr(0, what.find('\n'));
    throw base::InputError({card_path.string(), 0, 0, "outputs"},
                           fmt::format("does not match the weights {}: {}", weights.string(), what));
  }
  SurrogateModel model;
  model.impl_ = std::move(impl);
  return model;
}

const ModelCard& SurrogateModel::card() const { return impl_->card; }

Prediction SurrogateModel::predict(std::span<const double> inputs, std::size_t rows) const {
  const std::size_t d = impl_->card.inputs.size(), m = impl_->card.outputs.size();
  if (inputs.size() != rows * d)
    throw std::invalid_argument(fmt::format("predict: {} values for {} rows of {} inputs", inputs.size(), rows, d));
  Prediction p;
  p.rows = rows;
  p.outputs = m;
  p.mean.resize(rows * m);
  p.std.resize(rows * m);
  c10::InferenceMode guard;
  for (std::size_t start = 0; start < rows; start += kBatchRows) {
    const std::size_t n = std::min(kBatchRows, rows - start);
    // from_blob does not copy; the module does not write its input.
    const torch::Tensor x = torch::from_blob(const_cast<double*>(inputs.data() + start * d),
                                             {static_cast<int64_t>(n), static_cast<int64_t>(d)}, torch::kFloat64);
    const auto [mean, std_dev] = run_forward(impl_->module, x);
    std::copy_n(mean.data_ptr<double>(), n * m, p.mean.begin() + static_cast<std::ptrdiff_t>(start * m));
    std::copy_n(std_dev.data_ptr<double>(), n * m, p.std.begin() + static_cast<std::ptrdiff_t>(start * m));
  }
  return p;
}

}  // namespace twinlab::surrogates
