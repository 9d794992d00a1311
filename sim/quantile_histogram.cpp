#include "sim/quantile_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace twinlab::sim {

namespace {
constexpr std::size_t kSub = std::size_t{1} << QuantileHistogram::kSubBits;
constexpr std::size_t kRegular = (QuantileHistogram::kMaxExponent - QuantileHistogram::kMinExponent) * kSub;
constexpr std::size_t kBins = kRegular + 2;  // [0] underflow, [1 .. kRegular] regular, [kRegular + 1] overflow
const double kLow = std::ldexp(1.0, QuantileHistogram::kMinExponent);
const double kHigh = std::ldexp(1.0, QuantileHistogram::kMaxExponent);
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

QuantileHistogram::QuantileHistogram() : counts_(kBins, 0) { clear(); }

void QuantileHistogram::clear() {
  std::fill(counts_.begin(), counts_.end(), 0);
  count_ = 0;
  sum_ = 0.0;
  min_ = std::numeric_limits<double>::infinity();
  max_ = -std::numeric_limits<double>::infinity();
}

std::size_t QuantileHistogram::index(double x) {
  if (!(x >= kLow)) return 0;
  if (x >= kHigh) return kBins - 1;
  // Biased exponent and the top kSubBits of the mantissa, read from the representation.
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const std::uint64_t key = bits >> (52 - kSubBits);
  return 1 + static_cast<std::size_t>(key - static_cast<std::uint64_t>(1023 + kMinExponent) * kSub);
}

double QuantileHistogram::lower_edge(std::size_t bin) const {
  if (bin == 0) return min_;
  if (bin >= kBins - 1) return kHigh;
  const std::size_t k = bin - 1;
  const int e = kMinExponent + static_cast<int>(k / kSub);
  return std::ldexp(1.0 + static_cast<double>(k % kSub) / kSub, e);
}

void QuantileHistogram::merge(const QuantileHistogram& other) {
  for (std::size_t i = 0; i < kBins; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double QuantileHistogram::mean() const { return count_ ? sum_ / static_cast<double>(count_) : kNaN; }
double QuantileHistogram::min() const { return count_ ? min_ : kNaN; }
double QuantileHistogram::max() const { return count_ ? max_ : kNaN; }

double QuantileHistogram::quantile(double p) const {
  if (count_ == 0) return kNaN;
  if (p <= 0.0) return min_;
  if (p >= 1.0) return max_;
  const double target = p * static_cast<double>(count_);
  double cumulative = 0.0;
  for (std::size_t bin = 0; bin < kBins; ++bin) {
    const auto c = static_cast<double>(counts_[bin]);
    if (c == 0.0) continue;
    if (cumulative + c >= target) {
      const double lo = std::max(lower_edge(bin), min_);
      const double hi = std::min(bin + 1 < kBins ? lower_edge(bin + 1) : max_, max_);
      const double value = lo + (target - cumulative) / c * (hi - lo);
      return std::clamp(value, min_, max_);
    }
    cumulative += c;
  }
  return max_;
}

}  // namespace twinlab::sim
