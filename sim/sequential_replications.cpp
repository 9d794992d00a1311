#include "sim/sequential_replications.hpp"

#include <algorithm>
#include <cmath>

#include "sim/confidence_interval.hpp"

namespace twinlab::sim {

bool precise_enough(const std::vector<std::span<const double>>& series, std::size_t n, const SequentialTarget& target) {
  if (n < 2) return false;
  const double gamma = target.relative_half_width;
  const double adjusted = gamma / (1.0 + gamma);
  for (const auto& values : series) {
    const Estimate e = mean_confidence_interval(values.first(n), target.confidence_level);
    if (!std::isfinite(e.half_width) || !std::isfinite(e.mean)) return false;
    if (e.half_width > adjusted * std::abs(e.mean)) return false;
  }
  return true;
}

std::size_t sequential_stop(const std::vector<std::span<const double>>& series, std::size_t available,
                            const SequentialTarget& target) {
  const std::size_t last = std::min(available, target.max_replications);
  for (std::size_t n = std::max<std::size_t>(target.min_replications, 2); n <= last; ++n)
    if (precise_enough(series, n, target)) return n;
  return 0;
}

}  // namespace twinlab::sim
