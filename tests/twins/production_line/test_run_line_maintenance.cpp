// Tests the failure, repair-crew and maintenance logic of run_line against closed forms:
// - preventive (age-replacement) maintenance of a machine with a Weibull life, against the renewal-reward
//   cost rate C(T) = (c_p R(T) + c_f F(T)) / (int_0^T R(t) dt + d_p R(T) + d_f F(T)) (the integral is
//   computed here with Simpson's rule), and run-to-failure, C = c_f / (MTTF + d_f);
// - the machine-repairman model: two machines with exponential lives sharing one repair crew, a
//   birth-death chain on the number of machines down;
// - condition-based maintenance at a wear threshold with accelerating wear (integrated with odeint), whose
//   cycle length follows from the closed-form wear curve.
// Statistical tolerances: 4 standard errors over replications (see line_test_support.hpp).
#include <catch2/catch.hpp>

#include <cmath>

#include "line_test_support.hpp"

namespace pl = twinlab::twins::production_line;
using line_test::check_within;
using line_test::over_replications;
using pl::DistributionSpec;
using pl::ReplicationResult;

namespace {

double simpson(double (*f)(double, double, double), double a, double b, double shape, double scale, int n = 4000) {
  const double h = (b - a) / n;
  double s = f(a, shape, scale) + f(b, shape, scale);
  for (int i = 1; i < n; ++i) s += (i % 2 ? 4.0 : 2.0) * f(a + i * h, shape, scale);
  return s * h / 3.0;
}
double weibull_survival(double t, double shape, double scale) { return std::exp(-std::pow(t / scale, shape)); }

}  // namespace

TEST_CASE("Preventive maintenance matches the Weibull age-replacement renewal-reward model",
          "[production_line][maintenance]") {
  const double shape = 2.5, scale = 1000.0;             // Weibull life in operating seconds
  const double repair_s = 60.0, pm_s = 15.0;            // durations d_f, d_p
  const double repair_cost = 500.0, pm_cost = 80.0;     // c_f, c_p
  const double interval = GENERATE(300.0, 600.0, 0.0);  // T; 0 = run to failure
  CAPTURE(interval);

  auto s = line_test::station("Press", DistributionSpec::deterministic(2.0));
  s.failure.basis = pl::FailureBasis::Time;  // the machine is never idle, so up time = operating time
  s.failure.life = DistributionSpec::weibull(shape, scale);
  s.failure.time_to_repair = DistributionSpec::deterministic(repair_s);
  s.failure.repair_cost = repair_cost;
  if (interval > 0.0) {
    s.maintenance.policy = pl::MaintenancePolicy::Preventive;
    s.maintenance.interval_s = interval;
    s.maintenance.duration = DistributionSpec::deterministic(pm_s);
    s.maintenance.cost = pm_cost;
  }
  const auto r = pl::run_line(line_test::line({s}, {"Press"}, 5000.0, 1e6, 12), 4242 + static_cast<int>(interval));
  line_test::check_little(r);

  double failures_per_s, pm_per_s, cost_per_s;
  if (interval > 0.0) {
    const double R = weibull_survival(interval, shape, scale), F = 1.0 - R;
    const double cycle_s = simpson(weibull_survival, 0.0, interval, shape, scale) + pm_s * R + repair_s * F;
    failures_per_s = F / cycle_s;
    pm_per_s = R / cycle_s;
    cost_per_s = (pm_cost * R + repair_cost * F) / cycle_s;
  } else {
    const double mttf = scale * std::tgamma(1.0 + 1.0 / shape);
    failures_per_s = 1.0 / (mttf + repair_s);
    pm_per_s = 0.0;
    cost_per_s = repair_cost * failures_per_s;
  }
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.maintenance_cost_rate_per_s; }), cost_per_s,
               "cost rate");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.failures / x.planned_time_s; }),
               failures_per_s, "failure rate");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.maintenance_actions / x.planned_time_s; }),
               pm_per_s, "maintenance rate");
  // Throughput: the machine produces one part per 2 s of up time.
  const double up = 1.0 - failures_per_s * repair_s - pm_per_s * pm_s;
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.throughput_per_s; }), up / 2.0, "throughput");
}

TEST_CASE("Two machines and one repair crew: the machine-repairman model", "[production_line][maintenance]") {
  const double lambda = 1.0 / 200.0, mu = 1.0 / 50.0;  // failure rate per up machine, repair rate of the crew
  const int crews = GENERATE(1, 0);                    // one crew, or unlimited (independent machines)
  auto s = line_test::station("Lathe", DistributionSpec::exponential(3.0));
  s.machines = 2;
  s.failure.basis = pl::FailureBasis::Time;
  s.failure.life = DistributionSpec::exponential(1.0 / lambda);
  s.failure.time_to_repair = DistributionSpec::exponential(1.0 / mu);
  auto config = line_test::line({s}, {"Lathe"}, 5000.0, 5e5, 16);
  config.repair_crews = crews;
  const auto r = pl::run_line(config, 99 + crews);
  line_test::check_little(r);
  double down_fraction;
  if (crews == 1) {  // k machines down: 0 -> 1 at 2 lambda, 1 -> 2 at lambda, repairs at mu (one at a time)
    const double p0 = 1.0, p1 = 2.0 * lambda / mu, p2 = p1 * lambda / mu, sum = p0 + p1 + p2;
    down_fraction = (p1 + 2.0 * p2) / sum / 2.0;
  } else {
    down_fraction = lambda / (lambda + mu);
  }
  CAPTURE(crews);
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].down_fraction; }), down_fraction,
               "fraction of machine time down");
}

TEST_CASE("Condition-based maintenance at a wear threshold with accelerating wear", "[production_line][maintenance]") {
  // dw/dt = a (1 + b w) from w = 0: w(t) = (exp(a b t) - 1) / b, which reaches the threshold theta at
  // t* = ln(1 + b theta) / (a b). Wear is checked after each 1 s operation, so maintenance follows the
  // ceil(t*)-th operation; a cycle lasts ceil(t*) + d seconds, deterministically.
  const double a = 0.01, b = GENERATE(0.0, 2.0), theta = 0.5, d = 5.0;
  auto s = line_test::station("Grinder", DistributionSpec::deterministic(1.0));
  s.wear.rate_1_s = a;
  s.wear.acceleration = b;
  s.maintenance.policy = pl::MaintenancePolicy::ConditionBased;
  s.maintenance.wear_threshold = theta;
  s.maintenance.duration = DistributionSpec::deterministic(d);
  s.maintenance.cost = 10.0;
  const auto r = pl::run_line(line_test::line({s}, {"Grinder"}, 0.0, 1e4, 2), 1);
  line_test::check_little(r);
  const double t_star = b > 0.0 ? std::log1p(b * theta) / (a * b) : theta / a;
  const double cycle = std::ceil(t_star - 1e-9) + d;
  CAPTURE(b, t_star, cycle);
  const auto& rep = r.per_replication[0];
  // Whole cycles in 1e4 s, give or take the one cut by the end of the window.
  CHECK(std::abs(rep.maintenance_actions - 1e4 / cycle) <= 1.0);
  CHECK(rep.stations[0].maintenance_fraction == Approx(d / cycle).margin(d / 1e4));
  CHECK(rep.maintenance_cost == Approx(10.0 * rep.maintenance_actions));
  CHECK(rep.failures == 0.0);
}

TEST_CASE("Time-based failures strike starved and blocked machines too", "[production_line][maintenance]") {
  // The middle machine is often starved (fast) and often blocked (small buffer before a slow end);
  // its up/down alternation is a renewal process independent of the flow, so with its own repair crew
  // its down fraction is MTTR / (MTTF + MTTR) whatever it is doing when it fails.
  auto a = line_test::station("Feed", DistributionSpec::exponential(1.0), {"Mid"});
  auto m = line_test::station("Mid", DistributionSpec::exponential(0.4), {"End"}, 2);
  m.failure.basis = pl::FailureBasis::Time;
  m.failure.life = DistributionSpec::exponential(40.0);
  m.failure.time_to_repair = DistributionSpec::lognormal(10.0, 4.0);
  auto e = line_test::station("End", DistributionSpec::exponential(1.1), {}, 1);
  const auto r = pl::run_line(line_test::line({a, m, e}, {"Feed"}, 1000.0, 2e5, 16), 606);
  line_test::check_little(r);
  const auto mid = over_replications(r, [](const ReplicationResult& x) { return x.stations[1].down_fraction; });
  check_within(mid, 10.0 / 50.0, "down fraction of the middle machine");
  CHECK(r.per_replication[0].stations[1].starved_fraction > 0.05);
  CHECK(r.per_replication[0].stations[1].blocked_fraction > 0.05);
}
