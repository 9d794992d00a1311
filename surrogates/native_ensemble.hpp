#pragma once
// Private to surrogates/: twinlab's scalar ensemble (scripted_ensemble.cpp) evaluated natively in float32 by
// Eigen, without LibTorch's interpreter and dispatcher: the same arithmetic as model.pt's forward(), hidden
// layers in float32 (Eigen's vectorised products and rational tanh), input scaling, variance head, mixture and
// output scaling in float64. For screening many points: mean and std agree with model.pt to float precision.
#include <cstddef>
#include <vector>

namespace twinlab::surrogates::detail {

struct NativeEnsemble {
  struct Layer {
    std::size_t fan_in = 0, fan_out = 0;
    std::vector<float> weights;  // members x fan_in x fan_out, row-major (model.pt's w{l})
    std::vector<float> biases;   // members x fan_out
  };
  std::size_t members = 0, inputs = 0, outputs = 0;
  std::vector<Layer> layers;
  std::vector<bool> in_log, out_log;
  std::vector<double> in_shift, in_scale, out_shift, out_scale, out_std_scale;
  double variance_floor = 1e-6;

  // x: rows x inputs raw units; mean, std: rows x outputs raw units (model_card.hpp contract).
  void evaluate(const double* x, std::size_t rows, double* mean, double* std) const;
};

}  // namespace twinlab::surrogates::detail
