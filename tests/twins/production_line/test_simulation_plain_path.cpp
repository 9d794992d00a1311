// Tests the engine's compile-time fast path for plain lines (LineSimulation::event_loop<true>, in
// twins/production_line/simulation_flow.cpp): a replication of a plain line must give bit-for-bit the same
// results on the fast path as on the general path. The general path is forced by asking for an event
// log (the fast path has no logging), so the same binary runs both; comparisons are exact (==), because
// both paths make the same random draws in the same order and the same floating-point operations.
#include <catch2/catch.hpp>

#include "line_test_support.hpp"
#include "twins/production_line/compiled_line.hpp"

namespace pl = twinlab::twins::production_line;
using pl::DistributionSpec;

namespace {

void require_same(const pl::ReplicationResult& a, const pl::ReplicationResult& b) {
  REQUIRE(a.events == b.events);
  REQUIRE(a.operations == b.operations);
  REQUIRE(a.good_parts == b.good_parts);
  REQUIRE(a.wip_mean == b.wip_mean);
  REQUIRE(a.lead_time_mean_s == b.lead_time_mean_s);
  REQUIRE(a.lead_time_p99_s == b.lead_time_p99_s);
  REQUIRE(a.energy_J == b.energy_J);
  REQUIRE(a.little_boundary_correction == b.little_boundary_correction);
  REQUIRE(a.arrivals_lost == b.arrivals_lost);
  REQUIRE(a.stations.size() == b.stations.size());
  for (std::size_t s = 0; s < a.stations.size(); ++s) {
    CAPTURE(s);
    REQUIRE(a.stations[s].operations == b.stations[s].operations);
    REQUIRE(a.stations[s].busy_fraction == b.stations[s].busy_fraction);
    REQUIRE(a.stations[s].blocked_fraction == b.stations[s].blocked_fraction);
    REQUIRE(a.stations[s].starved_fraction == b.stations[s].starved_fraction);
    REQUIRE(a.stations[s].buffer_mean == b.stations[s].buffer_mean);
  }
  REQUIRE(a.series.wip == b.series.wip);
  REQUIRE(a.series.throughput_per_s == b.series.throughput_per_s);
}

pl::LineConfig plain_line(int buffer, bool arrivals) {
  auto a = line_test::station("A", DistributionSpec::exponential(1.0), {"B"}, buffer);
  auto b = line_test::station("B", DistributionSpec::uniform(0.4, 1.6), {"C"}, buffer);
  b.machines = 2;
  auto c = line_test::station("C", DistributionSpec::exponential(1.1), {}, buffer);
  auto config = line_test::line({a, b, c}, {"A"}, 200.0, 5e3, 1);
  config.run.time_series_interval_s = 500.0;
  if (arrivals) {
    config.source.kind = pl::SourceKind::Arrivals;
    config.source.interarrival_time = DistributionSpec::exponential(1.05);
  }
  return config;
}

}  // namespace

TEST_CASE("The plain-line fast path gives exactly the general path's results", "[production_line][plain]") {
  const int buffer = GENERATE(0, 1, 5);  // capacity 0 exercises the direct hand-over from a blocked machine
  const bool arrivals = GENERATE(false, true);
  CAPTURE(buffer, arrivals);
  const pl::CompiledLine line = pl::compile_line(plain_line(buffer, arrivals));
  std::vector<pl::EventRecord> log;
  const pl::ReplicationResult general = pl::run_replication(line, 77, &log, 1u << 30);
  const pl::ReplicationResult fast = pl::run_replication(line, 77);
  REQUIRE(log.size() > 1000);  // the general path really ran (it logged the whole replication)
  REQUIRE(fast.operations > 1000.0);
  require_same(fast, general);
}
