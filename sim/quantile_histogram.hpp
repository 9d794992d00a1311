#pragma once
// Streaming quantiles of a positive quantity (e.g. lead times) in fixed memory: a log-linear histogram
// with 64 equal sub-bins per power of two, indexed straight from the bits of the double (no log call).
// A bin spans at most 1/64 of its lower edge, so a quantile read by interpolation inside its bin is off
// by less than 1.6 % (relative) from the exact sample quantile. Range 2^-30 .. 2^40 (1e-9 .. 1e12);
// values outside fall in an under- or overflow bin bounded by the exact min/max.
#include <cstdint>
#include <vector>

namespace twinlab::sim {

class QuantileHistogram {
 public:
  static constexpr int kSubBits = 6;
  static constexpr int kMinExponent = -30;
  static constexpr int kMaxExponent = 40;

  QuantileHistogram();

  void add(double x) {
    ++counts_[index(x)];
    ++count_;
    sum_ += x;
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
  }
  void merge(const QuantileHistogram& other);
  void clear();

  std::uint64_t count() const { return count_; }
  double sum() const { return sum_; }
  double mean() const;  // NaN when empty
  double min() const;   // NaN when empty
  double max() const;   // NaN when empty
  // The p-quantile (p in [0, 1]) by linear interpolation inside its bin, clamped to [min, max];
  // NaN when empty.
  double quantile(double p) const;

 private:
  static std::size_t index(double x);
  double lower_edge(std::size_t bin) const;

  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  double sum_ = 0.0, min_, max_;
};

}  // namespace twinlab::sim
