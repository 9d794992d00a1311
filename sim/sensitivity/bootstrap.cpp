#include "sim/sensitivity/bootstrap.hpp"

#include <algorithm>
#include <cmath>


namespace twinlab::sim::sensitivity {

RandomStream bootstrap_stream(std::uint64_t seed, std::size_t resample) {
  return RandomStream(seed, "sensitivity.bootstrap", resample);
}

std::vector<std::size_t> bootstrap_rows(std::size_t units, std::uint64_t seed, std::size_t resample) {
  std::vector<std::size_t> rows(units);
  RandomStream stream = bootstrap_stream(seed, resample);
  for (auto& r : rows) r = bootstrap_unit(stream, units);
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
