#pragma once
// "sobol": the first n Sobol' points (SobolSequence, Joe-Kuo directions). Scrambled (the default), point i is
// point i of the scrambled sequence, the origin's image included, so the first 2^k points are a scrambled net.
// Unscrambled, the origin is skipped (point i is the sequence's point i + 1, as Boost's generator starts), since
// the origin maps to the lower end of every range and a normal parameter cannot take u = 0.
// A count that is not a power of two gives a warning: the net balance holds only for blocks of 2^k points.
#include <memory>

#include "sim/design/sampler.hpp"
#include "sim/design/sobol_sequence.hpp"

namespace twinlab::sim::design {

class SobolSampler final : public Sampler {
 public:
  SobolSampler(std::size_t dimension, std::size_t count, bool scramble, std::uint64_t seed)
      : sequence_(dimension, scramble, seed), count_(count) {}
  std::size_t dimension() const override { return sequence_.dimension(); }
  std::size_t count() const override { return count_; }
  void point(std::size_t index, std::span<double> out) const override;
  using Sampler::point;
  std::vector<std::string> warnings() const override;

 private:
  SobolSequence sequence_;
  std::size_t count_;
};

// Warning text when n is not a power of two (empty otherwise); `what` names the count ("sobol: 1000 points").
std::string power_of_two_warning(std::size_t n, const std::string& what);

// Uses spec.dimension (<= 3667), spec.samples (1 .. 2^32 - 1), spec.scramble, spec.seed.
std::unique_ptr<Sampler> make_sobol_sampler(const SamplerSpec& spec, const base::InputLocation& where);

}  // namespace twinlab::sim::design
