#include "sim/warmup_detection.hpp"

#include <limits>
#include <vector>

namespace twinlab::sim {

WarmupCut mser(std::span<const double> series, std::size_t batch) {
  WarmupCut cut;
  if (batch == 0) batch = 1;
  const std::size_t m = series.size() / batch;
  cut.batches = m;
  if (m < 4) return cut;
  std::vector<double> z(m, 0.0);
  for (std::size_t j = 0; j < m; ++j) {
    for (std::size_t k = 0; k < batch; ++k) z[j] += series[j * batch + k];
    z[j] /= static_cast<double>(batch);
  }
  // Suffix sums give every MSER(d) in O(m): sum of squares about the mean = S2 - S1^2 / n, summed over
  // deviations from the last batch mean (accurate for a large mean with a small spread).
  const double shift = z[m - 1];
  std::vector<double> s1(m + 1, 0.0), s2(m + 1, 0.0);
  for (std::size_t j = m; j-- > 0;) {
    const double y = z[j] - shift;
    s1[j] = s1[j + 1] + y;
    s2[j] = s2[j + 1] + y * y;
  }
  double best = std::numeric_limits<double>::infinity();
  std::size_t best_d = 0;
  for (std::size_t d = 0; d <= m / 2; ++d) {
    const double n = static_cast<double>(m - d);
    double ss = s2[d] - s1[d] * s1[d] / n;
    if (ss < 0.0) ss = 0.0;
    const double value = ss / (n * n);
    if (value < best) {
      best = value;
      best_d = d;
    }
  }
  cut.observations = best_d * batch;
  cut.reliable = best_d < m / 2;
  return cut;
}

}  // namespace twinlab::sim
