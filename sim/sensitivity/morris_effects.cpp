#include "sim/sensitivity/morris_effects.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace twinlab::sim::sensitivity {

std::vector<double> elementary_effects(const design::MorrisDesign& design, std::span<const double> outputs) {
  const std::size_t d = design.dimension, r = design.trajectories.size();
  if (outputs.size() != design.count())
    throw std::invalid_argument("Morris effects need r (d + 1) = " + std::to_string(design.count()) +
                                " outputs (got " + std::to_string(outputs.size()) + ")");
  std::vector<double> ee(d * r, NAN);
  std::vector<int> seen(d);
  for (std::size_t t = 0; t < r; ++t) {
    const design::MorrisTrajectory& traj = design.trajectories[t];
    if (traj.order.size() != d || traj.step.size() != d || traj.start.size() != d)
      throw std::invalid_argument("Morris trajectory " + std::to_string(t) + " does not have d entries");
    std::fill(seen.begin(), seen.end(), 0);
    for (std::size_t k = 0; k < d; ++k) {
      const std::size_t j = traj.order[k];
      if (j >= d || seen[j]++ || traj.step[k] == 0.0)
        throw std::invalid_argument("Morris trajectory " + std::to_string(t) +
                                    " must move every dimension exactly once by a non-zero step");
      const double y0 = outputs[t * (d + 1) + k], y1 = outputs[t * (d + 1) + k + 1];
      if (!std::isfinite(y0) || !std::isfinite(y1))
        throw std::invalid_argument("Morris effects need finite outputs (trajectory " + std::to_string(t) + ")");
      ee[j * r + t] = (y1 - y0) / traj.step[k];
    }
  }
  return ee;
}

std::vector<MorrisEffect> estimate_morris(const design::MorrisDesign& design, std::span<const double> outputs,
                                          const BootstrapOptions& bootstrap) {
  if (!(bootstrap.level > 0.0 && bootstrap.level < 1.0))
    throw std::invalid_argument("bootstrap confidence level must be in (0, 1) (got " + std::to_string(bootstrap.level) + ")");
  const std::size_t d = design.dimension, r = design.trajectories.size();
  const std::vector<double> ee = elementary_effects(design, outputs);
  std::vector<MorrisEffect> result(d);
  std::vector<double> replicates(bootstrap.resamples);
  for (std::size_t j = 0; j < d; ++j) {
    const double* e = &ee[j * r];
    double sum = 0.0, sum_abs = 0.0;
    for (std::size_t t = 0; t < r; ++t) {
      sum += e[t];
      sum_abs += std::abs(e[t]);
    }
    const double mu = sum / static_cast<double>(r);
    double ss = 0.0;
    for (std::size_t t = 0; t < r; ++t) ss += (e[t] - mu) * (e[t] - mu);
    result[j].mu = mu;
    result[j].mu_star = {sum_abs / static_cast<double>(r), NAN, NAN};
    result[j].sigma = r > 1 ? std::sqrt(ss / static_cast<double>(r - 1)) : NAN;
    if (bootstrap.resamples == 0) continue;
    for (std::size_t b = 0; b < bootstrap.resamples; ++b) {
      RandomStream stream = bootstrap_stream(bootstrap.seed, b);  // the same trajectories for every dimension
      double s = 0.0;
      for (std::size_t k = 0; k < r; ++k) s += std::abs(e[bootstrap_unit(stream, r)]);
      replicates[b] = s / static_cast<double>(r);
    }
    result[j].mu_star.lower = percentile(replicates, 0.5 * (1.0 - bootstrap.level));
    result[j].mu_star.upper = percentile(replicates, 0.5 * (1.0 + bootstrap.level));
  }
  return result;
}

}  // namespace twinlab::sim::sensitivity
