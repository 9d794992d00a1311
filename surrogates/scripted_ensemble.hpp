#pragma once
// Private to surrogates/ (includes LibTorch): the trained ensemble packed into a TorchScript module whose
// forward() takes raw inputs and returns (mean, std) in raw units (the contract of model_card.hpp), so that
// twinlab and a notebook (torch.jit.load) run exactly the same computation.
#include <torch/script.h>

#include <vector>

#include "surrogates/ensemble_tensors.hpp"
#include "surrogates/feature_scaling.hpp"

namespace twinlab::surrogates::detail {

torch::jit::Module make_scripted_ensemble(const EnsembleTensors& net, const std::vector<ColumnScaling>& inputs,
                                          const std::vector<ColumnScaling>& outputs);

}  // namespace twinlab::surrogates::detail
