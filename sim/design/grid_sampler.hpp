#pragma once
// "grid": the full factorial design. Dimension j has m_j levels; point i is the mixed-radix number
// i = k_0 m_1 m_2 ... m_(d-1) + ... + k_(d-1), i.e. the LAST dimension varies fastest (as nested loops over
// the parameters in their listed order). Coordinate j is the centre of cell k_j of m_j equal cells,
// u = (k + 1/2)/m (what `levels` and every distribution map exactly), or with `endpoints` u = k/(m-1), so a
// uniform range [a, b] is swept from a to b inclusive (m = 1 gives 1/2).
#include <memory>
#include <vector>

#include "sim/design/sampler.hpp"

namespace twinlab::sim::design {

class GridSampler final : public Sampler {
 public:
  GridSampler(std::vector<std::size_t> levels, bool endpoints);
  std::size_t dimension() const override { return levels_.size(); }
  std::size_t count() const override { return count_; }
  void point(std::size_t index, std::span<double> out) const override;
  using Sampler::point;
  bool touches_bounds() const override { return endpoints_; }

  // The level k_j (0..m_j - 1) of every dimension at point `index`.
  std::vector<std::size_t> digits(std::size_t index) const;

 private:
  std::vector<std::size_t> levels_;
  bool endpoints_;
  std::size_t count_ = 1;
};

// Uses spec.dimension, spec.levels (one per dimension, or one for all; each >= 1; product below 2^53),
// spec.endpoints.
std::unique_ptr<Sampler> make_grid_sampler(const SamplerSpec& spec, const base::InputLocation& where);

}  // namespace twinlab::sim::design
