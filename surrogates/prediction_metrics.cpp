#include "surrogates/prediction_metrics.hpp"

#include <cmath>
#include <numbers>

namespace twinlab::surrogates {

OutputMetrics output_metrics(std::span<const double> truth, std::span<const double> mean,
                             std::span<const double> truth_t, std::span<const double> mu,
                             std::span<const double> sigma) {
  OutputMetrics m;
  m.n = truth.size();
  if (m.n == 0) return m;
  const double n = static_cast<double>(m.n);
  double truth_mean = 0.0;
  for (double t : truth) truth_mean += t / n;
  double ss_res = 0.0, ss_tot = 0.0, rel = 0.0, nll = 0.0;
  std::size_t rel_n = 0, within1 = 0, within2 = 0;
  for (std::size_t i = 0; i < m.n; ++i) {
    const double e = mean[i] - truth[i];
    ss_res += e * e;
    ss_tot += (truth[i] - truth_mean) * (truth[i] - truth_mean);
    if (truth[i] != 0.0) {
      rel += std::abs(e) / std::abs(truth[i]);
      ++rel_n;
    }
    const double z = (truth_t[i] - mu[i]) / sigma[i];
    nll += 0.5 * (std::log(2.0 * std::numbers::pi * sigma[i] * sigma[i]) + z * z);
    if (std::abs(z) <= 1.0) ++within1;
    if (std::abs(z) <= 2.0) ++within2;
  }
  m.rmse = std::sqrt(ss_res / n);
  m.r2 = ss_tot > 0.0 ? 1.0 - ss_res / ss_tot : (ss_res == 0.0 ? 1.0 : 0.0);
  m.mean_relative_error = rel_n > 0 ? rel / static_cast<double>(rel_n) : 0.0;
  m.mean_nll = nll / n;
  m.coverage_1sigma = static_cast<double>(within1) / n;
  m.coverage_2sigma = static_cast<double>(within2) / n;
  return m;
}

}  // namespace twinlab::surrogates
