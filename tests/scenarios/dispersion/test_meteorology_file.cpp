// Meteorology CSV files mapped onto MeteorologyPeriod (scenarios/dispersion/meteorology_file).
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "base/error.hpp"
#include "scenarios/dispersion/meteorology_file.hpp"
#include "tests/support/test_files.hpp"

using namespace twinlab;
using namespace twinlab::scenarios;
namespace dsp = twinlab::twins::dispersion;

namespace {
const std::filesystem::path data_dir = std::filesystem::path(TWINLAB_SOURCE_DIR) / "tests" / "data";

MeteorologyFileSettings settings_for(const std::filesystem::path& path) {
  MeteorologyFileSettings s;
  s.path = path;
  return s;
}

std::string error_of(const std::string& text, MeteorologyFileSettings s = {}) {
  test::ScratchDir dir("met_file", "bad");
  s.path = dir.dir / "met.csv";
  std::ofstream(s.path) << text;
  try {
    read_meteorology_csv(s);
  } catch (const base::InputError& e) {
    std::string what = e.what();
    return what.substr(what.find("met.csv"));
  }
  return "";
}

const std::string header = "time,wind_speed@10m[m/s],wind_direction[deg],stability_class\n";
}  // namespace

TEST_CASE("a CSV with class and boundary-layer columns: values, statuses and counts") {
  const MeteorologyRecords r = read_meteorology_csv(settings_for(data_dir / "met_small.csv"));
  REQUIRE(r.periods.size() == 5);  // 00, 01, 02, 03 (absent), 04
  CHECK(r.reference_height_m == 10.0);
  CHECK(r.height_from_file);
  const auto& p0 = r.periods[0];
  CHECK(p0.status == dsp::PeriodStatus::Valid);
  CHECK(p0.start_s == 0.0);
  CHECK(p0.wind_speed_m_s == 3.0);
  CHECK(p0.temperature_K == Approx(278.15));
  CHECK(p0.stability == dsp::StabilityClass::D);
  CHECK(p0.mixing_height_m == 400.0);
  CHECK(p0.boundary_layer.friction_velocity_m_s == 0.3);
  CHECK(p0.boundary_layer.obukhov_length_m == 500.0);
  CHECK(p0.boundary_layer.sigma_v_m_s == Approx(3.0 * 10.0 * M_PI / 180.0));  // u sigma_theta
  CHECK(p0.boundary_layer.measurement_height_m == 10.0);
  CHECK(r.periods[1].status == dsp::PeriodStatus::Calm);     // 0.3 m/s < 0.5 m/s
  CHECK(r.periods[2].status == dsp::PeriodStatus::Missing);  // flagged
  CHECK(r.periods[3].status == dsp::PeriodStatus::Missing);  // absent row
  CHECK(std::isnan(r.periods[3].wind_speed_m_s));            // never interpolated
  CHECK(r.periods[4].start_s == 4 * 3600.0);
  CHECK(r.periods[4].wind_direction_deg == 0.0);  // 360 = north
  CHECK(r.periods[4].stability == dsp::StabilityClass::C);
  const PeriodCounts n = count_periods(r.periods);
  CHECK(n.valid == 2);
  CHECK(n.calm == 1);
  CHECK(n.missing == 2);
}

TEST_CASE("units convert to SI, the calm threshold is a setting, an empty needed cell is a missing hour") {
  test::ScratchDir dir("met_file", "units");
  auto s = settings_for(dir.dir / "met.csv");
  std::ofstream(s.path) << "time,wind_speed[knots],wind_direction[deg],temperature[K],stability_class\n"
                           "2025-07-01T12:00Z,10,90,300,B\n2025-07-01T13:00Z,1.5,90,300,B\n"
                           "2025-07-01T14:00Z,10,90,300,\n";
  s.reference_height_m = 6.0;
  s.calm_threshold_m_s = 1.0;
  const MeteorologyRecords r = read_meteorology_csv(s);
  CHECK(r.periods[0].wind_speed_m_s == Approx(5.14444).epsilon(1e-5));
  CHECK(r.reference_height_m == 6.0);  // no height in the header: the scenario's
  CHECK_FALSE(r.height_from_file);
  CHECK(r.periods[1].status == dsp::PeriodStatus::Calm);  // 0.77 m/s < 1 m/s
  CHECK(r.periods[2].status == dsp::PeriodStatus::Missing);
}

TEST_CASE("cloud cover: u*, L, w*, zi from the surface energy budget over a summer day") {
  test::ScratchDir dir("met_file", "cloud");
  auto s = settings_for(dir.dir / "met.csv");
  std::ofstream out(s.path);
  out << "time,wind_speed@10m[m/s],wind_direction[deg],temperature@2m[degC],cloud_cover[oktas]\n";
  for (int h = 0; h < 24; ++h) out << "2025-06-21T" << (h < 10 ? "0" : "") << h << ":00+00:00,4,250,18,2\n";
  out.close();
  s.site = SiteLocation{52.0, 0.0};
  const MeteorologyRecords r = read_meteorology_csv(s);
  REQUIRE(r.periods.size() == 24);
  const auto& night = r.periods[2];
  const auto& noon = r.periods[12];
  CHECK(night.boundary_layer.obukhov_length_m > 0.0);
  CHECK(night.stability >= dsp::StabilityClass::D);
  CHECK(noon.boundary_layer.obukhov_length_m < 0.0);
  CHECK(noon.boundary_layer.convective_velocity_m_s > 1.0);
  CHECK(noon.mixing_height_m > night.mixing_height_m);
  CHECK(noon.stability <= dsp::StabilityClass::C);
  // Without the site's position the sun cannot be placed.
  s.site.reset();
  CHECK_THROWS_WITH(read_meteorology_csv(s), Catch::Contains("latitude_deg"));
}

TEST_CASE("bad files: file:line:column: column: what is wrong (got X), what to do") {
  CHECK_THAT(error_of("time,wind_speed[mph],wind_direction[deg],stability_class\n"),
             Catch::StartsWith("met.csv:1:6: wind_speed[mph]: unknown unit for wind_speed (got 'mph'); use one of m/s"));
  CHECK_THAT(error_of("time,wind_speed[m/s],wind_directon[deg],stability_class\n"),
             Catch::Contains("met.csv:1:22: wind_directon[deg]: unknown column 'wind_directon' (did you mean "
                             "'wind_direction'?)"));
  CHECK_THAT(error_of("time,wind_speed[m/s],stability_class\n"), Catch::Contains("no column 'wind_direction'"));
  CHECK_THAT(error_of("time,wind_speed[m/s],wind_direction[deg]\n2025-01-01T00:00Z,3,270\n"),
             Catch::Contains("says nothing about stability"));
  CHECK_THAT(error_of(header + "2025-01-01T01:00Z,3,270,D\n2025-01-01T00:00Z,3,270,D\n"),
             Catch::StartsWith("met.csv:3:1: time: time goes backwards or repeats (got '2025-01-01T00:00Z' after"));
  CHECK_THAT(error_of(header + "2025-01-01T00:00Z,3,400,D\n"),
             Catch::StartsWith("met.csv:2:21: wind_direction[deg]: must be within 0-360 deg (got 400)"));
  CHECK_THAT(error_of(header + "2025-01-01T00:00Z,3,27O,D\n"),
             Catch::Contains("is not a number (got '27O')"));
  CHECK_THAT(error_of(header + "2025-01-01T00:00,3,270,D\n"),
             Catch::Contains("met.csv:2:1: time: is not an ISO 8601 time with a UTC offset"));
  CHECK_THAT(error_of(header + "2025-01-01T00:00Z,3,270,D\n2025-01-03T00:00Z,3,270,D\n"),
             Catch::Contains("47 h of records are absent"));
  CHECK_THAT(error_of(header + "2025-01-01T00:00Z,3,270,D\n2025-01-01T00:30Z,3,270,D\n"),
             Catch::Contains("off the 3600 s time-step grid"));
  CHECK_THAT(error_of("time,wind_speed[m/s],wind_direction[deg],stability_class,obukhov_length[m]\n"
                      "2025-01-01T00:00Z,3,270,F,-20\n"),
             Catch::Contains("obukhov_length[m]: has the wrong sign for stability class F (got -20 m)"));
  CHECK_THAT(error_of("time,wind_speed[m/s],wind_direction[deg],stability_class,friction_velocity[m/s]\n"
                      "2025-01-01T00:00Z,3,270,D,-0.2\n"),
             Catch::Contains("friction_velocity[m/s]: must be > 0 (got -0.2 m/s)"));
  CHECK_THAT(error_of(header + "2025-01-01T00:00Z,3,270,G\n"), Catch::Contains("must be one of A, B, C, D, E, F"));
  CHECK_THAT(error_of("time,wind_speed[m/s],wind_direction[deg],cloud_cover\n"), Catch::Contains("needs a unit"));
}

TEST_CASE("the first local midnight by the file's UTC offset (where compliance days start)") {
  auto midnight_of = [](const std::string& first_time) {
    test::ScratchDir dir("met_file", "midnight");
    MeteorologyFileSettings s;
    s.path = dir.dir / "met.csv";
    std::ofstream(s.path) << header << first_time << ",3,270,D\n";
    return read_meteorology_csv(s).first_local_midnight_s;
  };
  // met_small.csv starts at local midnight (00:00+01:00, i.e. 23:00 UTC): days start at t = 0.
  CHECK(read_meteorology_csv(settings_for(data_dir / "met_small.csv")).first_local_midnight_s == 0.0);
  // 05:00 local (04:00 UTC): the next local midnight is 19 h later, whatever the UTC clock says.
  CHECK(midnight_of("2025-01-01T05:00+01:00") == 19.0 * 3600.0);
  // The same instant written in UTC: midnight UTC is 20 h later.
  CHECK(midnight_of("2025-01-01T04:00Z") == 20.0 * 3600.0);
  // A negative offset: 22:30-05:00 local, midnight 1.5 h later.
  CHECK(midnight_of("2025-07-01T22:30-05:00") == 5400.0);
}
