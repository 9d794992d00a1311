#pragma once
// Model-evaluation statistics of paired observed (Co) and predicted (Cp) values, as used to score dispersion
// models against field data (Hanna et al. 1993; Chang & Hanna 2004, Meteorol. Atmos. Phys. 87:167):
//   FB   = (mean Co - mean Cp) / (0.5 (mean Co + mean Cp))      fractional bias (> 0: under-prediction)
//   NMSE = mean (Co - Cp)^2 / (mean Co mean Cp)                 normalised mean square error
//   MG   = exp(mean ln Co - mean ln Cp)                         geometric mean bias (> 1: under-prediction)
//   VG   = exp(mean (ln Co - ln Cp)^2)                          geometric variance
//   FAC2 = fraction of pairs with 0.5 <= Cp / Co <= 2
// Chang & Hanna's "good model" criteria on research-grade data: |FB| <= 0.3, 0.7 <= MG <= 1.3, NMSE <= 1.5
// (often quoted as <= 4 for routine data), VG <= 4, FAC2 >= 0.5.
#include <cstddef>
#include <span>

namespace twinlab::sim {

struct EvaluationStatistics {
  std::size_t n = 0;  // number of pairs
  double fractional_bias = 0.0;
  double normalized_mse = 0.0;
  double geometric_mean_bias = 0.0;
  double geometric_variance = 0.0;
  double fac2 = 0.0;
};

// The statistics of the pairs (observed[i], predicted[i]). Every value must be finite and > 0 (MG and VG take
// logarithms); throws std::invalid_argument otherwise, for different lengths, or for no pairs.
EvaluationStatistics evaluate_predictions(std::span<const double> observed, std::span<const double> predicted);

}  // namespace twinlab::sim
