// AERMET surface (.SFC) and profile (.PFL) files (scenarios/dispersion/aermet_files).
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "base/error.hpp"
#include "scenarios/dispersion/aermet_files.hpp"
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
}  // namespace

TEST_CASE("an AERMET surface file: boundary layer as given, calm and missing hours, an absent hour") {
  const MeteorologyRecords r = read_aermet_surface(settings_for(data_dir / "aermet_small.sfc"));
  REQUIRE(r.periods.size() == 5);  // hours 1, 2, (3 absent), 4, 5
  CHECK(r.reference_height_m == 10.0);
  const auto& stable = r.periods[0];
  CHECK(stable.status == dsp::PeriodStatus::Valid);
  CHECK(stable.wind_speed_m_s == 2.6);
  CHECK(stable.wind_direction_deg == 260.0);
  CHECK(stable.temperature_K == 275.4);
  CHECK(stable.boundary_layer.friction_velocity_m_s == 0.178);
  CHECK(stable.boundary_layer.obukhov_length_m == 41.5);
  CHECK(std::isnan(stable.boundary_layer.convective_velocity_m_s));  // -9 in a stable hour
  CHECK(stable.mixing_height_m == 168.0);  // z_im when stable
  CHECK(stable.stability == dsp::StabilityClass::E);  // 1/L = 0.024 on z0 = 0.1 m (Golder)
  CHECK(r.periods[1].status == dsp::PeriodStatus::Calm);
  CHECK(r.periods[2].status == dsp::PeriodStatus::Missing);
  const auto& convective = r.periods[3];
  CHECK(convective.start_s == 3 * 3600.0);
  CHECK(convective.boundary_layer.convective_velocity_m_s == 1.6);
  CHECK(convective.mixing_height_m == 600.0);  // max(z_ic, z_im) when convective
  CHECK(convective.stability == dsp::StabilityClass::C);  // 1/L = -0.02 (Golder C on z0 = 0.1 m)
  CHECK(r.periods[4].status == dsp::PeriodStatus::Missing);  // 999 codes
  const PeriodCounts n = count_periods(r.periods);
  CHECK(n.valid == 2);
  CHECK(n.calm == 1);
  CHECK(n.missing == 2);
}

TEST_CASE("an AERMET profile file adds measured sigma_v (u sigma_theta) and sigma_w at the level nearest the wind") {
  const MeteorologyRecords r =
      read_aermet_surface(settings_for(data_dir / "aermet_small.sfc"), data_dir / "aermet_small.pfl");
  CHECK(r.periods[0].boundary_layer.sigma_v_m_s == Approx(2.6 * 8.0 * M_PI / 180.0));
  CHECK(r.periods[0].boundary_layer.sigma_w_m_s == 0.3);
  CHECK(r.periods[0].boundary_layer.measurement_height_m == 10.0);
  CHECK(r.periods[3].boundary_layer.sigma_v_m_s == Approx(4.0 * 15.0 * M_PI / 180.0));
  CHECK(std::isnan(r.periods[1].boundary_layer.sigma_v_m_s));  // calm hour: none
}

TEST_CASE("bad AERMET records: line, column and field name") {
  test::ScratchDir dir("aermet", "bad");
  const auto path = dir.dir / "bad.sfc";
  auto error = [&](const std::string& record) {
    std::ofstream(path) << "header\n" << record << "\n";
    try {
      read_aermet_surface(settings_for(path));
    } catch (const base::InputError& e) {
      const std::string what = e.what();
      return what.substr(what.find("bad.sfc"));
    }
    return std::string();
  };
  const std::string good_tail = " 0.1000 1.00 0.20 2.60 260. 10.0 275.4 2.0";
  CHECK_THAT(error("25 01 01 1 01 -12.3 0.178 -9 -9 -999. 168. 41.5" + std::string(" 0.1000 1.00 0.20 2.60 460. 10.0 275.4 2.0")),
             Catch::Contains("bad.sfc:2:") && Catch::Contains("wind_direction: must be within 0-360 deg"));
  CHECK_THAT(error("25 01 01 1 01 -12.3 0.1x8 -9 -9 -999. 168. 41.5" + good_tail),
             Catch::Contains("bad.sfc:2:21: friction_velocity: is not a number (got '0.1x8')"));
  CHECK_THAT(error("25 01 01 1 01 -12.3"), Catch::Contains("has 6 fields"));
  CHECK_THAT(error("25 01 01 1 02 -12.3 0.178 -9 -9 -999. 168. 41.5" + good_tail + "\n25 01 01 1 01 -12.3 0.178 -9 -9 -999. 168. 41.5" + good_tail),
             Catch::Contains("time goes backwards"));
  CHECK_THAT(error("25 01 01 1 01 -12.3 0.178 1.5 -9 -999. 168. 41.5" + good_tail),
             Catch::Contains("convective_velocity: is given in a stable hour"));
}
