#pragma once
// Private to surrogates/ (includes LibTorch): the trained ensemble packed into a TorchScript module whose
// forward() takes raw inputs and returns (mean, std) in raw units (the contract of model_card.hpp), so that
// twinlab and a notebook (torch.jit.load) run exactly the same computation.
#include <torch/script.h>

#include <vector>

#include "surrogates/ensemble_tensors.hpp"
#include "surrogates/feature_scaling.hpp"

namespace twinlab::surrogates::detail {

// std_scale: per output, the factor of the spread (post-hoc calibration); empty = 1 for every output.
torch::jit::Module make_scripted_ensemble(const EnsembleTensors& net, const std::vector<ColumnScaling>& inputs,
                                          const std::vector<ColumnScaling>& outputs,
                                          const std::vector<double>& std_scale = {});

}  // namespace twinlab::surrogates::detail
