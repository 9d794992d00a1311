#include "sim/design/grid_sampler.hpp"

namespace twinlab::sim::design {

GridSampler::GridSampler(std::vector<std::size_t> levels, bool endpoints)
    : levels_(std::move(levels)), endpoints_(endpoints) {
  for (const std::size_t m : levels_) count_ *= m;
}

std::vector<std::size_t> GridSampler::digits(std::size_t index) const {
  check_index(index);
  std::vector<std::size_t> k(levels_.size());
  for (std::size_t j = levels_.size(); j-- > 0;) {
    k[j] = index % levels_[j];
    index /= levels_[j];
  }
  return k;
}

void GridSampler::point(std::size_t index, std::span<double> out) const {
  const std::vector<std::size_t> k = digits(index);
  for (std::size_t j = 0; j < k.size(); ++j) {
    const auto m = static_cast<double>(levels_[j]);
    const auto kj = static_cast<double>(k[j]);
    if (!endpoints_) out[j] = (kj + 0.5) / m;
    else out[j] = levels_[j] == 1 ? 0.5 : kj / (m - 1.0);
  }
}

std::unique_ptr<Sampler> make_grid_sampler(const SamplerSpec& spec, const base::InputLocation& where) {
  require_spec(spec.levels.size() == 1 || spec.levels.size() == spec.dimension, where, "levels",
               "needs one level count, or one per parameter (" + std::to_string(spec.dimension) + ")",
               std::to_string(spec.levels.size()) + " counts", "list the number of levels of each parameter");
  std::vector<std::size_t> levels = spec.levels.size() == 1 ? std::vector<std::size_t>(spec.dimension, spec.levels[0])
                                                            : spec.levels;
  double total = 1.0;
  for (const std::size_t m : levels) {
    require_spec(m >= 1, where, "levels", "each level count must be at least 1", std::to_string(m),
                 "give 1 or more levels per parameter");
    total *= static_cast<double>(m);
  }
  require_spec(total < 0x1.0p53, where, "levels", "the grid has too many points", std::to_string(total),
               "use fewer levels, or a sampler such as sobol or lhs");
  return std::make_unique<GridSampler>(std::move(levels), spec.endpoints);
}

}  // namespace twinlab::sim::design
