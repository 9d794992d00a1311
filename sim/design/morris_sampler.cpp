#include "sim/design/morris_sampler.hpp"

#include <numeric>
#include <utility>

#include "sim/random_streams.hpp"

namespace twinlab::sim::design {

void MorrisDesign::point(std::size_t t, std::size_t k, std::span<double> out) const {
  const MorrisTrajectory& traj = trajectories.at(t);
  for (std::size_t j = 0; j < dimension; ++j) out[j] = traj.start[j];
  for (std::size_t s = 0; s < k; ++s) out[traj.order[s]] += traj.step[s];
}

MorrisTrajectory morris_trajectory(std::size_t dimension, std::size_t levels, std::uint64_t seed, std::size_t t) {
  const double p = static_cast<double>(levels);
  const double delta = p / (2.0 * (p - 1.0));
  const std::size_t base_levels = levels / 2;  // x* in {0, ..., p/2 - 1} / (p - 1)
  RandomStream stream(seed, "design.morris.trajectory", t);
  MorrisTrajectory traj;
  traj.start.resize(dimension);
  traj.order.resize(dimension);
  traj.step.resize(dimension);
  std::vector<double> sign(dimension);
  for (std::size_t j = 0; j < dimension; ++j) {
    const double x_star = static_cast<double>(stream.next_u64() % base_levels) / (p - 1.0);
    sign[j] = (stream.next_u64() >> 63) ? 1.0 : -1.0;
    traj.start[j] = sign[j] > 0 ? x_star : x_star + delta;
  }
  std::iota(traj.order.begin(), traj.order.end(), std::size_t{0});
  for (std::size_t i = dimension; i > 1; --i) std::swap(traj.order[i - 1], traj.order[stream.next_u64() % i]);
  for (std::size_t k = 0; k < dimension; ++k) traj.step[k] = sign[traj.order[k]] * delta;
  return traj;
}

MorrisSampler::MorrisSampler(std::size_t dimension, std::size_t trajectories, std::size_t levels, std::uint64_t seed)
    : levels_(levels) {
  design_.dimension = dimension;
  design_.trajectories.reserve(trajectories);
  for (std::size_t t = 0; t < trajectories; ++t) design_.trajectories.push_back(morris_trajectory(dimension, levels, seed, t));
}

double MorrisSampler::delta() const {
  const double p = static_cast<double>(levels_);
  return p / (2.0 * (p - 1.0));
}

void MorrisSampler::point(std::size_t index, std::span<double> out) const {
  check_index(index);
  const std::size_t d1 = design_.dimension + 1;
  design_.point(index / d1, index % d1, out);
  for (std::size_t j = 0; j < design_.dimension; ++j) {  // x* + delta can round a hair above 1
    if (out[j] > 1.0) out[j] = 1.0;
    if (out[j] < 0.0) out[j] = 0.0;
  }
}

std::unique_ptr<Sampler> make_morris_sampler(const SamplerSpec& spec, const base::InputLocation& where) {
  require_spec(spec.morris_levels >= 2 && spec.morris_levels % 2 == 0, where, "levels",
               "the Morris grid needs an even number of levels p >= 2", std::to_string(spec.morris_levels),
               "use 4, 6 or 8 levels");
  require_spec(spec.samples >= 2, where, "trajectories", "needs at least 2 trajectories",
               std::to_string(spec.samples), "use 10 to 50 trajectories");
  return std::make_unique<MorrisSampler>(spec.dimension, spec.samples, spec.morris_levels, spec.seed);
}

}  // namespace twinlab::sim::design
