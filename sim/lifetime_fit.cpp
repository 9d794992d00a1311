#include "sim/lifetime_fit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/minima.hpp>
#include <boost/math/tools/roots.hpp>

namespace twinlab::sim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kLogSqrt2Pi = 0.91893853320467274178;  // ln sqrt(2 pi)
constexpr int kBrentBits = 26;  // boost caps Brent at half a double's digits: ~1.5e-8 of the argument
constexpr std::uintmax_t kBrentIterations = 200;

// Search ranges of the shape parameters, natural log: Weibull k in [0.02, 500], lognormal sigma in
// [1e-4, 50] (in units of ln t). A fit at a bound means the data ask for a more extreme law.
constexpr double kLnShapeMin = -3.912023005428146, kLnShapeMax = 6.214608098422191;
constexpr double kLnSigmaMin = -9.210340371976182, kLnSigmaMax = 3.912023005428146;

// Times in units of their geometric mean (every fit is scale-equivariant; this keeps t^k finite).
struct Scaled {
  std::vector<double> y;      // ln(t / t_ref)
  std::vector<bool> event;
  double ln_ref = 0.0;
  std::size_t events = 0;
  double sum_event_y = 0.0;
  double y_min = 0.0, y_max = 0.0;
};

Scaled scale(const std::vector<LifetimeObservation>& data) {
  Scaled s;
  for (const auto& o : data) s.ln_ref += std::log(o.time);
  s.ln_ref /= static_cast<double>(data.size());
  s.y_min = kInf;
  s.y_max = -kInf;
  for (const auto& o : data) {
    const double y = std::log(o.time) - s.ln_ref;
    s.y.push_back(y);
    s.event.push_back(o.event);
    s.y_min = std::min(s.y_min, y);
    s.y_max = std::max(s.y_max, y);
    if (o.event) {
      ++s.events;
      s.sum_event_y += y;
    }
  }
  return s;
}

// ln sum exp(k y_i - k v), stable for large k.
double log_sum_power(const Scaled& s, double k, double v) {
  double m = -kInf;
  for (double y : s.y) m = std::max(m, k * (y - v));
  double sum = 0.0;
  for (double y : s.y) sum += std::exp(k * (y - v) - m);
  return m + std::log(sum);
}

double log_normal_sf(double z) {
  if (z < 30.0) return std::log(0.5 * boost::math::erfc(z / std::sqrt(2.0)));
  return -0.5 * z * z - std::log(z) - kLogSqrt2Pi + std::log1p(-1.0 / (z * z));  // Mills ratio, 2 terms
}

// Weibull in scaled units: v = ln lambda_s.
double weibull_ll(const Scaled& s, double k, double v) {
  const double r = static_cast<double>(s.events);
  return r * std::log(k) - r * k * v + (k - 1.0) * s.sum_event_y - std::exp(log_sum_power(s, k, v));
}
// Profile over the scale for a fixed shape: lambda_s^k = sum s^k / r.
double weibull_scale_hat(const Scaled& s, double k) {
  return (log_sum_power(s, k, 0.0) - std::log(static_cast<double>(s.events))) / k;
}

// Lognormal in scaled units: mu in units of ln t (scaled), sigma.
double lognormal_ll(const Scaled& s, double mu, double sigma) {
  double ll = 0.0;
  for (std::size_t i = 0; i < s.y.size(); ++i) {
    const double z = (s.y[i] - mu) / sigma;
    ll += s.event[i] ? -s.y[i] - std::log(sigma) - kLogSqrt2Pi - 0.5 * z * z : log_normal_sf(z);
  }
  return ll;
}

// argmax of f over [lo, hi] (Brent) -> (x, f(x)).
std::pair<double, double> maximise(const std::function<double(double)>& f, double lo, double hi) {
  std::uintmax_t iterations = kBrentIterations;
  const auto r = boost::math::tools::brent_find_minima([&](double x) { return -f(x); }, lo, hi, kBrentBits, iterations);
  return {r.first, -r.second};
}

double lognormal_mu_hat(const Scaled& s, double sigma) {
  const double pad = 10.0 * sigma + 5.0;
  return maximise([&](double mu) { return lognormal_ll(s, mu, sigma); }, s.y_min - pad, s.y_max + pad).first;
}

// One end of the profile-likelihood interval of a scalar x with profile g (g(x_hat) = g_hat): the x on the
// side `direction` (+1 or -1) where g = g_hat - drop. Steps out from x_hat doubling the step, then brackets
// the crossing with TOMS 748. Returns +-inf when g stays above the target up to `limit`.
double profile_end(const std::function<double(double)>& g, double x_hat, double g_hat, double drop, double direction,
                   double limit) {
  const double target = g_hat - drop;
  double inner = x_hat, step = 0.05;
  for (int i = 0; i < 80; ++i) {
    double outer = x_hat + direction * step;
    if ((direction > 0 && outer >= limit) || (direction < 0 && outer <= limit)) {
      outer = limit;
      if (g(outer) >= target) return direction * kInf;
    }
    if (g(outer) < target) {
      std::uintmax_t iterations = 100;
      const auto f = [&](double x) { return g(x) - target; };
      const auto tol = boost::math::tools::eps_tolerance<double>(40);
      const auto r = direction > 0 ? boost::math::tools::toms748_solve(f, inner, outer, tol, iterations)
                                   : boost::math::tools::toms748_solve(f, outer, inner, tol, iterations);
      return 0.5 * (r.first + r.second);
    }
    if (outer == limit) return direction * kInf;
    inner = outer;
    step *= 2.0;
  }
  return direction * kInf;
}

std::size_t distinct_event_times(const std::vector<LifetimeObservation>& data) {
  std::vector<double> t;
  for (const auto& o : data)
    if (o.event) t.push_back(o.time);
  std::sort(t.begin(), t.end());
  return static_cast<std::size_t>(std::unique(t.begin(), t.end()) - t.begin());
}

bool usable(const std::vector<LifetimeObservation>& data) {
  for (const auto& o : data)
    if (!(o.time > 0.0) || !std::isfinite(o.time)) return false;
  return distinct_event_times(data) >= 1;
}

std::vector<LifetimeObservation> sorted_for_km(std::vector<LifetimeObservation> data) {
  std::sort(data.begin(), data.end(), [](const LifetimeObservation& a, const LifetimeObservation& b) {
    return a.time < b.time || (a.time == b.time && a.event && !b.event);
  });
  return data;
}

// Reverse Kaplan-Meier masses of the censoring law: (time, probability); the rest is "never censored".
std::vector<std::pair<double, double>> censoring_law(const std::vector<LifetimeObservation>& sorted) {
  std::vector<std::pair<double, double>> law;
  double g = 1.0;
  std::size_t i = 0;
  const std::size_t n = sorted.size();
  while (i < n) {
    const double t = sorted[i].time;
    std::size_t j = i, c = 0;
    while (j < n && sorted[j].time == t) c += sorted[j++].event ? 0 : 1;
    if (c > 0) {
      const double mass = g * static_cast<double>(c) / static_cast<double>(n - i);
      law.emplace_back(t, mass);
      g -= mass;
    }
    i = j;
  }
  return law;
}

double open_uniform(RandomStream& stream) {
  double u = stream.uniform();
  while (u <= 0.0 || u >= 1.0) u = stream.uniform();
  return u;
}

}  // namespace

std::string_view lifetime_family_name(LifetimeFamily family) {
  switch (family) {
    case LifetimeFamily::Exponential: return "exponential";
    case LifetimeFamily::Weibull: return "weibull";
    case LifetimeFamily::Lognormal: return "lognormal";
  }
  return "?";
}

double lifetime_log_likelihood(LifetimeFamily family, double a, double b, const std::vector<LifetimeObservation>& data) {
  double ll = 0.0;
  for (const auto& o : data) {
    const double t = o.time;
    switch (family) {
      case LifetimeFamily::Exponential: ll += (o.event ? -std::log(a) : 0.0) - t / a; break;
      case LifetimeFamily::Weibull: {  // a = shape, b = scale
        const double x = std::pow(t / b, a);
        ll += (o.event ? std::log(a / b) + (a - 1.0) * std::log(t / b) : 0.0) - x;
        break;
      }
      case LifetimeFamily::Lognormal: {  // a = mu, b = sigma
        const double z = (std::log(t) - a) / b;
        ll += o.event ? -std::log(t * b) - kLogSqrt2Pi - 0.5 * z * z : log_normal_sf(z);
        break;
      }
    }
  }
  return ll;
}

namespace {
// intervals false: the point estimate only (bounds NaN), for bootstrap refits.
std::optional<LifetimeFit> fit_impl(LifetimeFamily family, const std::vector<LifetimeObservation>& data, double level,
                                    bool intervals) {
  if (data.empty() || !usable(data) || !(level > 0.0 && level < 1.0)) return std::nullopt;
  if (family != LifetimeFamily::Exponential && distinct_event_times(data) < 2) return std::nullopt;
  const Scaled s = scale(data);
  const double ref = std::exp(s.ln_ref);
  const double drop = 0.5 * boost::math::quantile(boost::math::chi_squared(1.0), level);
  const double r = static_cast<double>(s.events);
  const auto end = [&](const std::function<double(double)>& g, double x_hat, double g_hat, double direction,
                       double limit) {
    return intervals ? profile_end(g, x_hat, g_hat, drop, direction, limit) : std::nan("");
  };
  LifetimeFit fit;
  fit.family = family;
  fit.events = s.events;
  fit.censored = data.size() - s.events;
  switch (family) {
    case LifetimeFamily::Exponential: {
      double exposure = 0.0;
      for (const auto& o : data) exposure += o.time / ref;
      // ln theta_s = x: l(x) = -r x - exposure e^-x.
      const auto g = [&](double x) { return -r * x - exposure * std::exp(-x); };
      const double x_hat = std::log(exposure / r);
      const double g_hat = g(x_hat);
      const double lo = end(g, x_hat, g_hat, -1.0, x_hat - 50.0);
      const double hi = end(g, x_hat, g_hat, +1.0, x_hat + 50.0);
      fit.parameters = {{"mean", ref * std::exp(x_hat), ref * std::exp(lo), ref * std::exp(hi)}};
      fit.mean = fit.parameters[0].value;
      break;
    }
    case LifetimeFamily::Weibull: {
      const auto profile_shape = [&](double u) {
        const double k = std::exp(u);
        return weibull_ll(s, k, weibull_scale_hat(s, k));
      };
      const auto [u_hat, g_hat] = maximise(profile_shape, kLnShapeMin, kLnShapeMax);
      const double k = std::exp(u_hat), v_hat = weibull_scale_hat(s, k);
      const double u_lo = end(profile_shape, u_hat, g_hat, -1.0, kLnShapeMin);
      const double u_hi = end(profile_shape, u_hat, g_hat, +1.0, kLnShapeMax);
      const auto profile_scale = [&](double v) {
        return maximise([&](double u) { return weibull_ll(s, std::exp(u), v); }, kLnShapeMin, kLnShapeMax).second;
      };
      const double pad = 50.0;
      const double v_lo = end(profile_scale, v_hat, g_hat, -1.0, v_hat - pad);
      const double v_hi = end(profile_scale, v_hat, g_hat, +1.0, v_hat + pad);
      fit.parameters = {{"shape", k, std::exp(u_lo), std::exp(u_hi)},
                        {"scale", ref * std::exp(v_hat), ref * std::exp(v_lo), ref * std::exp(v_hi)}};
      fit.mean = fit.parameters[1].value * std::tgamma(1.0 + 1.0 / k);
      break;
    }
    case LifetimeFamily::Lognormal: {
      const auto profile_sigma = [&](double w) {
        const double sigma = std::exp(w);
        return lognormal_ll(s, lognormal_mu_hat(s, sigma), sigma);
      };
      const auto [w_hat, g_hat] = maximise(profile_sigma, kLnSigmaMin, kLnSigmaMax);
      const double sigma = std::exp(w_hat), mu = lognormal_mu_hat(s, sigma);
      const double w_lo = end(profile_sigma, w_hat, g_hat, -1.0, kLnSigmaMin);
      const double w_hi = end(profile_sigma, w_hat, g_hat, +1.0, kLnSigmaMax);
      const auto profile_mu = [&](double m) {
        return maximise([&](double w) { return lognormal_ll(s, m, std::exp(w)); }, kLnSigmaMin, kLnSigmaMax).second;
      };
      const double m_lo = end(profile_mu, mu, g_hat, -1.0, mu - 50.0);
      const double m_hi = end(profile_mu, mu, g_hat, +1.0, mu + 50.0);
      fit.parameters = {{"mu", mu + s.ln_ref, m_lo + s.ln_ref, m_hi + s.ln_ref},
                        {"sigma", sigma, std::exp(w_lo), std::exp(w_hi)}};
      fit.mean = std::exp(mu + s.ln_ref + 0.5 * sigma * sigma);
      break;
    }
  }
  const double a = fit.parameters[0].value, b = fit.parameters.size() > 1 ? fit.parameters[1].value : 0.0;
  fit.log_likelihood = lifetime_log_likelihood(family, a, b, data);
  fit.aic = 2.0 * static_cast<double>(fit.parameters.size()) - 2.0 * fit.log_likelihood;
  fit.ks_distance = ks_distance_kaplan_meier(fit, data);
  return fit;
}
}  // namespace

std::optional<LifetimeFit> fit_lifetime(LifetimeFamily family, const std::vector<LifetimeObservation>& data,
                                        double level) {
  return fit_impl(family, data, level, true);
}

std::vector<LifetimeFit> fit_lifetime_families(const std::vector<LifetimeObservation>& data,
                                               const std::vector<LifetimeFamily>& families, double level) {
  std::vector<LifetimeFit> fits;
  for (const LifetimeFamily f : families)
    if (auto fit = fit_lifetime(f, data, level)) fits.push_back(std::move(*fit));
  std::stable_sort(fits.begin(), fits.end(), [](const LifetimeFit& x, const LifetimeFit& y) { return x.aic < y.aic; });
  return fits;
}

double lifetime_cdf(const LifetimeFit& fit, double t) {
  if (t <= 0.0) return 0.0;
  const auto& p = fit.parameters;
  switch (fit.family) {
    case LifetimeFamily::Exponential: return -std::expm1(-t / p[0].value);
    case LifetimeFamily::Weibull: return -std::expm1(-std::pow(t / p[1].value, p[0].value));
    case LifetimeFamily::Lognormal:
      return boost::math::cdf(boost::math::normal(p[0].value, p[1].value), std::log(t));
  }
  return 0.0;
}

double lifetime_quantile(const LifetimeFit& fit, double q) {
  const auto& p = fit.parameters;
  switch (fit.family) {
    case LifetimeFamily::Exponential: return -p[0].value * std::log1p(-q);
    case LifetimeFamily::Weibull: return p[1].value * std::pow(-std::log1p(-q), 1.0 / p[0].value);
    case LifetimeFamily::Lognormal:
      return std::exp(boost::math::quantile(boost::math::normal(p[0].value, p[1].value), q));
  }
  return 0.0;
}

double ks_distance_kaplan_meier(const LifetimeFit& fit, const std::vector<LifetimeObservation>& data) {
  const auto sorted = sorted_for_km(data);
  const std::size_t n = sorted.size();
  double survival = 1.0, d_max = 0.0;
  std::size_t i = 0;
  while (i < n) {
    const double t = sorted[i].time;
    std::size_t j = i, d = 0;
    while (j < n && sorted[j].time == t) d += sorted[j++].event ? 1 : 0;
    if (d > 0) {
      const double f = lifetime_cdf(fit, t);
      const double before = 1.0 - survival;
      survival *= 1.0 - static_cast<double>(d) / static_cast<double>(n - i);
      d_max = std::max({d_max, std::abs(before - f), std::abs(1.0 - survival - f)});
    }
    i = j;
  }
  if (n > 0) d_max = std::max(d_max, std::abs(1.0 - survival - lifetime_cdf(fit, sorted.back().time)));
  return d_max;
}

void ks_bootstrap(LifetimeFit& fit, const std::vector<LifetimeObservation>& data, int resamples, RandomStream& stream) {
  const auto law = censoring_law(sorted_for_km(data));
  const auto draw_censoring = [&]() {
    double u = stream.uniform();
    for (const auto& [t, mass] : law) {
      if (u < mass) return t;
      u -= mass;
    }
    return kInf;
  };
  int done = 0, at_least = 0;
  std::vector<LifetimeObservation> resample(data.size());
  for (int b = 0; b < resamples; ++b) {
    for (auto& o : resample) {
      const double t = lifetime_quantile(fit, open_uniform(stream));
      const double c = draw_censoring();
      o = t <= c ? LifetimeObservation{t, true} : LifetimeObservation{c, false};
    }
    const auto refit = fit_impl(fit.family, resample, 0.5, false);
    if (!refit) continue;  // too few events in this resample: not counted either way
    ++done;
    if (refit->ks_distance >= fit.ks_distance) ++at_least;
  }
  fit.ks_p_value = done == 0 ? -1.0 : (1.0 + at_least) / (1.0 + done);
}

}  // namespace twinlab::sim
