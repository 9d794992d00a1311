#include "sim/design/lhs_sampler.hpp"

#include <numeric>
#include <utility>

#include "sim/design/counter_hash.hpp"
#include "sim/random_streams.hpp"

namespace twinlab::sim::design {

LatinHypercubeSampler::LatinHypercubeSampler(std::size_t dimension, std::size_t count, std::uint64_t seed)
    : dimension_(dimension), count_(count), seed_(seed), strata_(dimension * count) {
  for (std::size_t j = 0; j < dimension_; ++j) {
    std::uint32_t* pi = &strata_[j * count_];
    std::iota(pi, pi + count_, 0U);
    RandomStream stream(seed_, "design.lhs.permutation", j);
    for (std::size_t i = count_; i > 1; --i) {  // Fisher-Yates; the modulo's bias is below n / 2^64
      const auto k = static_cast<std::size_t>(stream.next_u64() % i);
      std::swap(pi[i - 1], pi[k]);
    }
  }
}

void LatinHypercubeSampler::point(std::size_t index, std::span<double> out) const {
  check_index(index);
  const double width = 1.0 / static_cast<double>(count_);
  for (std::size_t j = 0; j < dimension_; ++j) {
    const double u = (static_cast<double>(stratum(index, j)) + counter_uniform(seed_, index, j)) * width;
    out[j] = u < 1.0 ? u : 0x1.fffffffffffffp-1;  // (k + U)/n can round up to 1 for the top stratum
  }
}

std::unique_ptr<Sampler> make_lhs_sampler(const SamplerSpec& spec, const base::InputLocation& where) {
  require_spec(spec.samples >= 1 && spec.samples < (std::size_t{1} << 32), where, "samples",
               "must be between 1 and 2^32 - 1", std::to_string(spec.samples), "give the number of runs");
  return std::make_unique<LatinHypercubeSampler>(spec.dimension, spec.samples, spec.seed);
}

}  // namespace twinlab::sim::design
