#include "sim/random_streams.hpp"

#include <cmath>
#include <numbers>

namespace twinlab::sim {

std::uint64_t derive_seed(std::uint64_t master_seed, std::string_view name, std::uint64_t index) {
  // FNV-1a over the name, then three rounds of the SplitMix64 mixer interleaved with the other inputs.
  std::uint64_t name_hash = 0xCBF29CE484222325ULL;
  for (const char c : name) {
    name_hash ^= static_cast<unsigned char>(c);
    name_hash *= 0x100000001B3ULL;
  }
  std::uint64_t h = mix64(master_seed ^ 0x9E3779B97F4A7C15ULL);
  h = mix64(h ^ name_hash);
  h = mix64(h + 0x9E3779B97F4A7C15ULL * (index + 1));
  return h;
}

RandomStream::RandomStream(std::uint64_t seed) {
  // SplitMix64 sequence: consecutive outputs are well mixed, and never all four zero.
  std::uint64_t z = seed;
  std::uint64_t* words[4] = {&s0_, &s1_, &s2_, &s3_};
  for (auto* word : words) {
    z += 0x9E3779B97F4A7C15ULL;
    *word = mix64(z);
  }
}

double RandomStream::normal() {
  const double radius = std::sqrt(-2.0 * std::log(uniform_positive()));
  return radius * std::cos(2.0 * std::numbers::pi * uniform());
}

double RandomStream::exponential_edge(unsigned layer, double x) {
  const auto& z = detail::kExponentialZiggurat;
  for (;;) {
    if (layer == 0) {
      // Base layer beyond r: the tail x > r of an exponential is r + another exponential.
      return z.x[1] + exponential();
    }
    // Wedge of layer i between x[i+1] and x[i]: accept if a uniform height lies under the curve.
    const double y = z.f[layer] + uniform() * (z.f[layer + 1] - z.f[layer]);
    if (y < std::exp(-x)) return x;
    const std::uint64_t bits = next_u64();
    layer = static_cast<unsigned>(bits & 0xFF);
    x = static_cast<double>(static_cast<std::int64_t>(bits >> 11)) * z.w[layer];
    if (x < z.x[layer + 1]) return x;
  }
}

namespace detail {
namespace {
ExponentialZiggurat build_exponential_ziggurat() {
  // 256 layers of equal area v under f(x) = exp(-x): layer 0 is the rectangle [0, r] x [0, f(r)] plus
  // the tail beyond r (area v = f(r) (r + 1)); layer i >= 1 is [0, x_i] x [f(x_i), f(x_{i+1})] with
  // x_i (f(x_{i+1}) - f(x_i)) = v. r is the published value for which the top layer closes at x = 0.
  constexpr double r = 7.69711747013104972;
  ExponentialZiggurat z{};
  const double fr = std::exp(-r);
  const double v = fr * (r + 1.0);
  z.x[0] = v / fr;
  z.f[0] = 0.0;  // unused
  z.x[1] = r;
  z.f[1] = fr;
  for (int i = 1; i < 255; ++i) {
    z.f[i + 1] = z.f[i] + v / z.x[i];
    z.x[i + 1] = -std::log(z.f[i + 1]);
  }
  z.x[256] = 0.0;
  z.f[256] = 1.0;
  for (int i = 0; i < 256; ++i) z.w[i] = z.x[i] * 0x1.0p-53;
  return z;
}
}  // namespace

const ExponentialZiggurat kExponentialZiggurat = build_exponential_ziggurat();
}  // namespace detail

}  // namespace twinlab::sim
