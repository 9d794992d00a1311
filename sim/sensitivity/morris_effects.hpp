#pragma once
// Morris elementary effects from the outputs of a Morris design (design::MorrisSampler::design(), or a
// hand-written MorrisDesign), outputs in run order t (d + 1) + k.
//
// Between points k and k+1 of trajectory t only dimension j = order[k] moves, by step[k] (+-delta, in unit-cube
// coordinates), so its elementary effect is EE_j,t = (y_t,k+1 - y_t,k) / step[k]. Over the r trajectories:
//   mu_j = mean EE_j,t      mu*_j = mean |EE_j,t| (Campolongo et al. 2007)
//   sigma_j = sample standard deviation of EE_j,t (r - 1 in the denominator; NaN for r = 1)
// The bootstrap interval of mu* resamples whole trajectories.
#include <cstddef>
#include <span>
#include <vector>

#include "sim/design/morris_sampler.hpp"
#include "sim/sensitivity/bootstrap.hpp"

namespace twinlab::sim::sensitivity {

struct MorrisEffect {
  double mu = 0.0;
  IndexEstimate mu_star;  // value, and its bootstrap interval
  double sigma = 0.0;
};

// The elementary effects: [j * r + t] for dimension j, trajectory t.
std::vector<double> elementary_effects(const design::MorrisDesign& design, std::span<const double> outputs);

// One MorrisEffect per dimension. outputs.size() must be design.count() and finite (std::invalid_argument).
std::vector<MorrisEffect> estimate_morris(const design::MorrisDesign& design, std::span<const double> outputs,
                                          const BootstrapOptions& bootstrap = {});

}  // namespace twinlab::sim::sensitivity
