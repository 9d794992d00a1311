#include "io/event_log.hpp"

#include <catch2/catch.hpp>

#include "base/error.hpp"

using namespace twinlab;
using io::MachineState;

namespace {

const std::vector<std::pair<std::string, int>> kStations = {{"cut", 1}, {"weld", 2}};

// The InputError of parsing `text`, or a failed check when there is none.
base::InputError error_of(const std::string& text) {
  try {
    io::parse_event_log(text, "events.csv", kStations);
  } catch (const base::InputError& e) {
    return e;
  }
  FAIL("no InputError for:\n" << text);
  return base::InputError({}, "");
}

}  // namespace

TEST_CASE("an event log is read in any column order, machine optional, sorted per machine", "[event_log]") {
  const std::string text =
      "# exported from the MES\n"
      "state,end_s,station,start_s,operator\n"
      "busy,10,cut,0,ann\n"
      "\n"
      "down,12.5,cut,10,ann\n"
      "repair,20,cut,12.5,bob\n"
      "idle,20,cut,20,bob\n";
  const io::EventLog log = io::parse_event_log(text, "events.csv", kStations);
  REQUIRE(log.intervals.size() == 4);
  CHECK(log.intervals[0].state == MachineState::Busy);
  CHECK(log.intervals[1].state == MachineState::Down);
  CHECK(log.intervals[1].line == 5);  // comment and blank line counted
  CHECK(log.intervals[2].start_s == 12.5);
  CHECK(log.intervals[3].state == MachineState::Idle);
  CHECK(log.intervals[3].machine == 0);
  CHECK(log.start_s == 0.0);
  CHECK(log.end_s == 20.0);
}

TEST_CASE("rows of several machines may interleave and each machine's rows are checked on their own", "[event_log]") {
  const std::string text =
      "station,machine,state,start_s,end_s\n"
      "weld,1,busy,0,5\n"
      "weld,0,idle,0,3\n"
      "weld,1,idle,5,9\n"
      "weld,0,busy,3,9\n";
  const io::EventLog log = io::parse_event_log(text, "events.csv", kStations);
  REQUIRE(log.intervals.size() == 4);
  CHECK(log.intervals[0].machine == 0);
  CHECK(log.intervals[1].state == MachineState::Busy);
  CHECK(log.intervals[2].machine == 1);
}

TEST_CASE("a bad event log is refused at its row with the column as key", "[event_log]") {
  const std::string header = "station,machine,state,start_s,end_s\n";
  SECTION("missing column") {
    const auto e = error_of("station,machine,state,start_s\ncut,0,busy,0\n");
    CHECK(e.where().line == 1);
    CHECK(e.where().key == "end_s");
  }
  SECTION("unknown station") {
    const auto e = error_of(header + "cut,0,busy,0,1\npaint,0,busy,0,1\n");
    CHECK(e.where().line == 3);
    CHECK(e.where().key == "station");
    CHECK_THAT(e.message(), Catch::Contains("unknown station 'paint'") && Catch::Contains("cut, weld"));
  }
  SECTION("gap") {
    const auto e = error_of(header + "cut,0,busy,0,10\ncut,0,idle,11,12\n");
    CHECK(e.where().line == 3);
    CHECK(e.where().key == "start_s");
    CHECK_THAT(e.message(), Catch::Contains("gap") && Catch::Contains("line 2"));
  }
  SECTION("overlap") {
    const auto e = error_of(header + "cut,0,busy,0,10\ncut,0,down,9,12\n");
    CHECK(e.where().line == 3);
    CHECK_THAT(e.message(), Catch::Contains("overlapping states") && Catch::Contains("line 2"));
  }
  SECTION("decimal comma: a cell too many") {
    const auto e = error_of(header + "cut,0,busy,0,10,5\n");
    CHECK(e.where().line == 2);
    CHECK_THAT(e.message(), Catch::Contains("6 cells but the header 5"));
  }
  SECTION("machine out of range") {
    const auto e = error_of(header + "cut,1,busy,0,10\n");
    CHECK(e.where().key == "machine");
  }
  SECTION("unknown state") {
    const auto e = error_of(header + "cut,0,running,0,10\n");
    CHECK(e.where().key == "state");
  }
  SECTION("end before start, negative or non-numeric times") {
    CHECK(error_of(header + "cut,0,busy,10,5\n").where().key == "end_s");
    CHECK(error_of(header + "cut,0,busy,-1,5\n").where().key == "start_s");
    CHECK(error_of(header + "cut,0,busy,0,nan\n").where().key == "end_s");
  }
  SECTION("header only") { CHECK(error_of(header).where().line == 1); }
}
