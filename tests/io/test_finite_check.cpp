// io/finite_check: results never hold +-Inf, nor NaN over time; the report says where and when.
#include "io/finite_check.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <string>

#include "io/hdf5_writer.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace io = twinlab::io;
namespace test = twinlab::test;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
const double not_a_number = std::nan("");

// A time series of two stations and a table of statistics.
io::Dataset results(double series_value_at_t1_press, double half_width) {
  io::Dataset ds;
  ds.attributes.set("filetype", "twinlab-results");
  io::Group& s = ds.add_group("series");
  s.add_coordinate("time", std::vector<double>{0.0, 3600.0, 7200.0}, "s", "time");
  s.add_coordinate("station", std::vector<std::string>{"press", "oven"}, "", "station");
  s.add_variable("power", {"time", "station"}, {3, 2},
                 std::vector<double>{1, 2, series_value_at_t1_press, 4, 5, 6}, "W", "power");
  io::Group& k = ds.add_group("kpis");
  k.add_variable("half_width", {"kpi"}, {2}, std::vector<double>{0.5, half_width}, "", "half-width");
  return ds;
}

}  // namespace

TEST_CASE("finite_check: finite results and NaN statistics pass", "[io][finite]") {
  CHECK(io::non_finite_result(results(3.0, 0.1)).empty());
  CHECK(io::non_finite_result(results(3.0, not_a_number)).empty());  // a half-width of one replication: undefined
}

TEST_CASE("finite_check: Inf anywhere and NaN over time are reported with where and when", "[io][finite]") {
  CHECK(io::non_finite_result(results(inf, 0.1)) ==
        "series/power = +Inf at time = 3600 s (station = press); 1 such value in 1 variable");
  CHECK(io::non_finite_result(results(not_a_number, 0.1)) ==
        "series/power = NaN at time = 3600 s (station = press); 1 such value in 1 variable");
  CHECK(io::non_finite_result(results(3.0, -inf)) == "kpis/half_width = -Inf (kpi = 1); 1 such value in 1 variable");
  // The earliest time is named first, whatever the order of the variables.
  io::Dataset both = results(inf, -inf);
  CHECK(io::non_finite_result(both).rfind("series/power = +Inf at time = 3600 s", 0) == 0);
}

TEST_CASE("finite_check: write_hdf5 refuses such results files and writes nothing", "[io][finite][hdf5]") {
  test::ScratchDir s("finite", "write");
  const fs::path file = s.dir / "results.h5";
  try {
    io::write_hdf5(results(inf, 0.1), file);
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("not finite numbers") != std::string::npos);
    CHECK(std::string(e.what()).find("series/power = +Inf at time = 3600 s") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(file));
  // Other files (a study's table with NaN for failed runs) are not results: written as they are.
  io::Dataset study = results(inf, 0.1);
  study.attributes.set("filetype", "twinlab-study");
  io::write_hdf5(study, file);
  CHECK(fs::exists(file));
}
