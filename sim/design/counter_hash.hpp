#pragma once
// Counter-based uniform numbers: u(seed, index, dim) is a pure function, so a random design's point i is
// computed without generating points 0..i-1 (the (seed, index) property of every sampler).
#include <cstdint>

#include "sim/random_streams.hpp"

namespace twinlab::sim::design {

// 64 well-mixed bits of (seed, index, dim): three rounds of the SplitMix64 finaliser (a bijection with full
// avalanche), each folding in one input with its own odd constant.
constexpr std::uint64_t counter_hash(std::uint64_t seed, std::uint64_t index, std::uint64_t dim) {
  std::uint64_t h = mix64(seed ^ 0x6A09E667F3BCC909ULL);
  h = mix64(h + 0x9E3779B97F4A7C15ULL * (index + 1));
  h = mix64(h ^ (0xBB67AE8584CAA73BULL * (dim + 1)));
  return h;
}

// Uniform on the open interval (0, 1): 53 bits, centred in their cell, so it is never exactly 0 or 1.
constexpr double counter_uniform(std::uint64_t seed, std::uint64_t index, std::uint64_t dim) {
  return (static_cast<double>(counter_hash(seed, index, dim) >> 11) + 0.5) * 0x1.0p-53;
}

}  // namespace twinlab::sim::design
