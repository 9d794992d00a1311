#include "sim/design/saltelli_sampler.hpp"

#include "sim/design/sobol_sampler.hpp"

namespace twinlab::sim::design {

SaltelliSampler::SaltelliSampler(std::size_t dimension, std::size_t base_rows, bool scramble, std::uint64_t seed)
    : dimension_(dimension), base_rows_(base_rows), base_(2 * dimension, scramble, seed) {}

void SaltelliSampler::point(std::size_t index, std::span<double> out) const {
  check_index(index);
  const std::size_t block = index / base_rows_, row = index % base_rows_;
  std::vector<double> ab(2 * dimension_);
  base_.point(base_.scrambled() ? row : row + 1, ab);
  const std::size_t d = dimension_;
  for (std::size_t j = 0; j < d; ++j) out[j] = block == 1 ? ab[d + j] : ab[j];
  if (block >= 2) out[block - 2] = ab[d + block - 2];
}

std::vector<std::string> SaltelliSampler::warnings() const {
  std::string w = power_of_two_warning(base_rows_, "saltelli: " + std::to_string(base_rows_) + " base rows");
  if (w.empty()) return {};
  return {w};
}

std::unique_ptr<Sampler> make_saltelli_sampler(const SamplerSpec& spec, const base::InputLocation& where) {
  require_spec(2 * spec.dimension <= SobolSequence::kMaxDimension, where, "parameters",
               "the saltelli design draws 2d Sobol dimensions, so at most 1833 parameters",
               std::to_string(spec.dimension), "use fewer parameters or the morris screening first");
  require_spec(spec.samples >= 1 && spec.samples < (std::size_t{1} << 32), where, "samples",
               "must be between 1 and 2^32 - 1 base rows", std::to_string(spec.samples),
               "give the number N of base rows (runs: N (d + 2)), ideally 2^k");
  return std::make_unique<SaltelliSampler>(spec.dimension, spec.samples, spec.scramble, spec.seed);
}

}  // namespace twinlab::sim::design
