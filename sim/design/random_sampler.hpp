#pragma once
// "random": independent uniform points, u_j(i) = counter_uniform(seed, i, j) in (0, 1).
#include <memory>

#include "sim/design/sampler.hpp"

namespace twinlab::sim::design {

class RandomSampler final : public Sampler {
 public:
  RandomSampler(std::size_t dimension, std::size_t count, std::uint64_t seed)
      : dimension_(dimension), count_(count), seed_(seed) {}
  std::size_t dimension() const override { return dimension_; }
  std::size_t count() const override { return count_; }
  void point(std::size_t index, std::span<double> out) const override;
  using Sampler::point;

 private:
  std::size_t dimension_, count_;
  std::uint64_t seed_;
};

// Uses spec.dimension, spec.samples (>= 1), spec.seed.
std::unique_ptr<Sampler> make_random_sampler(const SamplerSpec& spec, const base::InputLocation& where);

}  // namespace twinlab::sim::design
