#pragma once
// Percentile bootstrap shared by the sensitivity estimators: resample the independent units of a design (the
// N base rows of a Saltelli design, the r trajectories of a Morris design) with replacement, recompute the
// estimate on each resample, and take the (1 -/+ level)/2 quantiles of the replicates.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/random_streams.hpp"

namespace twinlab::sim::sensitivity {

struct BootstrapOptions {
  std::size_t resamples = 1000;  // 0: no interval (lower = upper = NaN)
  double level = 0.95;           // two-sided confidence level, in (0, 1)
  std::uint64_t seed = 0;        // resample b draws from RandomStream(seed, "sensitivity.bootstrap", b)
};

struct IndexEstimate {
  double value = 0.0;  // from the whole design
  double lower = 0.0;  // bootstrap percentile interval at BootstrapOptions::level (NaN without resamples)
  double upper = 0.0;
};

// The stream of resample b; its draws give the units of that resample (bootstrap_unit). Each resample depends
// only on (seed, b), so resamples can run in parallel in any order and need no stored index table.
RandomStream bootstrap_stream(std::uint64_t seed, std::size_t resample);
// One unit, uniform on 0..units-1: the high word of a 64 x 64-bit product (Lemire's multiply-shift, without the
// rejection step: its bias is below units / 2^64), several times cheaper than a modulo.
inline std::size_t bootstrap_unit(RandomStream& stream, std::size_t units) {
  __extension__ using u128 = unsigned __int128;
  return static_cast<std::size_t>((static_cast<u128>(stream.next_u64()) * units) >> 64);
}
// The units of resample b (units draws), for tests and small designs.
std::vector<std::size_t> bootstrap_rows(std::size_t units, std::uint64_t seed, std::size_t resample);

// Linearly interpolated quantile q in [0, 1] of the values (sorted in place).
double percentile(std::span<double> values, double q);

}  // namespace twinlab::sim::sensitivity
