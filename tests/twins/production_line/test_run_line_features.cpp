// Tests the line features of run_line that the queueing tests do not reach: assembly, routing splits,
// rework, shifts, wear-driven failures and quality, the bottleneck, and the event log. Deterministic
// cases are checked exactly (to a part at the window's end); random ones to 4 standard errors, binomial
// where the count is binomial.
#include <catch2/catch.hpp>

#include <cmath>

#include "line_test_support.hpp"

namespace pl = twinlab::twins::production_line;
using line_test::check_within;
using line_test::over_replications;
using pl::DistributionSpec;
using pl::ReplicationResult;

TEST_CASE("Assembly takes one part from each branch", "[production_line][features]") {
  auto a = line_test::station("Frame", DistributionSpec::deterministic(1.0), {"Join"});
  auto b = line_test::station("Motor", DistributionSpec::deterministic(2.0), {"Join"});
  auto j = line_test::station("Join", DistributionSpec::deterministic(0.5), {}, 2);
  j.assembly = true;
  const int capacity = GENERATE(0, 2);
  j.buffer_capacity = capacity;
  const auto r = pl::run_line(line_test::line({a, b, j}, {"Frame", "Motor"}, 100.0, 1e4, 1), 3);
  line_test::check_little(r);
  const auto& rep = r.per_replication[0];
  CAPTURE(capacity);
  CHECK(std::abs(rep.good_parts - 5000.0) <= 1.0);  // the motor branch paces the line: 1 per 2 s
  CHECK(rep.stations[0].blocked_fraction == Approx(0.5).margin(1e-3));
  CHECK(rep.stations[1].blocked_fraction == Approx(0.0).margin(1e-3));
  CHECK(rep.stations[2].busy_fraction == Approx(0.25).margin(1e-3));
  // Every assembly ends one component's job; the assembly leaves at the sink: two departures per product.
  CHECK(rep.little_departure_rate_per_s == Approx(2.0 * rep.throughput_per_s).epsilon(1e-3));
}

TEST_CASE("Routing splits follow their probabilities", "[production_line][features]") {
  auto s1 = line_test::station("Sort", DistributionSpec::exponential(1.0), {"Left", "Right"});
  s1.next[0].probability = 0.3;
  s1.next[1].probability = 0.7;
  auto left = line_test::station("Left", DistributionSpec::exponential(0.5), {}, pl::kUnlimitedCapacity);
  auto right = line_test::station("Right", DistributionSpec::exponential(0.5), {}, pl::kUnlimitedCapacity);
  const auto r = pl::run_line(line_test::line({s1, left, right}, {"Sort"}, 100.0, 2e4, 8), 8);
  line_test::check_little(r);
  for (const auto& rep : r.per_replication) {
    // Each part goes left with probability 0.3: binomial count (up to the few parts still queued).
    const double n = rep.stations[0].operations, k = rep.stations[1].operations;
    CHECK(std::abs(k - 0.3 * n) <= 4.0 * std::sqrt(n * 0.3 * 0.7) + 10.0);
    CHECK(std::abs(rep.stations[1].operations + rep.stations[2].operations - n) <= 10.0);
  }
}

TEST_CASE("Arrivals split between fed stations by probability", "[production_line][features]") {
  auto c = line_test::line({line_test::station("P", DistributionSpec::exponential(1.0), {}, pl::kUnlimitedCapacity),
                            line_test::station("Q", DistributionSpec::exponential(1.0), {}, pl::kUnlimitedCapacity)},
                           {"P", "Q"}, 100.0, 2e4, 4);
  c.source.kind = pl::SourceKind::Arrivals;
  c.source.interarrival_time = DistributionSpec::exponential(1.0);
  c.source.feeds[0].probability = 0.25;
  c.source.feeds[1].probability = 0.75;
  const auto r = pl::run_line(c, 10);
  line_test::check_little(r);
  for (const auto& rep : r.per_replication) {
    const double n = rep.arrivals, k = rep.stations[0].operations;
    CHECK(std::abs(k - 0.25 * n) <= 4.0 * std::sqrt(n * 0.25 * 0.75) + 10.0);
  }
}

TEST_CASE("Rework repeats operations, scrap removes parts", "[production_line][features]") {
  const auto handling = GENERATE(pl::DefectHandling::Rework, pl::DefectHandling::Scrap);
  auto s = line_test::station("Coat", DistributionSpec::deterministic(1.0));
  s.quality.defect_probability = 0.2;
  s.quality.handling = handling;
  const auto r = pl::run_line(line_test::line({s}, {"Coat"}, 0.0, 5e4, 4), 12);
  line_test::check_little(r);
  for (const auto& rep : r.per_replication) {
    const double n = rep.stations[0].operations;
    CHECK(n == 5e4);
    // Each operation is good with probability 0.8 (binomial); reworks stay on the machine, scrap leaves.
    CHECK(std::abs(rep.stations[0].good_operations - 0.8 * n) <= 4.0 * std::sqrt(n * 0.16));
    CHECK(rep.good_parts == rep.stations[0].good_operations);
    if (handling == pl::DefectHandling::Rework) {
      CHECK(rep.scrapped_parts == 0.0);
      CHECK(rep.quality == 1.0);
    } else {
      CHECK(rep.scrapped_parts == n - rep.good_parts);
      CHECK(rep.quality == Approx(rep.good_parts / n));
    }
  }
}

TEST_CASE("Shifts freeze the line: same working-time dynamics, longer calendar lead times, off power",
          "[production_line][features]") {
  auto a = line_test::station("Mill", DistributionSpec::exponential(50.0), {"Drill"});
  a.failure.basis = pl::FailureBasis::Time;
  a.failure.life = DistributionSpec::exponential(3000.0);
  a.failure.time_to_repair = DistributionSpec::exponential(300.0);
  a.power = {40.0, 500.0, 3000.0, 200.0, 500.0};
  auto b = line_test::station("Drill", DistributionSpec::exponential(45.0), {}, 5);
  b.power = {20.0, 200.0, 1500.0, 100.0, 200.0};
  const double working_s = 10 * 57600.0;  // ten days of two 8-hour shifts
  auto always = line_test::line({a, b}, {"Mill"}, 0.0, working_s, 3);
  auto shifted = always;
  shifted.run.horizon_s = 10 * 86400.0;
  shifted.shifts.period_s = 86400.0;
  shifted.shifts.windows = {{21600.0, 50400.0}, {50400.0, 79200.0}};
  const auto x = pl::run_line(always, 5), y = pl::run_line(shifted, 5);
  line_test::check_little(x);
  line_test::check_little(y);
  for (std::size_t i = 0; i < x.per_replication.size(); ++i) {
    const auto& p = x.per_replication[i];
    const auto& q = y.per_replication[i];
    CHECK(q.planned_time_s == working_s);
    CHECK(q.good_parts == p.good_parts);
    CHECK(q.throughput_per_s == p.throughput_per_s);
    CHECK(q.wip_mean == Approx(p.wip_mean).epsilon(1e-12));
    CHECK(q.stations[0].down_fraction == p.stations[0].down_fraction);
    CHECK(q.lead_time_mean_s > p.lead_time_mean_s);  // parts wait overnight
    // Off-shift: 8 h a day for ten days at 40 W + 20 W.
    CHECK(q.energy_J - p.energy_J == Approx(10 * 28800.0 * 60.0).epsilon(1e-9));
  }
}

TEST_CASE("Wear-based failures follow the wear life and quality falls with wear", "[production_line][features]") {
  // Wear grows 0.002 per busy second; the tool fails at a Weibull(2, 0.5) wear level, i.e. after a
  // Weibull(2, 250 s) busy time X, taking effect at the start of the operation after ceil(X) unit
  // operations. Renewal cycle: E[ceil(X)] + MTTR, with E[ceil(X)] = sum_k P(X > k).
  auto s = line_test::station("Drill", DistributionSpec::deterministic(1.0));
  s.wear.rate_1_s = 0.002;
  s.failure.basis = pl::FailureBasis::Wear;
  s.failure.life = DistributionSpec::weibull(2.0, 0.5);
  s.failure.time_to_repair = DistributionSpec::deterministic(20.0);
  s.quality.defect_probability_per_wear = 0.2;
  const auto r = pl::run_line(line_test::line({s}, {"Drill"}, 0.0, 3e5, 10), 31);
  line_test::check_little(r);
  double ops_to_failure = 0.0;
  for (int k = 0; k < 5000; ++k) ops_to_failure += std::exp(-std::pow(k / 250.0, 2.0));
  check_within(over_replications(r, [](const ReplicationResult& x) { return x.failures / x.planned_time_s; }),
               1.0 / (ops_to_failure + 20.0), "failure rate");
  // Defect probability 0.2 w; the wear of the k-th operation of a cycle is 0.002 k.
  const auto q = over_replications(r, [](const ReplicationResult& x) { return x.stations[0].quality; });
  CHECK(q.mean < 1.0);
  CHECK(q.mean > 1.0 - 0.2 * 0.002 * 1000.0);
}

TEST_CASE("The bottleneck is the most active station", "[production_line][features]") {
  auto config = line_test::line({line_test::station("A", DistributionSpec::exponential(1.0), {"B"}),
                                 line_test::station("B", DistributionSpec::exponential(1.4), {"C"}),
                                 line_test::station("C", DistributionSpec::exponential(0.9), {})},
                                {"A"}, 100.0, 2e4, 4);
  const auto r = pl::run_line(config, 1);
  line_test::check_little(r);
  CHECK(r.bottleneck_station == 1);
  CHECK(r.stations.bottleneck_share[1] == 1.0);
  CHECK(r.stations.names == std::vector<std::string>{"A", "B", "C"});
  CHECK(r.stations.buffer_capacity[0] == -1);  // fed by the unlimited source
  CHECK(find_kpi(r, "availability").value.mean == 1.0);
  CHECK(find_kpi(r, "performance").value.mean == Approx(r.per_replication[0].stations[1].busy_fraction).margin(0.05));
}

TEST_CASE("The event log records the first events of replication 0", "[production_line][features]") {
  auto s = line_test::station("A", DistributionSpec::exponential(1.0), {"B"});
  s.failure.basis = pl::FailureBasis::Operation;
  s.failure.life = DistributionSpec::exponential(20.0);
  s.failure.time_to_repair = DistributionSpec::exponential(5.0);
  auto config = line_test::line({s, line_test::station("B", DistributionSpec::exponential(1.0), {}, 1)}, {"A"}, 0.0, 1e3, 2);
  config.run.event_log_max = 400;
  const auto r = pl::run_line(config, 4);
  REQUIRE(r.event_log.size() == 400);
  CHECK(r.event_log.front().kind == pl::EventKind::Start);
  CHECK(r.event_log.front().station == 0);
  bool failure = false, blocked = false, exit = false;
  for (std::size_t i = 1; i < r.event_log.size(); ++i) {
    REQUIRE(r.event_log[i].time_s >= r.event_log[i - 1].time_s);
    failure |= r.event_log[i].kind == pl::EventKind::Failure;
    blocked |= r.event_log[i].kind == pl::EventKind::Blocked;
    exit |= r.event_log[i].kind == pl::EventKind::Exit && r.event_log[i].station == 1;
  }
  CHECK(failure);
  CHECK(blocked);
  CHECK(exit);
  CHECK(pl::event_kind_name(pl::EventKind::RepairEnd) == "repair_end");
}
