// Tests twins/production_line/validate.*: every kind of bad input throws InputError whose location key is
// the scenario key of the offending value (scenarios/ turns the key into file:line:column).
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "line_test_support.hpp"
#include "base/error.hpp"
#include "twins/production_line/validate.hpp"

namespace pl = twinlab::twins::production_line;
using pl::DistributionSpec;

namespace {

pl::LineConfig good_line() {
  auto a = line_test::station("Saw", DistributionSpec::exponential(30.0), {"Drill"});
  auto b = line_test::station("Drill", DistributionSpec::lognormal(25.0, 5.0), {"Paint", "Pack"}, 4);
  b.next[0].probability = 0.5;
  b.next[1].probability = 0.5;
  auto c = line_test::station("Paint", DistributionSpec::uniform(10.0, 20.0), {"Pack"}, 2);
  auto d = line_test::station("Pack", DistributionSpec::deterministic(12.0), {}, 0);
  return line_test::line({a, b, c, d}, {"Saw"}, 100.0, 1000.0, 2);
}

struct BadCase {
  const char* what;
  std::function<void(pl::LineConfig&)> change;
  std::string key;
};

}  // namespace

TEST_CASE("A valid line passes", "[production_line][validate]") {
  CHECK_NOTHROW(pl::validate_line(good_line()));
  CHECK_NOTHROW(pl::run_line(good_line(), 1));
}

TEST_CASE("Bad input throws InputError naming the key", "[production_line][validate]") {
  const auto c = GENERATE(
      BadCase{"negative buffer", [](pl::LineConfig& l) { l.stations[1].buffer_capacity = -1; }, "line.stations[1].buffer_capacity"},
      BadCase{"no machine", [](pl::LineConfig& l) { l.stations[0].machines = 0; }, "line.stations[0].machines"},
      BadCase{"zero processing time", [](pl::LineConfig& l) { l.stations[3].processing_time = DistributionSpec::deterministic(0.0); },
              "line.stations[3].processing_time"},
      BadCase{"bad distribution parameter", [](pl::LineConfig& l) { l.stations[1].processing_time.std_dev = -2.0; },
              "line.stations[1].processing_time.std_dev"},
      BadCase{"MTTR of zero",
              [](pl::LineConfig& l) {
                l.stations[2].failure.basis = pl::FailureBasis::Time;
                l.stations[2].failure.time_to_repair = DistributionSpec::deterministic(0.0);
              },
              "line.stations[2].failure.time_to_repair"},
      BadCase{"exponential MTTR of zero",
              [](pl::LineConfig& l) {
                l.stations[2].failure.basis = pl::FailureBasis::Operation;
                l.stations[2].failure.time_to_repair = DistributionSpec::exponential(0.0);
              },
              "line.stations[2].failure.time_to_repair.mean"},
      BadCase{"wear threshold out of range",
              [](pl::LineConfig& l) {
                l.stations[0].wear.rate_1_s = 1e-3;
                l.stations[0].maintenance.policy = pl::MaintenancePolicy::ConditionBased;
                l.stations[0].maintenance.wear_threshold = 1.5;
              },
              "line.stations[0].maintenance.wear_threshold"},
      BadCase{"condition-based maintenance without wear",
              [](pl::LineConfig& l) { l.stations[0].maintenance.policy = pl::MaintenancePolicy::ConditionBased; },
              "line.stations[0].maintenance.policy"},
      BadCase{"wear failures without wear", [](pl::LineConfig& l) { l.stations[0].failure.basis = pl::FailureBasis::Wear; },
              "line.stations[0].failure.basis"},
      BadCase{"preventive interval of zero",
              [](pl::LineConfig& l) {
                l.stations[1].maintenance.policy = pl::MaintenancePolicy::Preventive;
                l.stations[1].maintenance.interval_s = 0.0;
              },
              "line.stations[1].maintenance.interval_s"},
      BadCase{"defect probability above one", [](pl::LineConfig& l) { l.stations[1].quality.defect_probability = 1.2; },
              "line.stations[1].quality.defect_probability"},
      BadCase{"negative power", [](pl::LineConfig& l) { l.stations[3].power.busy_W = -5.0; }, "line.stations[3].power.busy_W"},
      BadCase{"unknown station in next", [](pl::LineConfig& l) { l.stations[0].next[0].station = "Dril"; },
              "line.stations[0].next[0].station"},
      BadCase{"probabilities not summing to one", [](pl::LineConfig& l) { l.stations[1].next[1].probability = 0.2; },
              "line.stations[1].next"},
      BadCase{"a cycle", [](pl::LineConfig& l) { l.stations[3].next = {{"Drill", 1.0}}; }, "line.stations[3].next"},
      BadCase{"a self loop", [](pl::LineConfig& l) { l.stations[2].next = {{"Paint", 1.0}}; }, "line.stations[2].next"},
      BadCase{"an unreachable station", [](pl::LineConfig& l) { l.stations[1].next = {{"Pack", 1.0}}; }, "line.stations[2]"},
      BadCase{"duplicate names", [](pl::LineConfig& l) { l.stations[2].name = "Saw"; }, "line.stations[2].name"},
      BadCase{"no stations", [](pl::LineConfig& l) { l.stations.clear(); }, "line.stations"},
      BadCase{"source feeds nothing", [](pl::LineConfig& l) { l.source.feeds.clear(); }, "line.source.feeds"},
      BadCase{"unlimited source into a station with predecessors", [](pl::LineConfig& l) { l.source.feeds.push_back({"Pack", 1.0}); },
              "line.source.feeds[1].station"},
      BadCase{"assembly with one input", [](pl::LineConfig& l) { l.stations[2].assembly = true; }, "line.stations[2].assembly"},
      BadCase{"negative crews", [](pl::LineConfig& l) { l.repair_crews = -1; }, "line.repair_crews"},
      BadCase{"overlapping shifts", [](pl::LineConfig& l) { l.shifts.windows = {{0.0, 30000.0}, {20000.0, 40000.0}}; },
              "line.shifts.windows[1].start_s"},
      BadCase{"zero horizon", [](pl::LineConfig& l) { l.run.horizon_s = 0.0; }, "line.run.horizon_s"},
      BadCase{"no replication", [](pl::LineConfig& l) { l.run.replications = 0; }, "line.run.replications"},
      BadCase{"confidence level of one", [](pl::LineConfig& l) { l.run.confidence_level = 1.0; }, "line.run.confidence_level"},
      BadCase{"arrivals of mean zero",
              [](pl::LineConfig& l) {
                l.source.kind = pl::SourceKind::Arrivals;
                l.source.interarrival_time = DistributionSpec::exponential(0.0);
              },
              "line.source.interarrival_time.mean"},
      BadCase{"kanban loop without cards",
              [](pl::LineConfig& l) {
                l.pull.policy = pl::PullPolicy::Kanban;
                l.pull.kanban = {{"Saw", "Drill", 0}};
              },
              "line.pull.kanban[0].cards"},
      BadCase{"kanban loop naming an unknown station",
              [](pl::LineConfig& l) {
                l.pull.policy = pl::PullPolicy::Kanban;
                l.pull.kanban = {{"Saw", "Saw", 2}, {"Sawx", "Drill", 2}};
              },
              "line.pull.kanban[1].from"},
      BadCase{"kanban loop through a split",
              [](pl::LineConfig& l) {
                l.pull.policy = pl::PullPolicy::Kanban;
                l.pull.kanban = {{"Saw", "Pack", 2}};
              },
              "line.pull.kanban[0].to"},
      BadCase{"kanban loop ending upstream of its start",
              [](pl::LineConfig& l) {
                l.pull.policy = pl::PullPolicy::Kanban;
                l.pull.kanban = {{"Drill", "Saw", 2}};
              },
              "line.pull.kanban[0].to"},
      BadCase{"kanban policy without loops", [](pl::LineConfig& l) { l.pull.policy = pl::PullPolicy::Kanban; },
              "line.pull.kanban"},
      BadCase{"conwip without cards",
              [](pl::LineConfig& l) {
                l.pull.policy = pl::PullPolicy::Conwip;
                l.pull.conwip_cards = 0;
              },
              "line.pull.conwip_cards"},
      BadCase{"base stock without demands", [](pl::LineConfig& l) { l.pull.policy = pl::PullPolicy::BaseStock; },
              "line.pull.policy"},
      BadCase{"window without working time",
              [](pl::LineConfig& l) {
                l.run.warmup_s = 0.0;
                l.run.horizon_s = 3600.0;
                l.shifts.windows = {{21600.0, 50400.0}};
              },
              "line.run.horizon_s"});
  CAPTURE(c.what);
  auto config = good_line();
  c.change(config);
  try {
    pl::run_line(config, 1);  // compiles (and so validates) the line first
    FAIL("no exception for " << c.what);
  } catch (const twinlab::base::InputError& e) {
    CHECK(e.where().key == c.key);
    CHECK(std::string(e.what()).find(c.key + ": ") == 0);
  }
}
