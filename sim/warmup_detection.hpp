#pragma once
// Warm-up (initial transient) detection by MSER-5 (White 1997; White, Cobb & Spratt 2000): the series is
// cut into batches of 5 observations; the truncation point d* (in batches) minimises
//   MSER(d) = 1 / (m - d)^2 * sum_{j > d} (Z_j - mean(Z_{d+1..m}))^2
// over d = 0 .. m/2 (Z_j the batch means, m the number of whole batches). Truncating more than half of
// the series is not allowed: a minimum found at d = m/2 means the run is too short to tell (`reliable`
// false). Domain-free: any equally spaced series (a KPI sampled at fixed intervals).
#include <cstddef>
#include <span>

namespace twinlab::sim {

struct WarmupCut {
  std::size_t observations = 0;  // observations to discard from the start: 5 d* (batch size b: b d*)
  std::size_t batches = 0;       // m, whole batches in the series
  bool reliable = false;         // d* < m / 2 and m >= 4: the minimum lies inside the allowed range
};

// MSER with batches of `batch` observations (5: MSER-5). Observations after the last whole batch are
// ignored. A series shorter than 4 batches gives observations = 0, reliable = false.
WarmupCut mser(std::span<const double> series, std::size_t batch = 5);

}  // namespace twinlab::sim
