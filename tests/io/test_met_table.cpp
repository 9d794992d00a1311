// CSV tables with units in the header (io/met_table).
#include <catch2/catch.hpp>

#include <fstream>

#include "io/met_table.hpp"
#include "tests/support/test_files.hpp"

using namespace twinlab;
using namespace twinlab::io;

namespace {
std::filesystem::path write(const test::ScratchDir& dir, const std::string& text) {
  const auto path = dir.dir / "met.csv";
  std::ofstream(path) << text;
  return path;
}

std::string error_of(const std::filesystem::path& path) {
  try {
    read_unit_table(path);
  } catch (const base::InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("header cells carry name, height and unit, comments and blank lines are skipped") {
  test::ScratchDir dir("met_table", "header");
  const auto path = write(dir, "# a site\n\ntime, wind_speed@10m[knots],temperature[degC],stability_class\n"
                               "2025-01-01T00:00Z,10,5.5,D\n# note\n2025-01-01T01:00Z,,6,\n");
  const UnitTable t = read_unit_table(path);
  REQUIRE(t.columns.size() == 4);
  CHECK(t.header_line == 3);
  CHECK(t.columns[1].name == "wind_speed");
  CHECK(t.columns[1].unit == "knots");
  CHECK(t.columns[1].height_m == 10.0);
  CHECK(t.columns[1].text_column == 7);
  CHECK(t.columns[3].unit.empty());
  CHECK(t.columns[3].height_m < 0.0);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[1].line == 6);
  CHECK(t.is_empty(1, 1));
  CHECK(t.number(0, 2) == 5.5);
  CHECK(t.location(1, 2).column == 20);
}

TEST_CASE("unit conversions of the documented set, and unknown units") {
  CHECK(unit_conversion("knots")->scale == Approx(0.514444).epsilon(1e-6));  // 1852 m / 3600 s
  CHECK(unit_conversion("degC")->offset == 273.15);
  CHECK(unit_conversion("oktas")->si_unit == "1");
  CHECK(unit_conversion("km/h")->scale == Approx(1 / 3.6));
  CHECK_FALSE(unit_conversion("mph"));
  CHECK_FALSE(unit_conversion("degF"));
  CHECK(units_of("K") == "K, degC");
}

TEST_CASE("bad tables: file:line:column of the offending cell") {
  test::ScratchDir dir("met_table", "bad");
  CHECK_THAT(error_of(write(dir, "time,wind_speed[m/s\n")), Catch::Contains("met.csv:1:6: wind_speed[m/s: malformed"));
  CHECK_THAT(error_of(write(dir, "time,wind_speed@ten[m/s]\n")), Catch::Contains("measurement height"));
  CHECK_THAT(error_of(write(dir, "time,a,a\n")), Catch::Contains("given twice"));
  CHECK_THAT(error_of(write(dir, "time,a\n1,2,3\n")), Catch::Contains("met.csv:2: has 3 cells"));
  CHECK_THAT(error_of(write(dir, "# only comments\n")), Catch::Contains("no header"));
  const UnitTable t = read_unit_table(write(dir, "time,speed[m/s]\nx, 3.5a\n"));
  try {
    t.number(0, 1);
    FAIL("no error");
  } catch (const base::InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("met.csv:2:4: speed[m/s]: is not a number (got '3.5a')"));
  }
}
