#pragma once
// Accuracy and calibration of a surrogate's predictions on held-out rows (model.json's test metrics).
#include <span>

#include "surrogates/model_card.hpp"

namespace twinlab::surrogates {

// truth, mean in raw units; mu, sigma, truth_t in the learnt (scaled) space, where the predictive distribution
// is Gaussian: the NLL and the coverage of +-1 and +-2 sigma are computed there (for a log10 output an interval
// in log space maps one-to-one onto the raw interval, so the coverage is the same either way).
OutputMetrics output_metrics(std::span<const double> truth, std::span<const double> mean,
                             std::span<const double> truth_t, std::span<const double> mu,
                             std::span<const double> sigma);

}  // namespace twinlab::surrogates
