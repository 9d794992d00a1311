#pragma once
// "lhs": Latin hypercube of n points. Each dimension j is cut into n equal strata; a seeded permutation pi_j of
// 0..n-1 (Fisher-Yates from a stream derived from (seed, j)) puts point i in stratum pi_j(i), at a uniform
// position counter_uniform(seed, i, j) inside it: u_j(i) = (pi_j(i) + U) / n. The permutations are computed
// once from (seed, n); point(i) is then a look-up, so any subset recomputes identically.
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/design/sampler.hpp"

namespace twinlab::sim::design {

class LatinHypercubeSampler final : public Sampler {
 public:
  LatinHypercubeSampler(std::size_t dimension, std::size_t count, std::uint64_t seed);
  std::size_t dimension() const override { return dimension_; }
  std::size_t count() const override { return count_; }
  void point(std::size_t index, std::span<double> out) const override;
  using Sampler::point;

  // The stratum (0..count-1) of point `index` in dimension `dim`.
  std::size_t stratum(std::size_t index, std::size_t dim) const { return strata_[dim * count_ + index]; }

 private:
  std::size_t dimension_, count_;
  std::uint64_t seed_;
  std::vector<std::uint32_t> strata_;  // [dim * count + index]
};

// Uses spec.dimension, spec.samples (1 .. 2^32 - 1), spec.seed.
std::unique_ptr<Sampler> make_lhs_sampler(const SamplerSpec& spec, const base::InputLocation& where);

}  // namespace twinlab::sim::design
