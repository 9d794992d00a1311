// Tests the reproducibility contract of run_line: same seed, same results (whatever the thread count);
// different seeds, different results; and common random numbers: a station's random numbers do not depend
// on the rest of the line, so a what-if on one station leaves another, unaffected station's draws alone.
#include <catch2/catch.hpp>

#include "line_test_support.hpp"

namespace pl = twinlab::twins::production_line;
using pl::DistributionSpec;

namespace {
pl::LineConfig busy_line() {
  auto a = line_test::station("Cut", DistributionSpec::exponential(1.0), {"Weld"});
  a.failure.basis = pl::FailureBasis::Time;
  a.failure.life = DistributionSpec::weibull(1.5, 300.0);
  a.failure.time_to_repair = DistributionSpec::lognormal(20.0, 10.0);
  auto b = line_test::station("Weld", DistributionSpec::normal(1.1, 0.3), {"Paint", "Pack"}, 3);
  b.next[0].probability = 0.4;
  b.next[1].probability = 0.6;
  b.quality.defect_probability = 0.02;
  auto c = line_test::station("Paint", DistributionSpec::uniform(0.5, 2.0), {"Pack"}, 2);
  auto d = line_test::station("Pack", DistributionSpec::exponential(0.8), {}, 4);
  d.machines = 2;
  return line_test::line({a, b, c, d}, {"Cut"}, 500.0, 2e4, 4);
}

void require_identical(const pl::LineResult& x, const pl::LineResult& y) {
  REQUIRE(x.per_replication.size() == y.per_replication.size());
  for (std::size_t i = 0; i < x.per_replication.size(); ++i) {
    const auto& a = x.per_replication[i];
    const auto& b = y.per_replication[i];
    REQUIRE(a.good_parts == b.good_parts);
    REQUIRE(a.wip_mean == b.wip_mean);
    REQUIRE(a.lead_time_p90_s == b.lead_time_p90_s);
    REQUIRE(a.failures == b.failures);
    REQUIRE(a.events == b.events);
    for (std::size_t s = 0; s < a.stations.size(); ++s) REQUIRE(a.stations[s].blocked_fraction == b.stations[s].blocked_fraction);
  }
}
}  // namespace

TEST_CASE("Same seed gives the same results, on any number of threads", "[production_line][determinism]") {
  const auto config = busy_line();
  const auto first = pl::run_line(config, 123);
  line_test::check_little(first);
  require_identical(first, pl::run_line(config, 123));
  require_identical(first, pl::run_line(config, 123, 2));
}

TEST_CASE("Different seeds and different replications give different results", "[production_line][determinism]") {
  const auto config = busy_line();
  const auto a = pl::run_line(config, 1), b = pl::run_line(config, 2);
  CHECK(a.per_replication[0].good_parts != b.per_replication[0].good_parts);
  CHECK(a.per_replication[0].wip_mean != b.per_replication[0].wip_mean);
  CHECK(a.per_replication[0].wip_mean != a.per_replication[1].wip_mean);
  CHECK(a.per_replication[0].seed != a.per_replication[1].seed);
}

TEST_CASE("Common random numbers: a what-if downstream leaves an unaffected station's draws unchanged",
          "[production_line][determinism]") {
  // With an unlimited buffer the first station is never blocked, so its operations depend only on its own
  // random numbers; making the second station slower must not change them.
  auto base = line_test::line({line_test::station("A", DistributionSpec::exponential(1.0), {"B"}),
                               line_test::station("B", DistributionSpec::exponential(0.5), {}, pl::kUnlimitedCapacity)},
                              {"A"}, 0.0, 1e4, 3);
  auto slower = base;
  slower.stations[1].processing_time = DistributionSpec::exponential(0.9);
  slower.stations[1].machines = 2;
  const auto x = pl::run_line(base, 77), y = pl::run_line(slower, 77);
  line_test::check_little(x);
  line_test::check_little(y);
  for (std::size_t i = 0; i < x.per_replication.size(); ++i) {
    CHECK(x.per_replication[i].stations[0].operations == y.per_replication[i].stations[0].operations);
    CHECK(x.per_replication[i].stations[1].busy_fraction != y.per_replication[i].stations[1].busy_fraction);
  }
}
