#include "surrogates/scripted_forward.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "base/error.hpp"

namespace twinlab::surrogates::detail {

std::string first_line(const std::exception& e) {
  const std::string what = e.what();
  return what.substr(0, what.find('\n'));
}

torch::jit::Module load_scripted_module(const std::filesystem::path& weights, const std::filesystem::path& card_path) {
  torch::jit::Module module;
  try {
    module = torch::jit::load(weights.string());
  } catch (const std::exception& e) {
    throw base::InputError({card_path.string(), 0, 0, "weights"},
                           fmt::format("{} cannot be loaded as TorchScript ({})", weights.string(), first_line(e)));
  }
  module.eval();
  return module;
}

std::pair<torch::Tensor, torch::Tensor> run_forward(torch::jit::Module& module, const torch::Tensor& x) {
  const auto out = module.forward({x});
  if (!out.isTuple()) throw std::runtime_error("forward() did not return a (mean, std) tuple");
  const auto& elements = out.toTuple()->elements();
  if (elements.size() != 2 || !elements[0].isTensor() || !elements[1].isTensor())
    throw std::runtime_error("forward() did not return two tensors (mean, std)");
  return {elements[0].toTensor().to(torch::kFloat64).contiguous(), elements[1].toTensor().to(torch::kFloat64).contiguous()};
}

void forward_in_batches(torch::jit::Module& module, const double* inputs, std::size_t rows, std::size_t inputs_per_row,
                        std::size_t outputs_per_row, std::size_t batch_rows, double* mean, double* std_dev) {
  c10::InferenceMode guard;
  for (std::size_t start = 0; start < rows; start += batch_rows) {
    const std::size_t n = std::min(batch_rows, rows - start);
    // from_blob does not copy; the module does not write its input.
    const torch::Tensor x =
        torch::from_blob(const_cast<double*>(inputs + start * inputs_per_row),
                         {static_cast<int64_t>(n), static_cast<int64_t>(inputs_per_row)}, torch::kFloat64);
    const auto [m, s] = run_forward(module, x);
    if (static_cast<std::size_t>(m.numel()) != n * outputs_per_row || s.numel() != m.numel())
      throw std::runtime_error(fmt::format("forward() gave {} values for {} rows of {} outputs", m.numel(), n,
                                           outputs_per_row));
    std::copy_n(m.data_ptr<double>(), n * outputs_per_row, mean + start * outputs_per_row);
    std::copy_n(s.data_ptr<double>(), n * outputs_per_row, std_dev + start * outputs_per_row);
  }
}

}  // namespace twinlab::surrogates::detail
