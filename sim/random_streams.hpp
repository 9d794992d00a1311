#pragma once
// Seeded, independent random streams: one stream per named source of randomness.
//
// A stream's seed is derived from (master seed, name, index) by hashing, so the numbers a source draws
// depend only on those three, not on how many other sources exist or in which order they were created.
// Two scenarios run with the same master seed therefore give each station the same numbers for the same
// purpose (common random numbers), and a what-if difference is not drowned in sampling noise.
//
// Engine: xoshiro256++ (Blackman & Vigna 2019; period 2^256 - 1, passes BigCrush), its 256-bit state filled
// from the 64-bit stream seed by the SplitMix64 sequence. Streams start at hash-chosen points of that
// period; the chance that two of them overlap within any feasible run is negligible (< 2^-100).
// Exponential variates use a 256-layer ziggurat (Marsaglia & Tsang 2000): ~99% of draws cost one
// 64-bit word, a table look-up and a multiply.
#include <cstdint>
#include <limits>
#include <string_view>

namespace twinlab::sim {

// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The seed of the stream called `name` (index distinguishes e.g. the machines of a station) under
// master_seed. Deterministic across platforms; any change of name, index or master seed gives an
// unrelated seed.
std::uint64_t derive_seed(std::uint64_t master_seed, std::string_view name, std::uint64_t index = 0);

namespace detail {
// Layers of the exponential ziggurat: x[0] = r + 1 (virtual base width), x[1] = r, ..., x[256] = 0;
// f[i] = exp(-x[i]); w[i] = x[i] / 2^53 scales a 53-bit integer to a point of layer i.
struct ExponentialZiggurat {
  double x[257];
  double f[257];
  double w[256];
};
extern const ExponentialZiggurat kExponentialZiggurat;  // built at start-up; do not use before main()
}  // namespace detail

class RandomStream {
 public:
  using result_type = std::uint64_t;  // UniformRandomBitGenerator, usable with <random> too

  explicit RandomStream(std::uint64_t seed = 0);
  RandomStream(std::uint64_t master_seed, std::string_view name, std::uint64_t index = 0)
      : RandomStream(derive_seed(master_seed, name, index)) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() { return next_u64(); }

  std::uint64_t next_u64() {
    const std::uint64_t s0 = s0_, s1 = s1_, s2 = s2_ ^ s0, s3 = s3_ ^ s1;
    const std::uint64_t result = rotl(s0 + s3_, 23) + s0;
    s1_ = s1 ^ s2;
    s0_ = s0 ^ s3;
    s2_ = s2 ^ (s1 << 17);
    s3_ = rotl(s3, 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(static_cast<std::int64_t>(next_u64() >> 11)) * 0x1.0p-53; }
  // Uniform on (0, 1]: safe to take the logarithm of.
  double uniform_positive() { return static_cast<double>(static_cast<std::int64_t>((next_u64() >> 11) + 1)) * 0x1.0p-53; }

  // Standard exponential (mean 1), ziggurat.
  double exponential() {
    const std::uint64_t bits = next_u64();
    const unsigned layer = static_cast<unsigned>(bits & 0xFF);
    const double x = static_cast<double>(static_cast<std::int64_t>(bits >> 11)) * detail::kExponentialZiggurat.w[layer];
    if (x < detail::kExponentialZiggurat.x[layer + 1]) return x;
    return exponential_edge(layer, x);
  }

  // Standard normal (Box-Muller, one value per call: two uniforms, no cached state).
  double normal();

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  double exponential_edge(unsigned layer, double x);  // the rare wedge and tail cases

  // Laid out with gaps so that the compiler does not pack the four updated words into one vector store
  // (measured: the packing and the store-forwarding stall it causes triple the cost of a draw).
  std::uint64_t s0_, gap0_ = 0, s1_, gap1_ = 0, s2_, gap2_ = 0, s3_;
};

}  // namespace twinlab::sim
