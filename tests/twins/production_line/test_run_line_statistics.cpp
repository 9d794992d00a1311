// Tests the line's honest statistics (twins/production_line/kpis.cpp check_warmup, run_line with
// replications: auto): MSER-5 finds a warm-up that is too short and accepts one that is long enough; the
// automatic replication count is the sequential rule's stopping point, independent of the thread count,
// and the cap is reported.
#include <catch2/catch.hpp>

#include <span>
#include <vector>

#include "line_test_support.hpp"
#include "sim/sequential_replications.hpp"

namespace pl = twinlab::twins::production_line;
using pl::DistributionSpec;

namespace {

// Deterministic filling: A (50 s) feeds B (60 s) through a buffer of 100. Started empty, the WIP ramps up by
// one part every 300 s (1/50 - 1/60 parts/s) until the buffer is full at ~30 000 s, then stays flat (A
// blocked): a transient known in closed form, with no noise at all.
pl::LineConfig filling_line(double warmup_s) {
  auto a = line_test::station("A", DistributionSpec::deterministic(50.0), {"B"});
  auto b = line_test::station("B", DistributionSpec::deterministic(60.0), {}, 100);
  return line_test::line({a, b}, {"A"}, warmup_s, 3e5, 3);  // samples every 1500 s
}

const pl::WarmupCheck& check_of(const pl::LineResult& r, const std::string& series) {
  for (const auto& w : r.warmup)
    if (w.series == series) return w;
  FAIL("no warm-up check for " << series);
  throw;
}

}  // namespace

TEST_CASE("Warm-up check: a filling line started empty needs ~30 000 s of warm-up", "[production_line][statistics]") {
  const auto r = pl::run_line(filling_line(0.0), 1);
  REQUIRE(r.warmup.size() == 3);
  const auto& wip = check_of(r, "wip");
  CAPTURE(wip.cut_samples, wip.detected_s, wip.difference);
  CHECK(wip.too_short());
  CHECK(wip.reliable);
  // The ramp ends at ~30 000 s (sample 20); MSER-5 cuts in whole batches of 5 samples (7500 s), so the cut
  // lies between the batch before the end of the ramp and the one after: 22 500 s to 37 500 s.
  CHECK(wip.detected_s >= 22500.0);
  CHECK(wip.detected_s <= 37500.0);
  CHECK(wip.difference < -20.0);  // the ramp's mean WIP is far below the full line's ~102

  const auto long_enough = pl::run_line(filling_line(40000.0), 1);
  CHECK(check_of(long_enough, "wip").cut_samples == 0);
  CHECK_FALSE(check_of(long_enough, "wip").too_short());
}

TEST_CASE("Warm-up check: a stationary line is seldom called too short", "[production_line][statistics]") {
  // M/M/1 at rho = 0.3 after 2000 s of warm-up (relaxation time ~ 1 / (mu (1 - sqrt(rho))^2) = 5.3 s): no
  // transient left. MSER-5 cuts a few batches by chance in about a third of runs; the significance test on
  // the per-replication differences then rejects at the 5 % level (more often, since the cut was chosen
  // on the same data). Over 20 seeds x 3 series at most 6 false alarms are accepted (expected <= ~3).
  int alarms = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto config = line_test::line({line_test::station("M", DistributionSpec::exponential(1.0), {}, pl::kUnlimitedCapacity)},
                                  {"M"}, 2000.0, 2e4, 8);
    config.source.kind = pl::SourceKind::Arrivals;
    config.source.interarrival_time = DistributionSpec::exponential(1.0 / 0.3);
    const auto r = pl::run_line(config, seed);
    for (const auto& w : r.warmup) alarms += w.too_short();
  }
  CHECK(alarms <= 6);
}

TEST_CASE("replications: auto stops where the sequential rule says, on any thread count", "[production_line][statistics]") {
  auto config = line_test::line({line_test::station("M", DistributionSpec::exponential(1.0), {}, pl::kUnlimitedCapacity)},
                                {"M"}, 500.0, 5000.0, 60);
  config.source.kind = pl::SourceKind::Arrivals;
  config.source.interarrival_time = DistributionSpec::exponential(1.0 / 0.7);
  const auto fixed = pl::run_line(config, 99);  // 60 replications, the same seeds as the automatic run's

  std::vector<double> throughput, wip;
  for (const auto& rep : fixed.per_replication) {
    throughput.push_back(rep.throughput_per_s);
    wip.push_back(rep.wip_mean);
  }
  const twinlab::sim::SequentialTarget target{0.03, 0.95, 5, 60};
  const std::size_t expected = twinlab::sim::sequential_stop({throughput, wip}, throughput.size(), target);
  CAPTURE(expected);
  REQUIRE(expected > 5);  // the target is tight enough to need more than the first check

  config.run.replications_auto = true;
  config.run.precision_kpis = {"throughput_per_s", "wip_mean"};
  config.run.precision_relative_half_width = 0.03;
  config.run.min_replications = 5;
  config.run.max_replications = 60;
  for (const int threads : {1, 2, 3}) {
    const auto r = pl::run_line(config, 99, threads);
    CAPTURE(threads);
    CHECK(r.replications == static_cast<int>(expected));
    CHECK(r.replication_choice.automatic);
    CHECK(r.replication_choice.target_met);
    REQUIRE(r.per_replication.size() == expected);
    for (std::size_t i = 0; i < expected; ++i) CHECK(r.per_replication[i].throughput_per_s == throughput[i]);
    const auto& k = find_kpi(r, "wip_mean").value;
    CHECK(k.half_width <= 0.03 / 1.03 * k.mean);
  }

  // A target out of reach: the cap, and a report saying so.
  config.run.precision_relative_half_width = 1e-4;
  config.run.max_replications = 8;
  const auto capped = pl::run_line(config, 99, 2);
  CHECK(capped.replications == 8);
  CHECK_FALSE(capped.replication_choice.target_met);
}
