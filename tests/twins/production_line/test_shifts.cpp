// Tests twins/production_line/shifts.*: the calendar <-> working-time mapping of a shift pattern.
#include <catch2/catch.hpp>

#include "twins/production_line/shifts.hpp"

namespace pl = twinlab::twins::production_line;

TEST_CASE("Working time of a two-window day", "[production_line][shifts]") {
  pl::ShiftCalendar c;
  c.period_s = 100.0;
  c.windows = {{10.0, 30.0}, {50.0, 80.0}};  // 50 working seconds per 100
  const pl::WorkingTime w(c);
  CHECK_FALSE(w.always_working());
  CHECK(w.to_working(0.0) == 0.0);
  CHECK(w.to_working(10.0) == 0.0);
  CHECK(w.to_working(20.0) == 10.0);
  CHECK(w.to_working(40.0) == 20.0);
  CHECK(w.to_working(60.0) == 30.0);
  CHECK(w.to_working(100.0) == 50.0);
  CHECK(w.to_working(260.0) == 130.0);
  CHECK(w.to_calendar(10.0) == 20.0);
  CHECK(w.to_calendar(20.0) == 30.0);   // a boundary maps to the end of the earlier window
  CHECK(w.to_calendar(20.5) == 50.5);
  CHECK(w.to_calendar(50.0) == 80.0);
  CHECK(w.to_calendar(55.0) == 115.0);
  CHECK(w.to_calendar(0.0) == 10.0);    // the line starts with the first window
  for (double t = 0.5; t < 500.0; t += 0.75) REQUIRE(w.to_working(w.to_calendar(t)) == Approx(t).epsilon(1e-12));
  CHECK(w.off_time(0.0, 100.0) == 50.0);
  CHECK(w.off_time(20.0, 55.0) == 20.0);
}

TEST_CASE("No windows: always working", "[production_line][shifts]") {
  const pl::WorkingTime w(pl::ShiftCalendar{});
  CHECK(w.always_working());
  CHECK(w.to_working(123.5) == 123.5);
  CHECK(w.to_calendar(123.5) == 123.5);
  CHECK(w.off_time(3.0, 9.0) == 0.0);
}
