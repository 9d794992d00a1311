#include "sim/model_evaluation.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace twinlab::sim {

EvaluationStatistics evaluate_predictions(std::span<const double> observed, std::span<const double> predicted) {
  if (observed.size() != predicted.size()) {
    throw std::invalid_argument("evaluate_predictions: " + std::to_string(observed.size()) + " observed but " +
                                std::to_string(predicted.size()) + " predicted values");
  }
  if (observed.empty()) throw std::invalid_argument("evaluate_predictions: no pairs");
  double sum_o = 0.0, sum_p = 0.0, sum_sq_diff = 0.0, sum_log_ratio = 0.0, sum_sq_log_ratio = 0.0;
  std::size_t within_factor_2 = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double o = observed[i], p = predicted[i];
    if (!(std::isfinite(o) && std::isfinite(p) && o > 0.0 && p > 0.0)) {
      throw std::invalid_argument("evaluate_predictions: pair " + std::to_string(i) +
                                  " is not finite and positive (observed " + std::to_string(o) + ", predicted " +
                                  std::to_string(p) + ")");
    }
    if (p >= 0.5 * o && p <= 2.0 * o) ++within_factor_2;
    sum_o += o;
    sum_p += p;
    sum_sq_diff += (o - p) * (o - p);
    const double log_ratio = std::log(o) - std::log(p);
    sum_log_ratio += log_ratio;
    sum_sq_log_ratio += log_ratio * log_ratio;
  }
  const double n = static_cast<double>(observed.size());
  const double mean_o = sum_o / n, mean_p = sum_p / n;
  EvaluationStatistics s;
  s.n = observed.size();
  s.fractional_bias = (mean_o - mean_p) / (0.5 * (mean_o + mean_p));
  s.normalized_mse = (sum_sq_diff / n) / (mean_o * mean_p);
  s.geometric_mean_bias = std::exp(sum_log_ratio / n);
  s.geometric_variance = std::exp(sum_sq_log_ratio / n);
  s.fac2 = static_cast<double>(within_factor_2) / n;
  return s;
}

}  // namespace twinlab::sim
