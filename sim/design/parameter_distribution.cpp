#include "sim/design/parameter_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/normal.hpp>

#include "sim/design/sampler.hpp"

namespace twinlab::sim::design {

namespace {

std::string number(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

const boost::math::normal_distribution<double> kStandardNormal(0.0, 1.0);

void check_unit(double u, bool open) {
  const bool ok = open ? (u > 0.0 && u < 1.0) : (u >= 0.0 && u <= 1.0);
  if (!ok)
    throw std::domain_error("design coordinate " + number(u) + " outside " + (open ? "(0, 1)" : "[0, 1]") +
                            (open ? " (a normal parameter cannot take a design's end points; use truncated_normal)" : ""));
}

}  // namespace

ParameterDistribution ParameterDistribution::uniform(double min, double max, const base::InputLocation& where) {
  require_spec(std::isfinite(min), where, "min", "must be a finite number", number(min), "give the lower end");
  require_spec(std::isfinite(max) && max >= min, where, "max", "must be finite and >= min (" + number(min) + ")",
               number(max), "give the upper end of the range");
  ParameterDistribution d;
  d.kind_ = ParameterKind::Uniform;
  d.a_ = min;
  d.b_ = max;
  return d;
}

ParameterDistribution ParameterDistribution::log_uniform(double min, double max, const base::InputLocation& where) {
  require_spec(std::isfinite(min) && min > 0.0, where, "min", "must be > 0 for a log-uniform range", number(min),
               "give a positive lower end, or use a uniform range");
  require_spec(std::isfinite(max) && max >= min, where, "max", "must be finite and >= min (" + number(min) + ")",
               number(max), "give the upper end of the range");
  ParameterDistribution d;
  d.kind_ = ParameterKind::LogUniform;
  d.a_ = min;
  d.b_ = max;
  return d;
}

ParameterDistribution ParameterDistribution::levels(std::size_t count, const base::InputLocation& where) {
  require_spec(count >= 1, where, "levels", "needs at least one level", std::to_string(count), "list the levels");
  ParameterDistribution d;
  d.kind_ = ParameterKind::Levels;
  d.count_ = count;
  return d;
}

ParameterDistribution ParameterDistribution::normal(double mean, double std_dev, const base::InputLocation& where) {
  require_spec(std::isfinite(mean), where, "mean", "must be a finite number", number(mean), "give the mean");
  require_spec(std::isfinite(std_dev) && std_dev > 0.0, where, "std_dev", "must be > 0", number(std_dev),
               "give a positive standard deviation");
  ParameterDistribution d;
  d.kind_ = ParameterKind::Normal;
  d.a_ = mean;
  d.b_ = std_dev;
  return d;
}

ParameterDistribution ParameterDistribution::truncated_normal(double mean, double std_dev, double lower, double upper,
                                                              const base::InputLocation& where) {
  ParameterDistribution d = normal(mean, std_dev, where);
  require_spec(std::isfinite(lower), where, "min", "must be a finite number", number(lower), "give the lower bound");
  require_spec(std::isfinite(upper) && upper > lower, where, "max", "must be finite and > min (" + number(lower) + ")",
               number(upper), "give the upper bound");
  double alpha = (lower - mean) / std_dev, beta = (upper - mean) / std_dev;
  d.mirrored_ = alpha > 0.0;
  if (d.mirrored_) {  // work with -X, whose range [-beta, -alpha] lies in the lower tail
    const double a = -beta, b = -alpha;
    alpha = a;
    beta = b;
  }
  d.lo_cdf_ = boost::math::cdf(kStandardNormal, alpha);
  d.hi_cdf_ = boost::math::cdf(kStandardNormal, beta);
  require_spec(d.hi_cdf_ > d.lo_cdf_, where, "max",
               "the range [min, max] holds no probability in double precision", number(upper),
               "move the bounds within about 37 standard deviations of the mean");
  d.kind_ = ParameterKind::TruncatedNormal;
  d.lower_ = lower;
  d.upper_ = upper;
  return d;
}

std::size_t ParameterDistribution::level_index(double u) const {
  if (kind_ != ParameterKind::Levels) throw std::logic_error("level_index of a parameter that has no levels");
  check_unit(u, false);
  const auto k = static_cast<std::size_t>(u * static_cast<double>(count_));
  return std::min(k, count_ - 1);
}

double ParameterDistribution::from_unit(double u) const {
  switch (kind_) {
    case ParameterKind::Uniform:
      check_unit(u, false);
      return u >= 1.0 ? b_ : a_ + (b_ - a_) * u;
    case ParameterKind::LogUniform:
      check_unit(u, false);
      return u >= 1.0 ? b_ : a_ * std::exp(u * std::log(b_ / a_));
    case ParameterKind::Levels:
      return static_cast<double>(level_index(u));
    case ParameterKind::Normal:
      check_unit(u, true);
      return a_ + b_ * boost::math::quantile(kStandardNormal, u);
    case ParameterKind::TruncatedNormal: {
      check_unit(u, false);
      const double v = mirrored_ ? 1.0 - u : u;  // u of -X: P(-X <= -x) = 1 - P(X <= x)
      const double p = lo_cdf_ + v * (hi_cdf_ - lo_cdf_);
      double z = p <= 0.0 ? -INFINITY : (p >= 1.0 ? INFINITY : boost::math::quantile(kStandardNormal, p));
      if (mirrored_) z = -z;
      return std::clamp(a_ + b_ * z, lower_, upper_);  // the ends map to the bounds; round-off stays inside
    }
  }
  return 0.0;
}

}  // namespace twinlab::sim::design
