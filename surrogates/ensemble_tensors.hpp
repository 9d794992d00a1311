#pragma once
// Private to surrogates/ (includes LibTorch): the deep ensemble as stacked tensors, so that all members are
// evaluated (and trained) by one batched matrix product per layer. Member m's layer l maps h -> h W_l[m] + b_l[m];
// tanh between layers; the last layer gives, per output, a mean mu and a raw variance a, with
// var = softplus(a) + kVarianceFloor (Lakshminarayanan et al. 2017, "deep ensembles").
#include <torch/torch.h>

#include <string>
#include <vector>

namespace twinlab::surrogates::detail {

inline constexpr double kVarianceFloor = 1e-6;  // in the scaled output space, where the data have unit variance

struct EnsembleTensors {
  std::vector<torch::Tensor> weights;  // [members, fan_in, fan_out] per layer
  std::vector<torch::Tensor> biases;   // [members, 1, fan_out] per layer
};

// Stable softplus, written out so that the TorchScript source below can use the same expression.
inline torch::Tensor stable_softplus(const torch::Tensor& a) { return torch::log1p(torch::exp(-a.abs())) + a.clamp_min(0.0); }

// z: [N, inputs] scaled inputs. Returns mu and var, each [members, N, outputs], in the scaled output space.
inline std::pair<torch::Tensor, torch::Tensor> forward_members(const EnsembleTensors& net, const torch::Tensor& z) {
  torch::Tensor h = z.unsqueeze(0);
  const std::size_t layers = net.weights.size();
  for (std::size_t l = 0; l < layers; ++l) {
    h = torch::matmul(h, net.weights[l]) + net.biases[l];
    if (l + 1 < layers) h = torch::tanh(h);
  }
  const int64_t outputs = h.size(2) / 2;
  torch::Tensor mu = h.slice(2, 0, outputs);
  torch::Tensor var = stable_softplus(h.slice(2, outputs)) + kVarianceFloor;
  return {mu, var};
}

}  // namespace twinlab::surrogates::detail
