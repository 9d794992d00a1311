// Tests run_line against the exact Markov chain of the deterministic two-machine line with operation-
// dependent geometric failures and repairs (the Buzacott / Gershwin model), built and solved here.
//
// Model (simulation_flow/failures semantics): unit processing times; a machine's life is a geometric
// number of completed operations, so each new operation start fails with probability p (a resumed one
// cannot fail); a failed machine holds its unstarted part and is repaired at the end of each time unit
// with probability r, then resumes; blocking after service; machine 1 never starves. All events fall on
// integer times, so the state at integer times (machine 1: working/blocked/down, machine 2:
// working/starved/down, buffer level 0..N) is a discrete-time Markov chain. Its stationary vector gives the
// throughput, mean buffer level, and blocking and starvation fractions exactly.
// Tolerance: 4 standard errors over 20 replications (see line_test_support.hpp).
#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <cmath>
#include <utility>
#include <vector>

#include "line_test_support.hpp"

namespace pl = twinlab::twins::production_line;
using line_test::check_within;
using line_test::over_replications;
using pl::DistributionSpec;
using pl::ReplicationResult;

namespace {

enum M1 { kWorking1 = 0, kBlocked1 = 1, kDown1 = 2 };
enum M2 { kWorking2 = 0, kStarved2 = 1, kDown2 = 2 };

struct Exact {
  double throughput = 0, buffer_mean = 0, blocked = 0, starved = 0, down1 = 0, down2 = 0;
};

Exact solve_chain(double p1, double r1, double p2, double r2, int N) {
  const int levels = N + 1, n = 9 * levels;
  auto index = [levels](int m1, int m2, int b) { return (m1 * 3 + m2) * levels + b; };
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(n, n);
  for (int m1 = 0; m1 < 3; ++m1)
    for (int m2 = 0; m2 < 3; ++m2)
      for (int b = 0; b <= N; ++b)
        for (int rep1 = 0; rep1 < (m1 == kDown1 ? 2 : 1); ++rep1)
          for (int rep2 = 0; rep2 < (m2 == kDown2 ? 2 : 1); ++rep2) {
            double w = 1.0;
            int n1 = m1, n2 = m2, nb = b;
            if (m1 == kDown1) {  // repaired at the end of this unit: resumes (cannot fail)
              w *= rep1 ? r1 : 1 - r1;
              n1 = rep1 ? kWorking1 : kDown1;
            }
            if (m2 == kDown2) {
              w *= rep2 ? r2 : 1 - r2;
              n2 = rep2 ? kWorking2 : kDown2;
            }
            bool finished1 = m1 == kWorking1 || m1 == kBlocked1;  // machine 1 holds a finished part
            const bool needs2 = m2 == kWorking2 || m2 == kStarved2;  // machine 2 is free for a part
            bool start1 = false, start2 = false;
            if (needs2) {
              if (nb > 0) {
                --nb;
                start2 = true;
              } else if (finished1) {  // straight from machine 1
                finished1 = false;
                start1 = start2 = true;
              } else {
                n2 = kStarved2;
              }
            }
            if (finished1) {
              if (nb < N) {
                ++nb;
                start1 = true;
              } else {
                n1 = kBlocked1;
              }
            }
            for (int f1 = 0; f1 < (start1 ? 2 : 1); ++f1)
              for (int f2 = 0; f2 < (start2 ? 2 : 1); ++f2) {
                double wf = w;
                int e1 = n1, e2 = n2;
                if (start1) {
                  wf *= f1 ? p1 : 1 - p1;
                  e1 = f1 ? kDown1 : kWorking1;
                }
                if (start2) {
                  wf *= f2 ? p2 : 1 - p2;
                  e2 = f2 ? kDown2 : kWorking2;
                }
                P(index(m1, m2, b), index(e1, e2, nb)) += wf;
              }
          }
  // Rows sum to one; stationary pi: pi P = pi, sum pi = 1 (one equation replaced by the normalisation).
  REQUIRE((P.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
  Eigen::MatrixXd A = P.transpose() - Eigen::MatrixXd::Identity(n, n);
  A.row(0).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
  rhs(0) = 1.0;
  const Eigen::VectorXd pi = A.fullPivLu().solve(rhs);
  REQUIRE((A * pi - rhs).norm() < 1e-10);
  Exact e;
  for (int m1 = 0; m1 < 3; ++m1)
    for (int m2 = 0; m2 < 3; ++m2)
      for (int b = 0; b <= N; ++b) {
        const double x = pi(index(m1, m2, b));
        REQUIRE(x > -1e-12);
        e.throughput += m2 == kWorking2 ? x : 0.0;
        e.buffer_mean += b * x;
        e.blocked += m1 == kBlocked1 ? x : 0.0;
        e.starved += m2 == kStarved2 ? x : 0.0;
        e.down1 += m1 == kDown1 ? x : 0.0;
        e.down2 += m2 == kDown2 ? x : 0.0;
      }
  return e;
}

// Gershwin's own formulation of the deterministic two-machine line (Gershwin 1994, "Manufacturing Systems
// Engineering", ch. 3): state (n, a1, a2) with storage n in 0..N; in each time unit the machines change
// first (an operational machine that is neither blocked, n = N, nor starved, n = 0, fails with probability
// p; a failed one is repaired with probability r), then n changes by [a1' = 1 and n < N] - [a2' = 1 and
// n > 0]. Returns the production rate P(a2 = 1 and n > 0).
double gershwin_throughput(double p1, double r1, double p2, double r2, int N) {
  const int n = 4 * (N + 1);
  auto index = [](int level, int a1, int a2) { return 4 * level + 2 * a1 + a2; };
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(n, n);
  auto next = [](int a, double p, double r, bool can_work) {
    if (a == 0) return std::vector<std::pair<int, double>>{{1, r}, {0, 1 - r}};
    if (!can_work) return std::vector<std::pair<int, double>>{{1, 1.0}};
    return std::vector<std::pair<int, double>>{{0, p}, {1, 1 - p}};
  };
  for (int level = 0; level <= N; ++level)
    for (int a1 = 0; a1 < 2; ++a1)
      for (int a2 = 0; a2 < 2; ++a2)
        for (const auto& [b1, q1] : next(a1, p1, r1, level < N))
          for (const auto& [b2, q2] : next(a2, p2, r2, level > 0)) {
            const int up = b1 == 1 && level < N, down = b2 == 1 && level > 0;
            P(index(level, a1, a2), index(level + up - down, b1, b2)) += q1 * q2;
          }
  Eigen::MatrixXd A = P.transpose() - Eigen::MatrixXd::Identity(n, n);
  A.row(0).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
  rhs(0) = 1.0;
  const Eigen::VectorXd pi = A.fullPivLu().solve(rhs);
  double rate = 0.0;
  for (int level = 1; level <= N; ++level)
    for (int a1 = 0; a1 < 2; ++a1) rate += pi(index(level, a1, 1));
  return rate;
}

pl::StationConfig machine(const std::string& name, double p, double r, std::vector<std::string> next, int buffer) {
  auto s = line_test::station(name, DistributionSpec::deterministic(1.0), std::move(next), buffer);
  s.failure.basis = pl::FailureBasis::Operation;
  s.failure.life = DistributionSpec::geometric(p, 1.0);
  s.failure.time_to_repair = DistributionSpec::geometric(r, 1.0);
  return s;
}

}  // namespace

TEST_CASE("Deterministic two-machine line with geometric failures matches its Markov chain",
          "[production_line][gershwin]") {
  struct Case {
    double p1, r1, p2, r2;
    int N;
  };
  const auto c = GENERATE(Case{0.05, 0.2, 0.04, 0.25, 4}, Case{0.02, 0.1, 0.05, 0.3, 0}, Case{0.1, 0.3, 0.1, 0.3, 10},
                          Case{0.01, 0.05, 0.01, 0.05, 2});
  CAPTURE(c.p1, c.r1, c.p2, c.r2, c.N);
  const Exact exact = solve_chain(c.p1, c.r1, c.p2, c.r2, c.N);
  // Sanity of the chain itself: with independent machines (large buffer) the throughput would tend to the
  // slower isolated efficiency r/(r+p); a finite buffer can only lose production.
  CHECK(exact.throughput <= std::min(c.r1 / (c.r1 + c.p1), c.r2 / (c.r2 + c.p2)) + 1e-12);

  auto config = line_test::line({machine("M1", c.p1, c.r1, {"M2"}, 10), machine("M2", c.p2, c.r2, {}, c.N)}, {"M1"},
                                2000.0, 1e5, 20);
  const auto r = pl::run_line(config, static_cast<std::uint64_t>(1e6 * c.p1 + 1e4 * c.r2 + c.N));
  line_test::check_little(r);
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.throughput_per_s; }), exact.throughput,
               "throughput");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[1].buffer_mean; }),
               exact.buffer_mean, "mean buffer level");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].blocked_fraction; }),
               exact.blocked, "blocking of machine 1");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[1].starved_fraction; }),
               exact.starved, "starvation of machine 2");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].down_fraction; }), exact.down1,
               "machine 1 down");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[1].down_fraction; }), exact.down2,
               "machine 2 down");
}

TEST_CASE("The chain is Gershwin's deterministic two-machine line with N = buffer_capacity + 2",
          "[production_line][gershwin]") {
  // Gershwin's storage N counts the buffer, the part in the downstream machine and the finished part a
  // blocked upstream machine holds: the twin's buffer_capacity + 2 (docs/production_line.md). Both chains
  // are solved exactly; they agree to round-off (1e-12), and N = buffer_capacity + 1 or + 3 does not.
  struct Case {
    double p1, r1, p2, r2;
  };
  const auto c = GENERATE(Case{0.05, 0.2, 0.04, 0.25}, Case{0.02, 0.1, 0.05, 0.3}, Case{0.1, 0.3, 0.1, 0.3});
  const int capacity = GENERATE(0, 1, 4, 10);
  CAPTURE(c.p1, c.r1, c.p2, c.r2, capacity);
  const double twin = solve_chain(c.p1, c.r1, c.p2, c.r2, capacity).throughput;
  CHECK(twin == Approx(gershwin_throughput(c.p1, c.r1, c.p2, c.r2, capacity + 2)).epsilon(0).margin(1e-12));
  CHECK(std::abs(twin - gershwin_throughput(c.p1, c.r1, c.p2, c.r2, capacity + 1)) > 1e-4);
  CHECK(std::abs(twin - gershwin_throughput(c.p1, c.r1, c.p2, c.r2, capacity + 3)) > 1e-4);
}
