#include "sim/design/random_sampler.hpp"

#include "sim/design/counter_hash.hpp"

namespace twinlab::sim::design {

void RandomSampler::point(std::size_t index, std::span<double> out) const {
  check_index(index);
  for (std::size_t j = 0; j < dimension_; ++j) out[j] = counter_uniform(seed_, index, j);
}

std::unique_ptr<Sampler> make_random_sampler(const SamplerSpec& spec, const base::InputLocation& where) {
  require_spec(spec.samples >= 1, where, "samples", "must be at least 1", std::to_string(spec.samples),
               "give the number of runs");
  return std::make_unique<RandomSampler>(spec.dimension, spec.samples, spec.seed);
}

}  // namespace twinlab::sim::design
