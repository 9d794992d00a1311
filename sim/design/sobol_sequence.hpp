#pragma once
// Sobol' points with Joe & Kuo's direction numbers (new-joe-kuo-6, "better two-dimensional projections",
// SIAM J. Sci. Comput. 30, 2008), read from the table Boost.Random ships
// (boost/random/detail/sobol_table.hpp: primitive polynomials below 2^16, so at most 3667 dimensions).
//
// Point i is computed directly: with g = i XOR (i >> 1) (the Gray code of i), coordinate j is the XOR of the
// direction numbers V_{j,k} for the set bits k of g, as a 32-bit binary fraction. This is the order Joe & Kuo's
// and Boost's generators produce (they step from point i-1 by one XOR), so raw_point(i) equals the i-th point
// of those generators; indices up to 2^32 - 1.
//
// Scrambling (when asked): Matousek's linear matrix scrambling plus a digital shift, per dimension:
// the 32x32 generator matrix C_j is multiplied on the left by a random lower-triangular binary matrix L_j with
// unit diagonal (every digit of a coordinate becomes itself XOR a random combination of the digits before it),
// and the resulting 32 digits, extended to 53, are XORed with a random 53-bit shift. L_j is invertible, so the
// scrambled points are again a (t, m, s)-net in base 2 with the same t: every elementary interval of volume
// 2^-m holds exactly as many points as before (each 1-D interval [a/2^m, (a+1)/2^m) one of the first 2^m).
// L_j and the shift come from counter_hash(seed, ., j): the same seed gives the same points everywhere.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace twinlab::sim::design {

class SobolSequence {
 public:
  static constexpr std::size_t kMaxDimension = 3667;  // Boost 1.74's table
  static constexpr int kBits = 32;                    // direction numbers are 32-bit fractions

  // Throws std::invalid_argument for dimension 0 or above kMaxDimension.
  explicit SobolSequence(std::size_t dimension, bool scramble = false, std::uint64_t seed = 0);

  std::size_t dimension() const { return dimension_; }
  bool scrambled() const { return scramble_; }

  // Coordinates of point `index` as 32-bit integers (the fraction times 2^32), unscrambled. Point 0 is the
  // origin.
  void raw_point(std::uint64_t index, std::span<std::uint32_t> out) const;

  // Point `index` in [0, 1)^d: unscrambled, k/2^32 with k the raw integer; scrambled, a 53-bit fraction.
  void point(std::uint64_t index, std::span<double> out) const;

 private:
  std::size_t dimension_;
  bool scramble_;
  std::vector<std::uint32_t> direction_;  // [k * dimension_ + j]: V_{j,k}, plain
  std::vector<std::uint32_t> scrambled_;  // the same for L_j C_j (scrambled only)
  std::vector<std::uint64_t> shift_;      // per dimension, 53-bit digital shift (scrambled only)
};

}  // namespace twinlab::sim::design
