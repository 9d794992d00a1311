#pragma once
// Percentile bootstrap shared by the sensitivity estimators: resample the independent units of a design (the
// N base rows of a Saltelli design, the r trajectories of a Morris design) with replacement, recompute the
// estimate on each resample, and take the (1 -/+ level)/2 quantiles of the replicates.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace twinlab::sim::sensitivity {

struct BootstrapOptions {
  std::size_t resamples = 1000;  // 0: no interval (lower = upper = NaN)
  double level = 0.95;           // two-sided confidence level, in (0, 1)
  std::uint64_t seed = 0;        // resampling stream (RandomStream(seed, "sensitivity.bootstrap"))
};

struct IndexEstimate {
  double value = 0.0;  // from the whole design
  double lower = 0.0;  // bootstrap percentile interval at BootstrapOptions::level (NaN without resamples)
  double upper = 0.0;
};

// Row indices of every resample: resamples x units, each uniform on 0..units-1, from (options.seed) only.
std::vector<std::size_t> bootstrap_rows(std::size_t units, const BootstrapOptions& options);

// Linearly interpolated quantile q in [0, 1] of the values (sorted in place).
double percentile(std::span<double> values, double q);

}  // namespace twinlab::sim::sensitivity
