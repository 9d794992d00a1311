// Tests sim/distributions.*: every kind's sample mean and variance against its closed-form moments, the
// support of the discrete ones, and the validation of parameters.
// Tolerance: with n draws the sample mean has standard error sqrt(Var/n) and the sample variance about
// sqrt((m4 - s^4)/n), m4 the sample fourth central moment; we allow 5 standard errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "sim/distributions.hpp"
#include "base/error.hpp"

using twinlab::sim::Distribution;
using twinlab::sim::DistributionKind;
using twinlab::sim::DistributionSpec;
using twinlab::base::InputError;
using twinlab::sim::RandomStream;

namespace {
struct Moments {
  double mean, var, m4;
};
Moments sample_moments(const Distribution& d, RandomStream& s, int n, std::vector<double>* keep = nullptr) {
  std::vector<double> x(static_cast<std::size_t>(n));
  double sum = 0.0;
  for (auto& v : x) {
    v = d.sample(s);
    sum += v;
  }
  const double mean = sum / n;
  double s2 = 0.0, s4 = 0.0;
  for (const double v : x) {
    const double e2 = (v - mean) * (v - mean);
    s2 += e2;
    s4 += e2 * e2;
  }
  if (keep) *keep = x;
  return {mean, s2 / n, s4 / n};
}
}  // namespace

TEST_CASE("Sample moments match the theory for every distribution", "[distributions]") {
  const auto spec = GENERATE(DistributionSpec::deterministic(3.5), DistributionSpec::exponential(2.0),
                             DistributionSpec::normal(1.0, 1.0),      // truncation matters: P(X < 0) = 16 %
                             DistributionSpec::normal(10.0, 2.0),     // truncation negligible
                             DistributionSpec::lognormal(5.0, 2.0), DistributionSpec::weibull(2.5, 1000.0),
                             DistributionSpec::weibull(0.7, 3.0), DistributionSpec::uniform(2.0, 6.0),
                             DistributionSpec::empirical({1.0, 2.0, 2.0, 7.5}), DistributionSpec::geometric(0.1, 2.0),
                             DistributionSpec::geometric(1.0, 0.5));
  const Distribution d(spec);
  CAPTURE(std::string(twinlab::sim::distribution_kind_name(spec.kind)), d.mean(), d.variance());
  RandomStream s(11, "moments");
  const int n = 400000;
  const Moments m = sample_moments(d, s, n);
  CAPTURE(m.mean, m.var);
  CHECK(std::abs(m.mean - d.mean()) <= 5.0 * std::sqrt(d.variance() / n) + 1e-12 * std::abs(d.mean()));
  CHECK(std::abs(m.var - d.variance()) <= 5.0 * std::sqrt(std::max(m.m4 - m.var * m.var, 0.0) / n) + 1e-12);
}

TEST_CASE("Closed-form moments of the less obvious laws", "[distributions]") {
  // Normal(1, 1) truncated at 0: mean = 1 + phi(1)/Phi(1) = 1.287600, from the inverse Mills ratio.
  CHECK(Distribution(DistributionSpec::normal(1.0, 1.0)).mean() == Approx(1.2876000).epsilon(1e-6));
  // Weibull(2, 1): mean = Gamma(1.5) = sqrt(pi)/2.
  CHECK(Distribution(DistributionSpec::weibull(2.0, 1.0)).mean() == Approx(std::sqrt(M_PI) / 2.0).epsilon(1e-14));
  // Lognormal parametrised by the variable's own mean and standard deviation.
  const Distribution ln(DistributionSpec::lognormal(5.0, 2.0));
  CHECK(ln.mean() == 5.0);
  CHECK(ln.variance() == 4.0);
  CHECK(Distribution(DistributionSpec::geometric(0.25, 3.0)).mean() == Approx(12.0));
}

TEST_CASE("Discrete laws stay on their support", "[distributions]") {
  RandomStream s(5, "support");
  const Distribution emp(DistributionSpec::empirical({4.0, 9.0, 9.0}));
  const Distribution geo(DistributionSpec::geometric(0.3, 0.5));
  std::set<double> seen;
  for (int i = 0; i < 10000; ++i) {
    seen.insert(emp.sample(s));
    const double g = geo.sample(s);
    REQUIRE(g >= 0.5);
    REQUIRE(std::fmod(g, 0.5) == 0.0);
  }
  CHECK(seen == std::set<double>{4.0, 9.0});
}

TEST_CASE("Bad parameters throw InputError naming the parameter", "[distributions]") {
  struct Case {
    DistributionSpec spec;
    std::string key;
  };
  auto bad_values = DistributionSpec::empirical({1.0, -2.0});
  const auto c = GENERATE_COPY(Case{DistributionSpec::exponential(0.0), "p.t.mean"},
                               Case{DistributionSpec::exponential(-1.0), "p.t.mean"},
                               Case{DistributionSpec::deterministic(-1.0), "p.t.value"},
                               Case{DistributionSpec::normal(1.0, -1.0), "p.t.std_dev"},
                               Case{DistributionSpec::normal(-1.0, 1.0), "p.t.mean"},
                               Case{DistributionSpec::lognormal(0.0, 1.0), "p.t.mean"},
                               Case{DistributionSpec::weibull(0.0, 1.0), "p.t.shape"},
                               Case{DistributionSpec::weibull(1.0, -3.0), "p.t.scale"},
                               Case{DistributionSpec::uniform(3.0, 2.0), "p.t.max"},
                               Case{DistributionSpec::uniform(-1.0, 2.0), "p.t.min"},
                               Case{DistributionSpec::empirical({}), "p.t.values"},
                               Case{bad_values, "p.t.values[1]"},
                               Case{DistributionSpec::geometric(0.0, 1.0), "p.t.probability"},
                               Case{DistributionSpec::geometric(0.5, 0.0), "p.t.step"});
  CAPTURE(c.key);
  try {
    Distribution d(c.spec, "p.t");
    FAIL("no exception");
  } catch (const twinlab::base::InputError& e) {
    CHECK(e.where().key == c.key);
  }
}

TEST_CASE("Distribution names round-trip and unknown names are rejected", "[distributions]") {
  for (const auto kind : {DistributionKind::Deterministic, DistributionKind::Exponential, DistributionKind::Normal,
                          DistributionKind::Lognormal, DistributionKind::Weibull, DistributionKind::Uniform,
                          DistributionKind::Empirical, DistributionKind::Geometric})
    CHECK(twinlab::sim::distribution_kind_from_name(twinlab::sim::distribution_kind_name(kind), {}) == kind);
  const twinlab::base::InputLocation where{"line.yaml", 12, 7, "line.stations[0].processing_time.dist"};
  try {
    twinlab::sim::distribution_kind_from_name("gamma", where);
    FAIL("no exception");
  } catch (const twinlab::base::InputError& e) {
    CHECK(e.where().key == where.key);
    CHECK(std::string(e.what()).find("line.yaml:12:7") == 0);
    CHECK(std::string(e.what()).find("unknown distribution 'gamma'") != std::string::npos);
    CHECK(std::string(e.what()).find("weibull") != std::string::npos);
  }
}
