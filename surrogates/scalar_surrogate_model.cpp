// Loading a model directory and predicting with it (see scalar_surrogate.hpp).
#include <torch/script.h>

#include <map>
#include <optional>

#include <fmt/format.h>

#include "base/error.hpp"
#include "surrogates/ensemble_tensors.hpp"
#include "surrogates/native_ensemble.hpp"
#include "surrogates/scalar_surrogate.hpp"
#include "surrogates/scripted_forward.hpp"

namespace twinlab::surrogates {

struct SurrogateModel::Impl {
  ModelCard card;
  mutable torch::jit::Module module;  // forward() is not const in LibTorch's API; it does not modify the module
  std::optional<detail::NativeEnsemble> native;  // twinlab's own layout inside model.pt (scripted_ensemble.cpp)
};

namespace {

// Rows per forward call: bounds the temporary activations (members x rows x width doubles).
constexpr std::size_t kBatchRows = 16384;

std::vector<double> doubles(const torch::Tensor& t) {
  const torch::Tensor c = t.to(torch::kFloat64).contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

std::vector<bool> flags(const torch::Tensor& t) {
  const torch::Tensor c = t.to(torch::kUInt8).contiguous();
  // Parentheses: braces would pick the initializer_list<bool> constructor (two pointers -> two flags).
  return std::vector<bool>(c.data_ptr<uint8_t>(), c.data_ptr<uint8_t>() + c.numel());
}

// The weights and scalings of a module written by make_scripted_ensemble, for the native float32 path; nullopt
// for a module of another layout (a model trained elsewhere is served by its TorchScript forward only).
std::optional<detail::NativeEnsemble> native_ensemble(const torch::jit::Module& module, std::size_t inputs,
                                                      std::size_t outputs) {
  std::map<std::string, torch::Tensor> named;
  for (const auto& p : module.named_parameters(false)) named[p.name] = p.value;
  for (const auto& b : module.named_buffers(false)) named[b.name] = b.value;
  for (const char* key : {"in_log", "in_shift", "in_scale", "out_log", "out_shift", "out_scale", "w0", "b0"})
    if (!named.count(key)) return std::nullopt;
  detail::NativeEnsemble net;
  net.inputs = inputs;
  net.outputs = outputs;
  net.in_log = flags(named["in_log"]);
  net.in_shift = doubles(named["in_shift"]);
  net.in_scale = doubles(named["in_scale"]);
  net.out_log = flags(named["out_log"]);
  net.out_shift = doubles(named["out_shift"]);
  net.out_scale = doubles(named["out_scale"]);
  net.out_std_scale = named.count("out_std_scale") ? doubles(named["out_std_scale"]) : std::vector<double>(outputs, 1.0);
  net.variance_floor = detail::kVarianceFloor;
  for (const auto* v : {&net.in_shift, &net.in_scale})
    if (v->size() != inputs) return std::nullopt;
  for (const auto* v : {&net.out_shift, &net.out_scale, &net.out_std_scale})
    if (v->size() != outputs) return std::nullopt;
  if (net.in_log.size() != inputs || net.out_log.size() != outputs) return std::nullopt;
  std::size_t fan_in = inputs;
  for (std::size_t l = 0; named.count(fmt::format("w{}", l)); ++l) {
    const torch::Tensor w = named[fmt::format("w{}", l)], b = named[fmt::format("b{}", l)];
    if (!b.defined() || w.dim() != 3 || b.dim() != 3 || w.size(1) != static_cast<int64_t>(fan_in) ||
        b.size(2) != w.size(2) || (l > 0 && w.size(0) != static_cast<int64_t>(net.members)))
      return std::nullopt;
    net.members = static_cast<std::size_t>(w.size(0));
    detail::NativeEnsemble::Layer layer;
    layer.fan_in = fan_in;
    layer.fan_out = static_cast<std::size_t>(w.size(2));
    const torch::Tensor wf = w.to(torch::kFloat32).contiguous(), bf = b.to(torch::kFloat32).contiguous();
    layer.weights.assign(wf.data_ptr<float>(), wf.data_ptr<float>() + wf.numel());
    layer.biases.assign(bf.data_ptr<float>(), bf.data_ptr<float>() + bf.numel());
    fan_in = layer.fan_out;
    net.layers.push_back(std::move(layer));
  }
  if (fan_in != 2 * outputs) return std::nullopt;
  return net;
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
  impl->module = detail::load_scripted_module(weights, card_path);
  // Probe: one row at the centre of the domain must give one mean and std per declared output.
  const std::size_t d = impl->card.inputs.size(), m = impl->card.outputs.size();
  std::vector<double> centre;
  for (const InputSpec& in : impl->card.inputs) centre.push_back(0.5 * (in.min + in.max));
  try {
    c10::InferenceMode guard;
    const torch::Tensor x = torch::from_blob(centre.data(), {1, static_cast<int64_t>(d)}, torch::kFloat64);
    const auto [mean, std_dev] = detail::run_forward(impl->module, x);
    if (mean.dim() != 2 || mean.size(0) != 1 || mean.size(1) != static_cast<int64_t>(m) ||
        std_dev.sizes() != mean.sizes()) {
      throw std::runtime_error(fmt::format("it gives shape [{}] for one row, model.json declares {} outputs",
                                           fmt::join(mean.sizes(), ", "), m));
    }
  } catch (const std::exception& e) {
    throw base::InputError({card_path.string(), 0, 0, "outputs"},
                           fmt::format("does not match the weights {}: {}", weights.string(), detail::first_line(e)));
  }
  if (impl->card.kind == "scalar-ensemble") impl->native = native_ensemble(impl->module, d, m);
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
  detail::forward_in_batches(impl_->module, inputs.data(), rows, d, m, kBatchRows, p.mean.data(), p.std.data());
  return p;
}

bool SurrogateModel::has_native_path() const { return impl_->native.has_value(); }

Prediction SurrogateModel::predict_fast(std::span<const double> inputs, std::size_t rows) const {
  if (!impl_->native) return predict(inputs, rows);
  const std::size_t d = impl_->card.inputs.size(), m = impl_->card.outputs.size();
  if (inputs.size() != rows * d)
    throw std::invalid_argument(fmt::format("predict: {} values for {} rows of {} inputs", inputs.size(), rows, d));
  Prediction p;
  p.rows = rows;
  p.outputs = m;
  p.mean.resize(rows * m);
  p.std.resize(rows * m);
  impl_->native->evaluate(inputs.data(), rows, p.mean.data(), p.std.data());
  return p;
}

}  // namespace twinlab::surrogates
