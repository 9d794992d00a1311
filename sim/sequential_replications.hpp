#pragma once
// Sequential choice of the number of replications for a target relative precision (Law & Kelton,
// "Simulation Modeling and Analysis", the sequential procedure for a relative error gamma): after each
// replication n >= n_min, stop when every watched figure's Student-t interval satisfies
//   half_width(n) / |mean(n)| <= gamma / (1 + gamma)
// (the adjusted target gamma' makes |mean - true| / |true| <= gamma hold with the interval's confidence).
// Domain-free: each watched figure is a vector of per-replication values, in replication order. The
// decision depends only on the values in order, so a caller that runs replications in parallel batches gets
// the same stopping point as one that runs them one by one (extra replications of a batch are dropped).
#include <cstddef>
#include <span>
#include <vector>

namespace twinlab::sim {

struct SequentialTarget {
  double relative_half_width = 0.05;  // gamma
  double confidence_level = 0.95;
  std::size_t min_replications = 5;   // n_min >= 2 (the first check)
  std::size_t max_replications = 200; // the cap
};

// True when the first n values of every series meet the target (n >= 2). A series whose mean is 0 meets it
// only when its half-width is 0 too.
bool precise_enough(const std::vector<std::span<const double>>& series, std::size_t n, const SequentialTarget& target);

// The stopping point for the values available so far (each series holds at least `available` values):
// the smallest n in [max(min_replications, 2), available] that is precise enough, or 0 when there is none
// yet (run more, unless available >= max_replications: then the cap is reached).
std::size_t sequential_stop(const std::vector<std::span<const double>>& series, std::size_t available,
                            const SequentialTarget& target);

}  // namespace twinlab::sim
