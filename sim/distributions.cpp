#include "sim/distributions.hpp"

#include <cmath>
#include <numbers>
#include <sstream>

namespace twinlab::sim {

namespace {

constexpr std::pair<DistributionKind, std::string_view> kNames[] = {
    {DistributionKind::Deterministic, "deterministic"}, {DistributionKind::Exponential, "exponential"},
    {DistributionKind::Normal, "normal"},               {DistributionKind::Lognormal, "lognormal"},
    {DistributionKind::Weibull, "weibull"},             {DistributionKind::Uniform, "uniform"},
    {DistributionKind::Empirical, "empirical"},         {DistributionKind::Geometric, "geometric"},
};

std::string number(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

// Throws InputError at key.parameter unless condition holds.
void require(bool condition, const std::string& key, const char* parameter, const std::string& what, double got) {
  if (condition) return;
  throw base::InputError(base::InputLocation{{}, 0, 0, key + "." + parameter}, "must be " + what + " (got " + number(got) + ")");
}

double standard_normal_pdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi); }
double standard_normal_upper_tail(double x) { return 0.5 * std::erfc(x / std::numbers::sqrt2); }

}  // namespace

DistributionSpec DistributionSpec::deterministic(double v) {
  DistributionSpec s;
  s.kind = DistributionKind::Deterministic;
  s.value = v;
  return s;
}
DistributionSpec DistributionSpec::exponential(double m) {
  DistributionSpec s;
  s.kind = DistributionKind::Exponential;
  s.mean = m;
  return s;
}
DistributionSpec DistributionSpec::normal(double m, double sd) {
  DistributionSpec s;
  s.kind = DistributionKind::Normal;
  s.mean = m;
  s.std_dev = sd;
  return s;
}
DistributionSpec DistributionSpec::lognormal(double m, double sd) {
  DistributionSpec s = normal(m, sd);
  s.kind = DistributionKind::Lognormal;
  return s;
}
DistributionSpec DistributionSpec::weibull(double k, double lambda) {
  DistributionSpec s;
  s.kind = DistributionKind::Weibull;
  s.shape = k;
  s.scale = lambda;
  return s;
}
DistributionSpec DistributionSpec::uniform(double lo, double hi) {
  DistributionSpec s;
  s.kind = DistributionKind::Uniform;
  s.min = lo;
  s.max = hi;
  return s;
}
DistributionSpec DistributionSpec::empirical(std::vector<double> v) {
  DistributionSpec s;
  s.kind = DistributionKind::Empirical;
  s.values = std::move(v);
  return s;
}
DistributionSpec DistributionSpec::geometric(double p, double step) {
  DistributionSpec s;
  s.kind = DistributionKind::Geometric;
  s.probability = p;
  s.step = step;
  return s;
}

std::string_view distribution_kind_name(DistributionKind kind) {
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "unknown";
}

DistributionKind distribution_kind_from_name(std::string_view name, const base::InputLocation& where) {
  for (const auto& [k, n] : kNames)
    if (n == name) return k;
  std::string known;
  for (const auto& [k, n] : kNames) known += (known.empty() ? "" : ", ") + std::string(n);
  throw base::InputError(where, "unknown distribution '" + std::string(name) + "' (expected one of: " + known + ")");
}

Distribution::Distribution(const DistributionSpec& spec, const std::string& key) : kind_(spec.kind) {
  switch (spec.kind) {
    case DistributionKind::Deterministic:
      require(std::isfinite(spec.value) && spec.value >= 0.0, key, "value", "finite and >= 0", spec.value);
      a_ = spec.value;
      mean_ = a_;
      variance_ = 0.0;
      break;
    case DistributionKind::Exponential:
      require(std::isfinite(spec.mean) && spec.mean > 0.0, key, "mean", "finite and > 0", spec.mean);
      a_ = spec.mean;
      mean_ = a_;
      variance_ = a_ * a_;
      break;
    case DistributionKind::Normal: {
      require(std::isfinite(spec.mean) && spec.mean >= 0.0, key, "mean", "finite and >= 0", spec.mean);
      require(std::isfinite(spec.std_dev) && spec.std_dev >= 0.0, key, "std_dev", "finite and >= 0", spec.std_dev);
      a_ = spec.mean;
      b_ = spec.std_dev;
      if (b_ == 0.0) {
        mean_ = a_;
        variance_ = 0.0;
        break;
      }
      // Normal truncated to [0, inf): alpha = -mu/sigma, lambda = phi(alpha) / (1 - Phi(alpha)).
      const double alpha = -a_ / b_;
      const double lambda = standard_normal_pdf(alpha) / standard_normal_upper_tail(alpha);
      mean_ = a_ + b_ * lambda;
      variance_ = b_ * b_ * (1.0 + alpha * lambda - lambda * lambda);
      break;
    }
    case DistributionKind::Lognormal: {
      require(std::isfinite(spec.mean) && spec.mean > 0.0, key, "mean", "finite and > 0", spec.mean);
      require(std::isfinite(spec.std_dev) && spec.std_dev >= 0.0, key, "std_dev", "finite and >= 0", spec.std_dev);
      const double cv2 = (spec.std_dev / spec.mean) * (spec.std_dev / spec.mean);
      b_ = std::sqrt(std::log1p(cv2));         // sigma of log X
      a_ = std::log(spec.mean) - 0.5 * b_ * b_;  // mu of log X
      mean_ = spec.mean;
      variance_ = spec.std_dev * spec.std_dev;
      break;
    }
    case DistributionKind::Weibull: {
      require(std::isfinite(spec.shape) && spec.shape > 0.0, key, "shape", "finite and > 0", spec.shape);
      require(std::isfinite(spec.scale) && spec.scale > 0.0, key, "scale", "finite and > 0", spec.scale);
      a_ = spec.scale;
      b_ = 1.0 / spec.shape;
      const double g1 = std::tgamma(1.0 + b_);
      mean_ = a_ * g1;
      variance_ = a_ * a_ * (std::tgamma(1.0 + 2.0 * b_) - g1 * g1);
      break;
    }
    case DistributionKind::Uniform:
      require(std::isfinite(spec.min) && spec.min >= 0.0, key, "min", "finite and >= 0", spec.min);
      require(std::isfinite(spec.max) && spec.max >= spec.min, key, "max", "finite and >= min", spec.max);
      a_ = spec.min;
      b_ = spec.max - spec.min;
      mean_ = a_ + 0.5 * b_;
      variance_ = b_ * b_ / 12.0;
      break;
    case DistributionKind::Empirical: {
      if (spec.values.empty())
        throw base::InputError(base::InputLocation{{}, 0, 0, key + ".values"}, "must list at least one value");
      double sum = 0.0;
      for (std::size_t i = 0; i < spec.values.size(); ++i) {
        const double v = spec.values[i];
        require(std::isfinite(v) && v >= 0.0, key, ("values[" + std::to_string(i) + "]").c_str(),
                "finite and >= 0", v);
        sum += v;
      }
      values_ = spec.values;
      mean_ = sum / static_cast<double>(values_.size());
      double ss = 0.0;
      for (const double v : values_) ss += (v - mean_) * (v - mean_);
      variance_ = ss / static_cast<double>(values_.size());
      break;
    }
    case DistributionKind::Geometric: {
      const double p = spec.probability;
      require(std::isfinite(p) && p > 0.0 && p <= 1.0, key, "probability", "in (0, 1]", p);
      require(std::isfinite(spec.step) && spec.step > 0.0, key, "step", "finite and > 0", spec.step);
      a_ = spec.step;
      b_ = p < 1.0 ? 1.0 / std::log1p(-p) : 0.0;  // 1 / ln(1 - p), 0 flags "always one step"
      mean_ = a_ / p;
      variance_ = a_ * a_ * (1.0 - p) / (p * p);
      break;
    }
  }
}

double Distribution::sample_other(RandomStream& stream) const {
  switch (kind_) {
    case DistributionKind::Normal: {
      if (b_ == 0.0) return a_;
      for (;;) {  // rejection of the negative part; mean >= 0 keeps the acceptance rate >= 1/2
        const double x = a_ + b_ * stream.normal();
        if (x >= 0.0) return x;
      }
    }
    case DistributionKind::Lognormal: return std::exp(a_ + b_ * stream.normal());
    case DistributionKind::Weibull: return a_ * std::pow(stream.exponential(), b_);
    case DistributionKind::Empirical: {
      const auto n = static_cast<double>(values_.size());
      auto i = static_cast<std::size_t>(stream.uniform() * n);
      if (i >= values_.size()) i = values_.size() - 1;
      return values_[i];
    }
    case DistributionKind::Geometric: {
      if (b_ == 0.0) return a_;
      // Inversion: K = ceil(ln U / ln(1 - p)) with U in (0, 1]; K >= 1.
      const double k = std::ceil(std::log(stream.uniform_positive()) * b_);
      return a_ * (k < 1.0 ? 1.0 : k);
    }
    case DistributionKind::Deterministic: return a_;
    case DistributionKind::Exponential: return a_ * stream.exponential();
    case DistributionKind::Uniform: return a_ + b_ * stream.uniform();
  }
  return a_;
}

}  // namespace twinlab::sim
