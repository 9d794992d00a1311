// Sensor observations for `twinlab estimate` (io/sensor_csv): units, locations of refused rows.
#include <catch2/catch.hpp>

#include <fstream>

#include "base/error.hpp"
#include "io/sensor_csv.hpp"
#include "tests/support/test_files.hpp"

using namespace twinlab;
using namespace twinlab::io;

namespace {
std::filesystem::path write(const test::ScratchDir& dir, const std::string& text) {
  const auto path = dir.dir / "sensors.csv";
  std::ofstream(path) << text;
  return path;
}

SensorCsvExpectations expectations() {
  SensorCsvExpectations e;
  e.sensors = {"school", "north", "grid[1,2]"};
  e.run_start_s = 0.0;
  e.run_end_s = 7200.0;
  return e;
}

std::string error_of(const std::string& text) {
  test::ScratchDir dir("sensor_csv", "error");
  try {
    read_sensor_csv(write(dir, text), expectations());
  } catch (const base::InputError& e) {
    const std::string what = e.what();
    return what.substr(what.find("sensors.csv"));  // without the scratch directory
  }
  return "";
}
}  // namespace

TEST_CASE("observations are read in kg/m^3 with their sensor index and line") {
  test::ScratchDir dir("sensor_csv", "read");
  const auto ok = write(dir, "time_min,concentration[mg/m3],sensor\n30,0.0125,school\n60,0.002,north\n");
  const SensorTable t = read_sensor_csv(ok, expectations());
  REQUIRE(t.rows.size() == 2);
  CHECK(t.unit == "mg_m3");
  CHECK_FALSE(t.has_uncertainty);
  CHECK(t.rows[0].time_s == 1800.0);
  CHECK(t.rows[0].sensor == 0);
  CHECK(t.rows[0].concentration_kg_m3 == Approx(12.5e-9).epsilon(1e-12));
  CHECK(t.rows[1].sensor == 1);
  CHECK(t.rows[1].line == 3);
  CHECK(t.rows[1].uncertainty_kg_m3 == 0.0);
}

TEST_CASE("a small negative value within 3 uncertainties is noise and kept") {
  test::ScratchDir dir("sensor_csv", "noise");
  const auto path = write(dir, "time_s,sensor,concentration_ug_m3,uncertainty_ug_m3\n3600,north,-2.5,1\n");
  const SensorTable t = read_sensor_csv(path, expectations());
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].concentration_kg_m3 == Approx(-2.5e-9));
  CHECK(t.rows[0].uncertainty_kg_m3 == Approx(1e-9));
}

TEST_CASE("bad sensor files are refused at file:line:column with the column as key") {
  const std::string head = "time_s,sensor,concentration_ug_m3,uncertainty_ug_m3\n";
  CHECK(error_of(head + "10,school,1,1\n20,kitchen,1,1\n") ==
        "sensors.csv:3:4: sensor: sensor 'kitchen' is not a receptor of the scenario; use a name from "
        "dispersion.receptors or a receptor network");
  CHECK(error_of(head + "7201,school,1,1\n").find("sensors.csv:2:1: time_s: time 7201 lies outside the run") == 0);
  CHECK(error_of(head + "-1,school,1,1\n").find("sensors.csv:2:1: time_s: time -1 lies outside") == 0);
  CHECK(error_of(head + "10,school,-3.5,1\n").find("sensors.csv:2:11: concentration_ug_m3: negative concentration "
                                                   "beyond noise") == 0);
  CHECK(error_of("time_s,sensor,concentration_ug_m3\n10,school,-0.1\n").find("sensors.csv:2:11: "
                                                                          "concentration_ug_m3: negative") == 0);
  CHECK(error_of(head + "10,school,1,0\n").find("sensors.csv:2:13: uncertainty_ug_m3: the uncertainty must be > 0") ==
        0);
  CHECK(error_of("time_s,sensor\n10,school\n") ==
        "sensors.csv:1: concentration_<unit>: missing column 'concentration_<unit>'; the header must name time_s, "
        "sensor and concentration_<unit>");
  CHECK(error_of("time_s,concentration_ug_m3,uncertainty_mg_m3,sensor\n1,school,1,1\n")
            .find("sensors.csv:1:28: uncertainty_mg_m3: mixed units") == 0);
  CHECK(error_of("time_s,sensor,concentration_ug_m3,concentration_mg_m3\n1,school,1,1\n")
            .find("sensors.csv:1:35: concentration_mg_m3: a second concentration column") == 0);
  CHECK(error_of("time_s,sensor,concentration_ppm\n1,school,1\n")
            .find("sensors.csv:1:15: concentration_ppm: unknown concentration unit") == 0);
  CHECK(error_of("time_s,sensor,concentration_ug_m3,note\n1,school,1,x\n")
            .find("sensors.csv:1:35: note: unknown column") == 0);
  CHECK(error_of(head + "10,school,,1\n").find("sensors.csv:2:11: concentration_ug_m3: is empty") == 0);
  CHECK(error_of(head + "10,school,4,35,1\n").find("sensors.csv:2: has 5 cells") == 0);
  CHECK(error_of(head).find("sensors.csv:1: has no observations") == 0);
  CHECK(error_of("time_h,sensor,concentration_ug_m3\nx,school,1\n").find("sensors.csv:2:1: time_h: is not a number") ==
        0);
}
