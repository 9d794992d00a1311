#include "sim/design/sobol_sequence.hpp"

#include <bit>
#include <stdexcept>
#include <string>

#include <boost/random/detail/sobol_table.hpp>

#include "sim/design/counter_hash.hpp"

namespace twinlab::sim::design {

namespace {

using JoeKuoTable = boost::random::detail::qrng_tables::sobol;
static_assert(JoeKuoTable::max_dimension == SobolSequence::kMaxDimension);

// Direction numbers V_k = m_k 2^(31-k), k = 0..31, of dimension j >= 1 (dimension 0 has m_k = 1).
// The table stores, for dimension j, the primitive polynomial p(x) = x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 as
// the integer whose bit i is the coefficient of x^i (so bit s and bit 0 are set), and the initial odd
// m_0..m_(s-1). Later m_k follow Bratley & Fox's recurrence
//   m_k = 2 a_1 m_(k-1) ^ 4 a_2 m_(k-2) ^ ... ^ 2^(s-1) a_(s-1) m_(k-s+1) ^ 2^s m_(k-s) ^ m_(k-s).
void direction_numbers(std::size_t j, std::uint32_t* v, std::size_t stride) {
  std::uint64_t m[SobolSequence::kBits];
  if (j == 0) {
    for (auto& x : m) x = 1;
  } else {
    const unsigned poly = JoeKuoTable::polynomial(j - 1);
    const int s = std::bit_width(poly) - 1;  // degree
    for (int k = 0; k < s && k < SobolSequence::kBits; ++k) m[k] = JoeKuoTable::minit(j - 1, static_cast<std::size_t>(k));
    for (int k = s; k < SobolSequence::kBits; ++k) {
      std::uint64_t x = m[k - s] ^ (m[k - s] << s);
      for (int l = 1; l < s; ++l)
        if ((poly >> (s - l)) & 1U) x ^= m[k - l] << l;
      m[k] = x;
    }
  }
  for (int k = 0; k < SobolSequence::kBits; ++k)
    v[static_cast<std::size_t>(k) * stride] = static_cast<std::uint32_t>(m[k] << (SobolSequence::kBits - 1 - k));
}

}  // namespace

SobolSequence::SobolSequence(std::size_t dimension, bool scramble, std::uint64_t seed)
    : dimension_(dimension), scramble_(scramble) {
  if (dimension == 0 || dimension > kMaxDimension)
    throw std::invalid_argument("Sobol points need 1 to " + std::to_string(kMaxDimension) + " dimensions (got " +
                                std::to_string(dimension) + ")");
  direction_.resize(static_cast<std::size_t>(kBits) * dimension_);
  for (std::size_t j = 0; j < dimension_; ++j) direction_numbers(j, &direction_[j], dimension_);
  if (!scramble_) return;

  scrambled_.resize(direction_.size());
  shift_.resize(dimension_);
  for (std::size_t j = 0; j < dimension_; ++j) {
    // Row r of L_j (digit r + 1 of the output, bit 31 - r): the diagonal bit plus random bits above it.
    std::uint32_t rows[kBits];
    for (int r = 0; r < kBits; ++r) {
      const std::uint32_t diagonal = 1U << (kBits - 1 - r);
      const std::uint32_t above = r == 0 ? 0U : ~((diagonal << 1) - 1U);  // more significant bits only
      rows[r] = diagonal | (static_cast<std::uint32_t>(counter_hash(seed, static_cast<std::uint64_t>(r), 2 * j)) & above);
    }
    for (int k = 0; k < kBits; ++k) {
      const std::uint32_t v = direction_[static_cast<std::size_t>(k) * dimension_ + j];
      std::uint32_t w = 0;
      for (int r = 0; r < kBits; ++r)
        if (std::popcount(rows[r] & v) & 1) w |= 1U << (kBits - 1 - r);
      scrambled_[static_cast<std::size_t>(k) * dimension_ + j] = w;
    }
    shift_[j] = counter_hash(seed, 0xD1B54A32D192ED03ULL, 2 * j + 1) >> 11;
  }
}

void SobolSequence::raw_point(std::uint64_t index, std::span<std::uint32_t> out) const {
  if (index >> kBits) throw std::out_of_range("Sobol point index beyond 2^32 - 1: " + std::to_string(index));
  for (std::size_t j = 0; j < dimension_; ++j) out[j] = 0;
  std::uint64_t gray = index ^ (index >> 1);
  for (std::size_t k = 0; gray != 0; ++k, gray >>= 1) {
    if (!(gray & 1U)) continue;
    const std::uint32_t* v = &direction_[k * dimension_];
    for (std::size_t j = 0; j < dimension_; ++j) out[j] ^= v[j];
  }
}

void SobolSequence::point(std::uint64_t index, std::span<double> out) const {
  if (index >> kBits) throw std::out_of_range("Sobol point index beyond 2^32 - 1: " + std::to_string(index));
  const std::vector<std::uint32_t>& table = scramble_ ? scrambled_ : direction_;
  std::vector<std::uint32_t> x(dimension_, 0U);
  std::uint64_t gray = index ^ (index >> 1);
  for (std::size_t k = 0; gray != 0; ++k, gray >>= 1)
    if (gray & 1U)
      for (std::size_t j = 0; j < dimension_; ++j) x[j] ^= table[k * dimension_ + j];
  for (std::size_t j = 0; j < dimension_; ++j) {
    if (scramble_) {
      const std::uint64_t digits53 = (static_cast<std::uint64_t>(x[j]) << 21) ^ shift_[j];
      out[j] = static_cast<double>(digits53) * 0x1.0p-53;
    } else {
      out[j] = static_cast<double>(x[j]) * 0x1.0p-32;
    }
  }
}

}  // namespace twinlab::sim::design
