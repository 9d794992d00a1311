#include "surrogates/scripted_ensemble.hpp"

#include <fmt/format.h>

namespace twinlab::surrogates::detail {
namespace {

torch::Tensor column_values(const std::vector<ColumnScaling>& columns, double ColumnScaling::*field) {
  std::vector<double> v;
  for (const ColumnScaling& c : columns) v.push_back(c.*field);
  return torch::tensor(v, torch::kFloat64);
}

torch::Tensor log_mask(const std::vector<ColumnScaling>& columns) {
  std::vector<uint8_t> v;
  for (const ColumnScaling& c : columns) v.push_back(c.log10 ? 1 : 0);
  return torch::tensor(v, torch::kUInt8).to(torch::kBool);
}

}  // namespace

torch::jit::Module make_scripted_ensemble(const EnsembleTensors& net, const std::vector<ColumnScaling>& inputs,
                                          const std::vector<ColumnScaling>& outputs,
                                          const std::vector<double>& std_scale) {
  torch::jit::Module module("TwinlabScalarEnsemble");
  module.register_buffer("in_log", log_mask(inputs));
  module.register_buffer("in_shift", column_values(inputs, &ColumnScaling::shift));
  module.register_buffer("in_scale", column_values(inputs, &ColumnScaling::scale));
  module.register_buffer("out_log", log_mask(outputs));
  module.register_buffer("out_shift", column_values(outputs, &ColumnScaling::shift));
  module.register_buffer("out_scale", column_values(outputs, &ColumnScaling::scale));
  // Calibration of the spread (1 = the ensemble's own; x * 1 is exact, so an uncalibrated model is unchanged).
  module.register_buffer("out_std_scale", std_scale.empty() ? torch::ones({static_cast<int64_t>(outputs.size())}, torch::kFloat64)
                                                            : torch::tensor(std_scale, torch::kFloat64));
  std::string layers;
  for (std::size_t l = 0; l < net.weights.size(); ++l) {
    module.register_parameter(fmt::format("w{}", l), net.weights[l].detach().clone(), false);
    module.register_parameter(fmt::format("b{}", l), net.biases[l].detach().clone(), false);
    const bool last = l + 1 == net.weights.size();
    layers += fmt::format("        h = {}torch.matmul(h, self.w{}) + self.b{}{}\n", last ? "" : "torch.tanh(", l, l,
                          last ? "" : ")");
  }
  // The same arithmetic as forward_members() and the ensemble mixture in the trainer: mixture mean of the
  // members' means, mixture variance mean(var + mu^2) - mean^2; then scaled -> raw units.
  const std::string source = fmt::format(R"(
    def forward(self, x):
        xt = torch.where(self.in_log, torch.log10(torch.clamp(x, min=1e-300)), x)
        h = ((xt - self.in_shift) / self.in_scale).unsqueeze(0)
{}        m = self.out_shift.size(0)
        mu = h[:, :, :m]
        a = h[:, :, m:]
        var = torch.log1p(torch.exp(-torch.abs(a))) + torch.clamp(a, min=0.0) + {}
        mean = mu.mean(0)
        sigma = torch.sqrt(torch.clamp((var + mu * mu).mean(0) - mean * mean, min=1e-300))
        t = mean * self.out_scale + self.out_shift
        s = sigma * self.out_std_scale * self.out_scale
        raw = torch.where(self.out_log, torch.pow(10.0, t), t)
        raw_std = torch.where(self.out_log, 2.302585092994046 * raw * s, s)
        return raw, raw_std
)",
                                         layers, kVarianceFloor);
  module.define(source);
  module.eval();
  return module;
}

}  // namespace twinlab::surrogates::detail
