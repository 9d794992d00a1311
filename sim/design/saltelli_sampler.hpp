#pragma once
// "saltelli": the design of Saltelli et al. (2010) for first-order and total Sobol' indices.
//
// N base rows of a 2d-dimensional Sobol' sequence (scrambled by default; same convention as SobolSampler):
// row r gives A_r = its first d coordinates and B_r = its last d. The design has N (d + 2) points, in blocks
// of N rows, in this order (run index = block * N + r):
//   block 0      A_r
//   block 1      B_r
//   block 2 + i  AB_i,r = A_r with coordinate i taken from B_r   (i = 0..d-1)
// sensitivity::estimate_sobol_indices reads outputs in exactly this order. A base count N that is not a power
// of two gives a warning.
#include <memory>

#include "sim/design/sampler.hpp"
#include "sim/design/sobol_sequence.hpp"

namespace twinlab::sim::design {

class SaltelliSampler final : public Sampler {
 public:
  SaltelliSampler(std::size_t dimension, std::size_t base_rows, bool scramble, std::uint64_t seed);
  std::size_t dimension() const override { return dimension_; }
  std::size_t count() const override { return base_rows_ * (dimension_ + 2); }
  void point(std::size_t index, std::span<double> out) const override;
  using Sampler::point;
  std::vector<std::string> warnings() const override;

  std::size_t base_rows() const { return base_rows_; }  // N

 private:
  std::size_t dimension_, base_rows_;
  SobolSequence base_;  // 2d dimensions
};

// Uses spec.dimension (1 .. 1833), spec.samples = N (1 .. 2^32 - 1), spec.scramble, spec.seed.
std::unique_ptr<Sampler> make_saltelli_sampler(const SamplerSpec& spec, const base::InputLocation& where);

}  // namespace twinlab::sim::design
