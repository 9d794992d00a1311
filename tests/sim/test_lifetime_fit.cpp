#include "sim/lifetime_fit.hpp"

#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

using namespace twinlab::sim;

namespace {

// Ten times, three of them right-censored (41, 90 and 200).
std::vector<LifetimeObservation> censored_sample() {
  return {{12, true}, {35, true}, {41, false}, {60, true}, {77, true},
          {90, false}, {104, true}, {130, true}, {151, true}, {200, false}};
}

std::vector<LifetimeObservation> all_events(std::vector<LifetimeObservation> data) {
  for (auto& o : data) o.event = true;
  return data;
}

const FittedParameter& parameter(const LifetimeFit& fit, const std::string& name) {
  for (const auto& p : fit.parameters)
    if (p.name == name) return p;
  FAIL("no parameter " << name);
  return fit.parameters.front();
}

}  // namespace

TEST_CASE("exponential MLE with censoring: mean = total exposure / events", "[lifetime_fit]") {
  const auto data = censored_sample();
  const auto fit = fit_lifetime(LifetimeFamily::Exponential, data);
  REQUIRE(fit);
  // Exposure 12+35+41+60+77+90+104+130+151+200 = 900 s over 7 events.
  CHECK(parameter(*fit, "mean").value == Approx(900.0 / 7.0).epsilon(1e-12));
  CHECK(fit->events == 7);
  CHECK(fit->censored == 3);
  CHECK(fit->log_likelihood == Approx(-7.0 * std::log(900.0 / 7.0) - 7.0).epsilon(1e-12));
  CHECK(fit->aic == Approx(2.0 - 2.0 * fit->log_likelihood).epsilon(1e-12));
  // Profile-likelihood interval: both ends lie chi2_1(0.95)/2 = 1.920729 below the maximum (Wilks).
  const auto& mean = parameter(*fit, "mean");
  REQUIRE(mean.lower < mean.value);
  REQUIRE(mean.upper > mean.value);
  for (const double end : {mean.lower, mean.upper})
    CHECK(fit->log_likelihood - lifetime_log_likelihood(LifetimeFamily::Exponential, end, 0.0, data) ==
          Approx(1.9207294103).epsilon(1e-7));
}

TEST_CASE("Weibull MLE with censoring matches an independent optimisation", "[lifetime_fit]") {
  // Reference: SciPy 1.10 Nelder-Mead on the same censored log-likelihood (xatol 1e-12):
  // shape 1.48267475, scale 124.57504115, log-likelihood -40.318212851509. The tolerance 1e-6 is that of
  // the reference's 8 printed digits and of Brent's ~1.5e-8 in the argument.
  const auto fit = fit_lifetime(LifetimeFamily::Weibull, censored_sample());
  REQUIRE(fit);
  CHECK(parameter(*fit, "shape").value == Approx(1.48267475).epsilon(1e-6));
  CHECK(parameter(*fit, "scale").value == Approx(124.57504115).epsilon(1e-6));
  CHECK(fit->log_likelihood == Approx(-40.318212851509).epsilon(1e-9));
  CHECK(fit->mean == Approx(124.57504115 * std::tgamma(1.0 + 1.0 / 1.48267475)).epsilon(1e-6));
  // Profile interval of the shape: the profile (maximised over the scale) is 1.92 below at both ends.
  const auto& shape = parameter(*fit, "shape");
  for (const double k : {shape.lower, shape.upper}) {
    double best = -1e300;
    for (double lambda = 50.0; lambda < 400.0; lambda *= 1.0005)
      best = std::max(best, lifetime_log_likelihood(LifetimeFamily::Weibull, k, lambda, censored_sample()));
    CHECK(fit->log_likelihood - best == Approx(1.9207294103).epsilon(1e-4));  // grid step 5e-4 in the scale
  }
}

TEST_CASE("Weibull MLE without censoring matches scipy.stats.weibull_min.fit", "[lifetime_fit]") {
  // Reference: scipy.stats.weibull_min.fit(t, floc=0) = (1.6580377599511436, 0, 100.59203873479038); SciPy's
  // own optimiser stops at ~1e-7 relative.
  const auto fit = fit_lifetime(LifetimeFamily::Weibull, all_events(censored_sample()));
  REQUIRE(fit);
  CHECK(parameter(*fit, "shape").value == Approx(1.6580377599511436).epsilon(1e-6));
  CHECK(parameter(*fit, "scale").value == Approx(100.59203873479038).epsilon(1e-6));
}

TEST_CASE("lognormal MLE: closed form without censoring, independent optimisation with it", "[lifetime_fit]") {
  const auto events = all_events(censored_sample());
  double mu = 0.0, var = 0.0;
  for (const auto& o : events) mu += std::log(o.time) / 10.0;
  for (const auto& o : events) var += (std::log(o.time) - mu) * (std::log(o.time) - mu) / 10.0;
  const auto plain = fit_lifetime(LifetimeFamily::Lognormal, events);
  REQUIRE(plain);
  // Brent locates a maximum from function values only: to ~sqrt(machine epsilon) = 1.5e-8 of the argument
  // (boost caps its precision at half the digits of a double), hence 1e-7.
  CHECK(parameter(*plain, "mu").value == Approx(mu).epsilon(1e-7));
  CHECK(parameter(*plain, "sigma").value == Approx(std::sqrt(var)).epsilon(1e-7));
  // SciPy Nelder-Mead on the censored log-likelihood: mu 4.492861321460, sigma 0.952045502670, l -40.692786852.
  const auto fit = fit_lifetime(LifetimeFamily::Lognormal, censored_sample());
  REQUIRE(fit);
  CHECK(parameter(*fit, "mu").value == Approx(4.492861321460).epsilon(1e-7));
  CHECK(parameter(*fit, "sigma").value == Approx(0.952045502670).epsilon(1e-7));
  CHECK(fit->log_likelihood == Approx(-40.692786852).epsilon(1e-9));
}

TEST_CASE("without censoring the Kaplan-Meier KS distance is the classical one", "[lifetime_fit]") {
  const auto data = all_events(censored_sample());
  const auto fit = fit_lifetime(LifetimeFamily::Exponential, data);
  REQUIRE(fit);
  std::vector<double> t;
  for (const auto& o : data) t.push_back(o.time);
  std::sort(t.begin(), t.end());
  double d = 0.0;
  const double n = static_cast<double>(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double f = 1.0 - std::exp(-t[i] / parameter(*fit, "mean").value);
    d = std::max({d, (i + 1) / n - f, f - i / n});
  }
  CHECK(fit->ks_distance == Approx(d).epsilon(1e-12));
}

TEST_CASE("AIC prefers the family the data came from and the bootstrap KS test rejects a wrong one", "[lifetime_fit]") {
  RandomStream stream(42);
  std::vector<LifetimeObservation> weibull;  // shape 3, scale 100, censored at 120 (about 20 % censored)
  for (int i = 0; i < 300; ++i) {
    const double t = 100.0 * std::pow(-std::log(1.0 - stream.uniform()), 1.0 / 3.0);
    weibull.push_back(t < 120.0 ? LifetimeObservation{t, true} : LifetimeObservation{120.0, false});
  }
  const auto fits = fit_lifetime_families(
      weibull, {LifetimeFamily::Exponential, LifetimeFamily::Weibull, LifetimeFamily::Lognormal});
  REQUIRE(fits.size() == 3);
  CHECK(fits.front().family == LifetimeFamily::Weibull);
  const auto& shape = parameter(fits.front(), "shape");
  CHECK(shape.lower < 3.0);
  CHECK(shape.upper > 3.0);
  auto right = fits.front();
  ks_bootstrap(right, weibull, 99, stream);
  auto wrong = *fit_lifetime(LifetimeFamily::Exponential, weibull);
  ks_bootstrap(wrong, weibull, 99, stream);
  // Exponential against shape 3 with n = 300: D is ~0.2, far beyond every resample's (p = 1/100 at most).
  CHECK(wrong.ks_p_value <= 0.011);
  // The right family: p is uniform under the null; 0.01 is exceeded with probability 0.99 (seeded: fixed).
  CHECK(right.ks_p_value > 0.01);
}

TEST_CASE("fits refuse data they cannot describe", "[lifetime_fit]") {
  CHECK_FALSE(fit_lifetime(LifetimeFamily::Exponential, {{10.0, false}, {20.0, false}}));  // no event
  CHECK_FALSE(fit_lifetime(LifetimeFamily::Weibull, {{10.0, true}, {10.0, true}}));      // one distinct time
  CHECK_FALSE(fit_lifetime(LifetimeFamily::Lognormal, {{0.0, true}, {10.0, true}}));     // t = 0
  CHECK(fit_lifetime(LifetimeFamily::Exponential, {{10.0, true}}));
}
