#include "sim/design/sobol_sampler.hpp"

#include <bit>

namespace twinlab::sim::design {

void SobolSampler::point(std::size_t index, std::span<double> out) const {
  check_index(index);
  sequence_.point(sequence_.scrambled() ? index : index + 1, out);
}

std::vector<std::string> SobolSampler::warnings() const {
  std::string w = power_of_two_warning(count_, "sobol: " + std::to_string(count_) + " points");
  if (w.empty()) return {};
  return {w};
}

std::string power_of_two_warning(std::size_t n, const std::string& what) {
  if (std::has_single_bit(n)) return {};
  const std::size_t up = std::bit_ceil(n), down = std::bit_floor(n);
  return what + " is not a power of two; Sobol points are balanced only in blocks of 2^k, so use " +
         std::to_string(down) + " or " + std::to_string(up);
}

std::unique_ptr<Sampler> make_sobol_sampler(const SamplerSpec& spec, const base::InputLocation& where) {
  require_spec(spec.dimension <= SobolSequence::kMaxDimension, where, "parameters",
               "Sobol points have at most 3667 dimensions", std::to_string(spec.dimension),
               "use fewer parameters or the lhs sampler");
  require_spec(spec.samples >= 1 && spec.samples < (std::size_t{1} << 32), where, "samples",
               "must be between 1 and 2^32 - 1", std::to_string(spec.samples), "give the number of runs, ideally 2^k");
  return std::make_unique<SobolSampler>(spec.dimension, spec.samples, spec.scramble, spec.seed);
}

}  // namespace twinlab::sim::design
