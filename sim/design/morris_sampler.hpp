#pragma once
// "morris": r one-at-a-time trajectories on a p-level grid (Morris 1991), for elementary effects.
//
// Levels are 0, 1/(p-1), ..., 1 (closed [0, 1]: only bounded parameters); the step is
// delta = p / (2 (p - 1)), p even. Trajectory t (from a stream derived from (seed, t) only) picks a base
// level x*_j in {0, ..., (p/2 - 1)/(p-1)} (so x* + delta <= 1), a direction per dimension and an order of the
// dimensions; it starts at x*_j (direction +) or x*_j + delta (direction -) and moves one dimension at a time
// by +delta or -delta, in that order. The design has r (d + 1) points: run index = t (d + 1) + k, k = 0..d.
#include <memory>
#include <vector>

#include "sim/design/sampler.hpp"

namespace twinlab::sim::design {

struct MorrisTrajectory {
  std::vector<double> start;        // point 0 of the trajectory, size d
  std::vector<std::size_t> order;   // order[k]: the dimension that moves between points k and k+1
  std::vector<double> step;         // step[k]: its signed change (+delta or -delta)
};

// A Morris design as plain data: what the sampler produces and the estimator reads. It can also be written by
// hand (tests) as long as each trajectory moves every dimension exactly once.
struct MorrisDesign {
  std::size_t dimension = 0;
  std::vector<MorrisTrajectory> trajectories;

  std::size_t count() const { return trajectories.size() * (dimension + 1); }
  // Point k (0..d) of trajectory t.
  void point(std::size_t t, std::size_t k, std::span<double> out) const;
};

// Trajectory t of a p-level design in d dimensions under `seed` (depends only on these four).
MorrisTrajectory morris_trajectory(std::size_t dimension, std::size_t levels, std::uint64_t seed, std::size_t t);

class MorrisSampler final : public Sampler {
 public:
  MorrisSampler(std::size_t dimension, std::size_t trajectories, std::size_t levels, std::uint64_t seed);
  std::size_t dimension() const override { return design_.dimension; }
  std::size_t count() const override { return design_.count(); }
  void point(std::size_t index, std::span<double> out) const override;
  using Sampler::point;
  bool touches_bounds() const override { return true; }

  const MorrisDesign& design() const { return design_; }
  std::size_t levels() const { return levels_; }
  double delta() const;  // p / (2 (p - 1))

 private:
  MorrisDesign design_;
  std::size_t levels_;
};

// Uses spec.dimension, spec.samples = r trajectories (>= 2 for sigma and a bootstrap), spec.morris_levels = p
// (even, >= 2), spec.seed.
std::unique_ptr<Sampler> make_morris_sampler(const SamplerSpec& spec, const base::InputLocation& where);

}  // namespace twinlab::sim::design
