#pragma once
// Maximum-likelihood fits of a positive duration (a time to failure, a repair, a processing time) with
// right-censoring: an observation is either an event at `time` or known only to exceed `time` (censored).
// Domain-free: the caller decides what a duration and a censoring mean.
//
//   family       parameters (as fitted)        log-likelihood contributions
//   exponential  mean theta                    event: -ln theta - t/theta;   censored: -t/theta
//   weibull      shape k, scale lambda          event: ln f(t);  censored: -(t/lambda)^k
//   lognormal    mu, sigma (of ln t)            event: ln f(t);  censored: ln(1 - Phi((ln t - mu)/sigma))
//
// Maximum likelihood: exponential in closed form (theta = total exposure / events); Weibull by a 1-D Brent
// search over ln k of the profile likelihood (lambda^k = sum t^k / events for fixed k); lognormal by nested
// Brent searches (mu for fixed sigma, then sigma). Confidence intervals by the profile likelihood: the set of
// values of a parameter whose profile log-likelihood is within chi2_1(level)/2 of the maximum (Wilks).
// Goodness of fit: the Kolmogorov-Smirnov distance between the Kaplan-Meier estimate and the fitted CDF
// (over [0, largest observation]); its p-value by a parametric bootstrap that refits each resample
// (Lilliefors' idea: the parameters were estimated), with censoring times drawn from the reverse
// Kaplan-Meier estimate of the censoring distribution.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/random_streams.hpp"

namespace twinlab::sim {

struct LifetimeObservation {
  double time = 0.0;     // > 0
  bool event = true;     // false: right-censored at `time` (the true duration is longer)
};

enum class LifetimeFamily { Exponential, Weibull, Lognormal };
std::string_view lifetime_family_name(LifetimeFamily family);  // "exponential", "weibull", "lognormal"

struct FittedParameter {
  std::string name;      // "mean", "shape", "scale", "mu", "sigma"
  double value = 0.0;
  double lower = 0.0;    // profile-likelihood interval; +inf upper when the likelihood never drops enough
  double upper = 0.0;
};

struct LifetimeFit {
  LifetimeFamily family = LifetimeFamily::Exponential;
  std::vector<FittedParameter> parameters;  // in the order of the table above
  double log_likelihood = 0.0;
  double aic = 0.0;               // 2 (number of parameters) - 2 log_likelihood
  std::size_t events = 0, censored = 0;
  double mean = 0.0;              // of the fitted law
  double ks_distance = 0.0;       // sup |Kaplan-Meier - fitted CDF|
  double ks_p_value = -1.0;       // parametric-bootstrap p-value; -1 when not computed
};

// Needs at least one event (two distinct event times for Weibull and lognormal), every time > 0 and finite;
// std::nullopt otherwise. level: of the confidence intervals, in (0, 1).
std::optional<LifetimeFit> fit_lifetime(LifetimeFamily family, const std::vector<LifetimeObservation>& data,
                                        double level = 0.95);

// Every family that can be fitted, sorted by AIC (best first).
std::vector<LifetimeFit> fit_lifetime_families(const std::vector<LifetimeObservation>& data,
                                               const std::vector<LifetimeFamily>& families, double level = 0.95);

double lifetime_log_likelihood(LifetimeFamily family, double a, double b, const std::vector<LifetimeObservation>& data);
double lifetime_cdf(const LifetimeFit& fit, double t);
double lifetime_quantile(const LifetimeFit& fit, double p);

// sup over t in [0, largest time] of |F_KM(t) - F(t)| (Kaplan-Meier with the usual convention that a
// censoring tied with an event happens just after it).
double ks_distance_kaplan_meier(const LifetimeFit& fit, const std::vector<LifetimeObservation>& data);

// Sets fit.ks_p_value from `resamples` parametric-bootstrap resamples (p = (1 + #{D* >= D}) / (1 + B)).
void ks_bootstrap(LifetimeFit& fit, const std::vector<LifetimeObservation>& data, int resamples, RandomStream& stream);

}  // namespace twinlab::sim
