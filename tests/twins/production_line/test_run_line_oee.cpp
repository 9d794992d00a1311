// Tests the OEE, energy and emission figures of run_line against a hand-computed worksheet, and the time
// series against the window totals.
//
// Worksheet: one machine, unlimited raw material, 10 000 s planned, no warm-up.
//   processing 1.25 s per part (ideal cycle time 1.00 s); time-based failures every 90 s of up time,
//   repairs 10 s  -> cycles of 100 s: 90 s busy, 10 s down; 90 / 1.25 = 72 parts per cycle.
//   Availability A = 9000 / 10000 = 0.90
//   Performance  P = 1.00 s x 7200 parts / 9000 s = 0.80
//   Quality      Q = good / 7200, defects are scrapped with probability 0.05 (binomial, checked to 4 sigma)
//   OEE = A P Q = 0.72 Q = 1.00 s x good / 10000 s
//   Energy: 9000 s x 2000 W + 1000 s x 100 W = 18.1 MJ; indirect emissions 18.1e6 / 3.6e6 x 0.4 kg/kWh
//   = 2.0111 kg; direct 7200 x 0.002 kg = 14.4 kg.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "line_test_support.hpp"

namespace pl = twinlab::twins::production_line;
using pl::DistributionSpec;

namespace {
pl::LineConfig worksheet_line() {
  auto s = line_test::station("Cell", DistributionSpec::deterministic(1.25));
  s.ideal_cycle_time_s = 1.0;
  s.failure.basis = pl::FailureBasis::Time;
  s.failure.life = DistributionSpec::deterministic(90.0);
  s.failure.time_to_repair = DistributionSpec::deterministic(10.0);
  s.quality.defect_probability = 0.05;
  s.power.busy_W = 2000.0;
  s.power.idle_W = 300.0;
  s.power.down_W = 100.0;
  s.emission_kg_per_operation = 0.002;
  auto c = line_test::line({s}, {"Cell"}, 0.0, 10000.0, 3);
  c.emissions.grid_kg_per_kwh = 0.4;
  c.run.time_series_interval_s = 500.0;
  return c;
}
}  // namespace

TEST_CASE("OEE, energy and emissions reproduce the worksheet", "[production_line][oee]") {
  const auto r = pl::run_line(worksheet_line(), 2024);
  line_test::check_little(r);
  for (const auto& rep : r.per_replication) {
    const auto& st = rep.stations[0];
    CHECK(st.operations == 7200.0);
    CHECK(st.availability == Approx(0.90).epsilon(1e-12));
    CHECK(st.performance == Approx(0.80).epsilon(1e-12));
    CHECK(st.busy_fraction == Approx(0.90).epsilon(1e-12));
    CHECK(st.down_fraction == Approx(0.10).epsilon(1e-12));
    CHECK(st.failures == 100.0);
    const double good = rep.good_parts;
    CHECK(good + rep.scrapped_parts == 7200.0);
    // Binomial(7200, 0.05): mean 360, standard deviation 18.5.
    CHECK(std::abs(rep.scrapped_parts - 360.0) <= 4.0 * std::sqrt(7200 * 0.05 * 0.95));
    CHECK(st.quality == Approx(good / 7200.0).epsilon(1e-12));
    CHECK(rep.oee == Approx(0.72 * good / 7200.0).epsilon(1e-12));
    CHECK(rep.oee == Approx(1.0 * good / 10000.0).epsilon(1e-12));
    CHECK(rep.availability == st.availability);  // the only station is the bottleneck
    CHECK(rep.energy_J == Approx(18.1e6).epsilon(1e-12));
    CHECK(rep.energy_per_good_part_J == Approx(18.1e6 / good).epsilon(1e-12));
    CHECK(rep.indirect_emissions_kg == Approx(18.1e6 / 3.6e6 * 0.4).epsilon(1e-12));
    CHECK(rep.direct_emissions_kg == Approx(14.4).epsilon(1e-12));
    CHECK(rep.emissions_per_good_part_kg == Approx((14.4 + 18.1e6 / 3.6e6 * 0.4) / good).epsilon(1e-12));
    CHECK(rep.throughput_per_s == Approx(good / 10000.0));
  }
  // KPI table: the mean over replications, and the half-width of a 95 % interval.
  const auto& oee = find_kpi(r, "oee");
  CHECK(oee.unit == "1");
  CHECK(oee.value.n == 3);
  CHECK(oee.value.mean == Approx((r.per_replication[0].oee + r.per_replication[1].oee + r.per_replication[2].oee) / 3));
  CHECK(oee.value.half_width > 0.0);
  CHECK(find_station_column(r, "availability").mean.at(0) == Approx(0.9));
  CHECK(r.bottleneck_station == 0);
}

TEST_CASE("Time series add up to the window totals", "[production_line][oee]") {
  const auto r = pl::run_line(worksheet_line(), 7);
  const auto& ts = r.series;
  REQUIRE(ts.times_s.size() == 20);  // 10 000 s / 500 s
  CHECK(ts.times_s.front() == 0.0);
  CHECK(ts.times_s[1] == 500.0);
  const double dt = ts.interval_s;
  const auto total = [dt](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) * dt; };
  const auto mean = [&r](auto field) {
    double s = 0.0;
    for (const auto& rep : r.per_replication) s += rep.*field;
    return s / static_cast<double>(r.per_replication.size());
  };
  CHECK(total(ts.power_W) == Approx(mean(&pl::ReplicationResult::energy_J)).epsilon(1e-9));
  CHECK(total(ts.emission_rate_kg_s) == Approx(mean(&pl::ReplicationResult::emissions_kg)).epsilon(1e-9));
  CHECK(total(ts.direct_emission_rate_kg_s) == Approx(mean(&pl::ReplicationResult::direct_emissions_kg)).epsilon(1e-9));
  CHECK(total(ts.throughput_per_s) == Approx(mean(&pl::ReplicationResult::good_parts)).epsilon(1e-9));
  for (std::size_t k = 0; k < ts.times_s.size(); ++k) {
    // 500 s = 5 cycles of 100 s: 450 s busy at 2 kW and 50 s down at 100 W -> 1810 W on average.
    CHECK(ts.power_W[k] == Approx(1810.0).epsilon(1e-9));
    CHECK(ts.emission_rate_kg_s[k] == Approx(ts.direct_emission_rate_kg_s[k] + ts.indirect_emission_rate_kg_s[k]));
    CHECK(ts.wip[k] == Approx(1.0));  // one part always on the machine
  }
}
