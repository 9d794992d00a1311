#include "sim/sensitivity/bootstrap.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random_streams.hpp"

namespace twinlab::sim::sensitivity {

std::vector<std::size_t> bootstrap_rows(std::size_t units, const BootstrapOptions& options) {
  std::vector<std::size_t> rows(units * options.resamples);
  RandomStream stream(options.seed, "sensitivity.bootstrap");
  for (auto& r : rows) r = static_cast<std::size_t>(stream.next_u64() % units);  // bias below units / 2^64
  return rows;
}

double percentile(std::span<double> values, double q) {
  if (values.empty()) return NAN;
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double w = position - static_cast<double>(below);
  return values[below] + w * (values[above] - values[below]);
}

}  // namespace twinlab::sim::sensitivity
