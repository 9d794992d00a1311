#pragma once
// Probability distributions of non-negative quantities (durations, counts times a step, wear levels).
//
// `DistributionSpec` is the plain description a scenario maps onto (kind + the parameters that kind
// uses; the others are ignored). `Distribution` is the compiled, validated form: a small tagged value
// whose `sample()` is one switch and a few flops, with no virtual call and no allocation.
//
//   kind           parameters             meaning
//   deterministic  value                  always value (>= 0)
//   exponential    mean                   rate 1/mean (> 0)
//   normal         mean, std_dev          normal truncated at 0 (resampled), mean >= 0, std_dev >= 0;
//                                         mean() is that of the truncated law, not the parameter
//   lognormal      mean, std_dev          of the variable itself (not of its logarithm); mean > 0
//   weibull        shape, scale           P(X > x) = exp(-(x/scale)^shape), both > 0
//   uniform        min, max               0 <= min <= max
//   empirical      values                 each listed value (>= 0) equally likely (bootstrap of data)
//   geometric      probability, step      step * K with P(K = k) = (1-p)^(k-1) p, k = 1, 2, ...
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "sim/random_streams.hpp"

namespace twinlab::sim {

enum class DistributionKind { Deterministic, Exponential, Normal, Lognormal, Weibull, Uniform, Empirical, Geometric };

struct DistributionSpec {
  DistributionKind kind = DistributionKind::Deterministic;
  double value = 0.0;
  double mean = 0.0;
  double std_dev = 0.0;
  double shape = 1.0;
  double scale = 1.0;
  double min = 0.0;
  double max = 0.0;
  double probability = 1.0;
  double step = 1.0;
  std::vector<double> values;

  static DistributionSpec deterministic(double value);
  static DistributionSpec exponential(double mean);
  static DistributionSpec normal(double mean, double std_dev);
  static DistributionSpec lognormal(double mean, double std_dev);
  static DistributionSpec weibull(double shape, double scale);
  static DistributionSpec uniform(double min, double max);
  static DistributionSpec empirical(std::vector<double> values);  // e.g. a CSV column read by io/
  static DistributionSpec geometric(double probability, double step);
};

// "deterministic", "exponential", ... (the lower-case names of the table above).
std::string_view distribution_kind_name(DistributionKind kind);
// The kind called `name`; throws InputError at `where` listing the known names if there is none.
DistributionKind distribution_kind_from_name(std::string_view name, const base::InputLocation& where);

class Distribution {
 public:
  Distribution() = default;  // deterministic 0
  // Validates spec; an InputError names `key` + "." + the offending parameter (e.g. "....std_dev").
  explicit Distribution(const DistributionSpec& spec, const std::string& key = "distribution");

  DistributionKind kind() const { return kind_; }
  double mean() const { return mean_; }
  double variance() const { return variance_; }
  bool is_deterministic() const { return kind_ == DistributionKind::Deterministic; }

  double sample(RandomStream& stream) const {
    switch (kind_) {
      case DistributionKind::Deterministic: return a_;
      case DistributionKind::Exponential: return a_ * stream.exponential();
      case DistributionKind::Uniform: return a_ + b_ * stream.uniform();
      default: return sample_other(stream);
    }
  }

 private:
  double sample_other(RandomStream& stream) const;

  DistributionKind kind_ = DistributionKind::Deterministic;
  double a_ = 0.0, b_ = 0.0;  // kind-specific parameters (see distributions.cpp)
  double mean_ = 0.0, variance_ = 0.0;
  std::vector<double> values_;  // empirical only
};

}  // namespace twinlab::sim
