// Tests pull control (twins/production_line/simulation_pull.cpp) against exact results:
// - CONWIP over a serial line of exponential single-server stations is a closed cyclic product-form
//   network with N = cards jobs (a free card waits at the first station as a job in its queue): exact
//   mean-value analysis (MVA, computed here) gives throughput and mean jobs per station.
// - Kanban on two exponential stations: a continuous-time Markov chain built here from the documented
//   card rules (independently of the engine's code) and solved with Eigen.
// - Non-binding cards leave the results bit-for-bit those of push; base stock keeps its invariant.
// Tolerances: 4 standard errors of the replication mean (line_test::check_within: a false failure has
// probability ~1e-3 per check with 16 replications, Student-t tails included). With 16 replications of
// 2e5 s the standard errors are ~0.2-0.5 % of the figures, so a wrong card rule (e.g. a card given back
// when a part enters the next buffer instead of when it starts there) moves them by many standard errors.
#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <array>
#include <cmath>
#include <map>
#include <vector>

#include "line_test_support.hpp"

namespace pl = twinlab::twins::production_line;
using line_test::check_within;
using line_test::over_replications;
using pl::DistributionSpec;
using pl::ReplicationResult;

namespace {

struct Mva {
  double throughput = 0.0;
  std::vector<double> jobs;  // mean jobs (queue + in service) per station
};

// Exact MVA of a closed cyclic network of single-server FCFS exponential stations (visit ratio 1 each):
// R_i(n) = s_i (1 + L_i(n-1)), X(n) = n / sum_i R_i(n), L_i(n) = X(n) R_i(n).
Mva mean_value_analysis(const std::vector<double>& service_s, int jobs) {
  Mva m;
  m.jobs.assign(service_s.size(), 0.0);
  for (int n = 1; n <= jobs; ++n) {
    std::vector<double> r(service_s.size());
    double total = 0.0;
    for (std::size_t i = 0; i < r.size(); ++i) total += (r[i] = service_s[i] * (1.0 + m.jobs[i]));
    m.throughput = n / total;
    for (std::size_t i = 0; i < r.size(); ++i) m.jobs[i] = m.throughput * r[i];
  }
  return m;
}

pl::LineConfig conwip_line(const std::vector<double>& service_s, int cards) {
  std::vector<pl::StationConfig> stations;
  for (std::size_t i = 0; i < service_s.size(); ++i) {
    std::vector<std::string> next;
    if (i + 1 < service_s.size()) next.push_back("S" + std::to_string(i + 1));
    stations.push_back(line_test::station("S" + std::to_string(i), DistributionSpec::exponential(service_s[i]), next,
                                          pl::kUnlimitedCapacity));
  }
  auto c = line_test::line(stations, {"S0"}, 2000.0, 2e5, 16);
  c.pull.policy = pl::PullPolicy::Conwip;
  c.pull.conwip_cards = cards;
  return c;
}

}  // namespace

TEST_CASE("CONWIP line of exponential stations matches exact mean-value analysis", "[production_line][pull]") {
  const std::vector<double> service_s = {1.0, 1.25, 0.8};
  const int cards = GENERATE(1, 3, 6);
  const Mva exact = mean_value_analysis(service_s, cards);
  const auto r = pl::run_line(conwip_line(service_s, cards), 515);
  line_test::check_little(r);
  CAPTURE(cards, exact.throughput, exact.jobs[0], exact.jobs[1], exact.jobs[2]);
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.throughput_per_s; }), exact.throughput,
               "throughput");
  // Station i > 0: its buffer plus the part in service (one machine, unlimited buffers: no blocking).
  for (std::size_t i = 1; i < service_s.size(); ++i) {
    const auto sim = over_replications(r, [i](const ReplicationResult& x) {
      return x.stations[i].buffer_mean + x.stations[i].busy_fraction;
    });
    INFO("station " << i);
    check_within(sim, exact.jobs[i], "jobs at station");
  }
  // Station 0 (raw supply): free cards are the jobs waiting in its queue, so jobs = cards - WIP + busy.
  check_within(over_replications(r, [cards](const ReplicationResult& x) {
                 return cards - x.wip_mean + x.stations[0].busy_fraction;
               }),
               exact.jobs[0], "jobs at station 0");
  // The card count bounds the parts in the line at every instant.
  for (const auto& rep : r.per_replication) CHECK(rep.wip_mean <= cards + 1e-9);
}

namespace {

// The two-station kanban line as a continuous-time Markov chain. Station 1 is fed by Poisson arrivals
// (rate lambda, input buffer K0, an arrival finding it full is lost) or by raw supply; station 2 has an
// input buffer of capacity c (blocking after service) and sends parts to the sink. One kanban loop of
// `cards` cards covers station 1 only (a card is given back when station 2 starts the part) or stations
// 1..2 (given back when the part leaves station 2).
struct KanbanCase {
  bool arrivals;
  double lambda, mu1, mu2;
  int k0, c, cards;
  bool loop_covers_both;
};

struct State {
  int n0 = 0;  // parts in station 1's input buffer
  int s1 = 0;  // station 1: 0 idle, 1 busy, 2 blocked
  int q = 0;   // parts in station 2's input buffer
  int s2 = 0;  // station 2: 0 idle, 1 busy
  auto key() const { return std::array<int, 4>{n0, s1, q, s2}; }
};

int cards_used(const KanbanCase& k, const State& s) { return (s.s1 != 0) + s.q + (k.loop_covers_both ? s.s2 : 0); }

// Applies the immediate moves until none is left (the documented rules: an idle machine takes a part,
// station 1 only with a free card; a blocked part moves on when station 2 takes one).
State settle(const KanbanCase& k, State s) {
  for (bool moved = true; moved;) {
    moved = false;
    if (s.s2 == 0 && s.q > 0) {
      --s.q;
      s.s2 = 1;
      if (s.s1 == 2) {
        ++s.q;
        s.s1 = 0;
      }
      moved = true;
    } else if (s.s2 == 0 && s.s1 == 2) {
      s.s2 = 1;
      s.s1 = 0;
      moved = true;
    }
    if (s.s1 == 0 && (!k.arrivals || s.n0 > 0) && cards_used(k, s) < k.cards) {
      s.s1 = 1;
      if (k.arrivals) --s.n0;
      moved = true;
    }
  }
  return s;
}

std::vector<std::pair<double, State>> transitions(const KanbanCase& k, const State& s) {
  std::vector<std::pair<double, State>> out;
  if (k.arrivals && s.n0 < k.k0) {
    State t = s;
    ++t.n0;
    out.push_back({k.lambda, settle(k, t)});
  }
  if (s.s1 == 1) {
    State t = s;
    if (t.s2 == 0) {
      t.s2 = 1;
      t.s1 = 0;
    } else if (t.q < k.c) {
      ++t.q;
      t.s1 = 0;
    } else {
      t.s1 = 2;
    }
    out.push_back({k.mu1, settle(k, t)});
  }
  if (s.s2 == 1) {
    State t = s;
    t.s2 = 0;
    out.push_back({k.mu2, settle(k, t)});
  }
  return out;
}

struct Chain {
  std::vector<State> states;
  Eigen::VectorXd pi;
};

Chain solve_chain(const KanbanCase& k) {
  Chain chain;
  std::map<std::array<int, 4>, int> index;
  std::vector<State> todo = {settle(k, State{})};
  index[todo.front().key()] = 0;
  chain.states.push_back(todo.front());
  std::vector<std::tuple<int, int, double>> rates;
  while (!todo.empty()) {
    const State s = todo.back();
    todo.pop_back();
    const int from = index.at(s.key());
    for (const auto& [rate, t] : transitions(k, s)) {
      auto [it, fresh] = index.emplace(t.key(), static_cast<int>(chain.states.size()));
      if (fresh) {
        chain.states.push_back(t);
        todo.push_back(t);
      }
      rates.emplace_back(from, it->second, rate);
    }
  }
  const auto n = static_cast<Eigen::Index>(chain.states.size());
  Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(n, n);
  for (const auto& [i, j, rate] : rates) {
    if (i == j) continue;
    Q(i, j) += rate;
    Q(i, i) -= rate;
  }
  // pi Q = 0 with sum pi = 1: transpose, replace the last balance equation by the normalisation.
  Eigen::MatrixXd A = Q.transpose();
  A.row(n - 1).setOnes();
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
  b(n - 1) = 1.0;
  chain.pi = A.fullPivLu().solve(b);
  return chain;
}

template <class F>
double expect(const Chain& chain, F&& f) {
  double sum = 0.0;
  for (std::size_t i = 0; i < chain.states.size(); ++i) sum += chain.pi(static_cast<Eigen::Index>(i)) * f(chain.states[i]);
  return sum;
}

}  // namespace

TEST_CASE("Two-station kanban line matches its exact Markov chain", "[production_line][pull]") {
  const auto k = GENERATE(KanbanCase{true, 0.8, 1.5, 1.2, 3, 0, 2, true},     // arrivals, loop over both, c = 0
                          KanbanCase{false, 0.0, 1.3, 1.0, 0, 3, 1, false},  // raw supply, one card on station 1
                          KanbanCase{true, 0.9, 1.0, 1.4, 2, 1, 2, false});  // arrivals, buffer of 1, 2 cards
  const Chain chain = solve_chain(k);
  REQUIRE((chain.pi.array() >= -1e-12).all());
  REQUIRE(std::abs(chain.pi.sum() - 1.0) < 1e-9);

  auto s1 = line_test::station("A", DistributionSpec::exponential(1.0 / k.mu1), {"B"}, k.arrivals ? k.k0 : 10);
  auto s2 = line_test::station("B", DistributionSpec::exponential(1.0 / k.mu2), {}, k.c);
  auto config = line_test::line({s1, s2}, {"A"}, 2000.0, 2e5, 16);
  if (k.arrivals) {
    config.source.kind = pl::SourceKind::Arrivals;
    config.source.interarrival_time = DistributionSpec::exponential(1.0 / k.lambda);
  }
  config.pull.policy = pl::PullPolicy::Kanban;
  config.pull.kanban = {{"A", k.loop_covers_both ? "B" : "A", k.cards}};
  const auto r = pl::run_line(config, 4242);
  line_test::check_little(r);

  const double throughput = k.mu2 * expect(chain, [](const State& s) { return s.s2 == 1; });
  const double busy1 = expect(chain, [](const State& s) { return s.s1 == 1; });
  const double blocked1 = expect(chain, [](const State& s) { return s.s1 == 2; });
  const double buffer1 = expect(chain, [](const State& s) { return s.n0; });
  const double buffer2 = expect(chain, [](const State& s) { return s.q; });
  CAPTURE(chain.states.size(), throughput, busy1, blocked1, buffer1, buffer2);
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.throughput_per_s; }), throughput, "throughput");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].busy_fraction; }), busy1, "busy A");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].blocked_fraction; }), blocked1,
               "blocked A");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[1].buffer_mean; }), buffer2,
               "buffer B");
  if (k.arrivals) {
    check_within(over_replications(r, [](const ReplicationResult& x) { return x.stations[0].buffer_mean; }), buffer1,
                 "buffer A");
    // PASTA: an arrival is lost with the probability that station 1's buffer is full.
    const double lost = expect(chain, [&](const State& s) { return s.n0 == k.k0; });
    check_within(over_replications(r, [](const ReplicationResult& x) { return x.arrival_loss_fraction; }), lost, "lost");
  }
}

TEST_CASE("Cards that never bind leave the results of push unchanged, bit for bit", "[production_line][pull]") {
  // Buffers 2 + 3 and one machine per station: at most 3 + 2 + 3 parts in the line (raw supply at the first),
  // at most 1 + 2 + 1 + 3 in the loop A..B (its parts keep their card in C's buffer).
  auto a = line_test::station("A", DistributionSpec::exponential(1.0), {"B"});
  auto b = line_test::station("B", DistributionSpec::lognormal(1.1, 0.5), {"C"}, 2);
  auto c = line_test::station("C", DistributionSpec::exponential(0.9), {}, 3);
  const auto push = line_test::line({a, b, c}, {"A"}, 100.0, 2e4, 3);
  auto conwip = push;
  conwip.pull.policy = pl::PullPolicy::Conwip;
  conwip.pull.conwip_cards = 8;
  auto kanban = push;
  kanban.pull.policy = pl::PullPolicy::Kanban;
  kanban.pull.kanban = {{"A", "B", 7}, {"C", "C", 1}};
  const auto p = pl::run_line(push, 9);
  for (const auto* pulled : {&conwip, &kanban}) {
    const auto q = pl::run_line(*pulled, 9);
    for (std::size_t i = 0; i < p.kpis.size(); ++i) {
      INFO(p.kpis[i].name);
      CHECK(q.kpis[i].per_replication == p.kpis[i].per_replication);
    }
  }
  // One card fewer than the line can hold binds: fewer parts in the line.
  conwip.pull.conwip_cards = 4;
  CHECK(pl::run_line(conwip, 9).per_replication[0].wip_mean < p.per_replication[0].wip_mean - 0.5);
}

TEST_CASE("Base stock: each demand releases a part, with stock, backorders and fill rate", "[production_line][pull]") {
  // One exponential machine fed by Poisson demands, unlimited buffer: an M/M/1 queue whose number in
  // system N gives the stock max(S - N, 0) and the backorders max(N - S, 0); P(N = n) = (1 - rho) rho^n.
  const double lambda = 0.6, mu = 1.0, rho = lambda / mu;
  const int S = 3;
  auto m = line_test::station("M", DistributionSpec::exponential(1.0 / mu), {}, pl::kUnlimitedCapacity);
  auto config = line_test::line({m}, {"M"}, 2000.0, 2e5, 16);
  config.source.kind = pl::SourceKind::Arrivals;
  config.source.interarrival_time = DistributionSpec::exponential(1.0 / lambda);
  config.pull.policy = pl::PullPolicy::BaseStock;
  config.pull.base_stock = S;
  double stock = 0.0, backorders = 0.0, fill = 0.0;
  for (int n = 0; n < 400; ++n) {
    const double p = (1 - rho) * std::pow(rho, n);
    stock += p * std::max(S - n, 0);
    backorders += p * std::max(n - S, 0);
    if (n < S) fill += p;  // PASTA: a demand finds stock when fewer than S are in the system
  }
  const auto r = pl::run_line(config, 31);
  line_test::check_little(r);
  CAPTURE(stock, backorders, fill);
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.finished_goods_mean; }), stock, "stock");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.backorders_mean; }), backorders, "backorders");
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.fill_rate; }), fill, "fill rate");
  CHECK_NOTHROW(find_kpi(r, "fill_rate"));
}
