// Tests run_line against queueing theory: M/M/1, M/M/1/K, and the two-machine line with exponential
// machines and a finite buffer (blocking after service), whose state "parts downstream of machine 1" is a
// birth-death chain. Tolerances: 4 standard errors of the mean over independent replications (see
// line_test_support.hpp); quantiles also allow the histogram's bin width (1/64, relative).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "line_test_support.hpp"

namespace pl = twinlab::twins::production_line;
using line_test::check_within;
using line_test::over_replications;
using pl::DistributionSpec;
using pl::ReplicationResult;

namespace {
pl::LineConfig single_queue(double lambda, double mu, int buffer, double horizon_s, int reps) {
  auto c = line_test::line({line_test::station("M", DistributionSpec::exponential(1.0 / mu), {}, buffer)}, {"M"}, 2000.0,
                           horizon_s, reps);
  c.source.kind = pl::SourceKind::Arrivals;
  c.source.interarrival_time = DistributionSpec::exponential(1.0 / lambda);
  return c;
}
}  // namespace

TEST_CASE("M/M/1: number in system, time in system, utilisation", "[production_line][queueing]") {
  const double lambda = GENERATE(0.5, 0.7), mu = 1.0;
  const double rho = lambda / mu;
  const auto r = pl::run_line(single_queue(lambda, mu, pl::kUnlimitedCapacity, 2e5, 16), 20240501);
  line_test::check_little(r);
  CAPTURE(lambda);
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.wip_mean; }), rho / (1 - rho), "L");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.lead_time_mean_s; }), 1 / (mu - lambda), "W");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].busy_fraction; }), rho, "rho");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.throughput_per_s; }), lambda, "throughput");
  // FCFS M/M/1: the time in system is exponential with rate mu - lambda.
  for (const double p : {0.5, 0.9}) {
    const double exact = -std::log(1.0 - p) / (mu - lambda);
    const auto sim = over_replications(r, [p](const ReplicationResult& x) { return p == 0.5 ? x.lead_time_p50_s : x.lead_time_p90_s; });
    INFO("lead-time quantile " << p << ": " << sim.mean << " vs " << exact);
    CHECK(std::abs(sim.mean - exact) <= 4 * sim.standard_error() + exact / 64.0);
  }
  CHECK(find_kpi(r, "arrival_loss_fraction").value.mean == 0.0);
}

TEST_CASE("M/M/1/K: blocking probability, number in system, time in system", "[production_line][queueing]") {
  const double lambda = GENERATE(0.9, 1.3), mu = 1.0;
  const int K = 5;  // the machine plus a buffer of 4
  const double rho = lambda / mu;
  std::vector<double> p(K + 1);
  double norm = 0.0;
  for (int n = 0; n <= K; ++n) norm += (p[n] = std::pow(rho, n));
  double L = 0.0;
  for (int n = 0; n <= K; ++n) L += n * (p[n] /= norm);
  const double W = L / (lambda * (1.0 - p[K]));  // Little's law over the admitted arrivals

  const auto r = pl::run_line(single_queue(lambda, mu, K - 1, 1e5, 16), 77);
  line_test::check_little(r);
  CAPTURE(lambda, p[K], L, W);
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.arrival_loss_fraction; }), p[K], "P_K");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.wip_mean; }), L, "L");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.lead_time_mean_s; }), W, "W");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].busy_fraction; }), 1 - p[0], "busy");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].buffer_mean; }),
               L - (1 - p[0]), "buffer");
}

TEST_CASE("Two exponential machines with a finite buffer: throughput, blocking, starvation",
          "[production_line][queueing]") {
  struct Case {
    double mu1, mu2;
    int buffer;
  };
  const auto c = GENERATE(Case{1.0, 1.25, 2}, Case{1.3, 1.0, 0}, Case{1.0, 1.0, 5});
  // n = parts downstream of machine 1 (buffer + the one at machine 2 + the one machine 1 holds blocked),
  // n = 0 .. N + 2; births at mu1 while machine 1 works (n <= N + 1), deaths at mu2 while machine 2 works
  // (n >= 1): pi_n proportional to (mu1/mu2)^n.
  const int top = c.buffer + 2;
  std::vector<double> pi(static_cast<std::size_t>(top + 1));
  double norm = 0.0;
  for (int n = 0; n <= top; ++n) norm += (pi[n] = std::pow(c.mu1 / c.mu2, n));
  double buffer_mean = 0.0;
  for (int n = 0; n <= top; ++n) buffer_mean += (pi[n] /= norm) * (n == 0 ? 0 : std::min(n - 1, c.buffer));
  const double throughput = c.mu2 * (1.0 - pi[0]);

  auto config = line_test::line({line_test::station("M1", DistributionSpec::exponential(1.0 / c.mu1), {"M2"}),
                                 line_test::station("M2", DistributionSpec::exponential(1.0 / c.mu2), {}, c.buffer)},
                                {"M1"}, 1000.0, 5e4, 24);
  const auto r = pl::run_line(config, static_cast<std::uint64_t>(1000 * c.mu1 + 10 * c.mu2 + c.buffer));
  line_test::check_little(r);
  CAPTURE(c.mu1, c.mu2, c.buffer);
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.throughput_per_s; }), throughput, "throughput");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].blocked_fraction; }), pi[top], "blocked");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[1].starved_fraction; }), pi[0], "starved");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[1].buffer_mean; }), buffer_mean, "buffer");
  CHECK(r.per_replication[0].stations[0].starved_fraction == 0.0);  // unlimited raw material
}
