// Where each model's figures are trusted at a sensor (twins/dispersion/validity).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "twins/dispersion/validity.hpp"

using namespace twinlab::twins::dispersion;

namespace {

// The old default scenario's geometry: 100 m cells, x_ref = 2000 m, a vent at (400, -250) and the sensor
// site_gate 184 m from it (where the plume gave 1626 ug/m^3 and the Eulerian model 290).
Config site() {
  Config c;
  c.domain = {-1000.0, 9000.0, -3000.0, 3000.0, 1000.0};
  c.eulerian.enabled = true;
  c.eulerian.nx = 100;
  c.eulerian.ny = 60;
  c.eulerian.reference_distance_m = 2000.0;
  c.sources = {{"vent", 400.0, -250.0, 25.0, 0.02, 0.0, 0.0, 0.0, {}}};
  c.receptors = {{"site_gate", 560.0, -160.0, 1.5},  // 183.6 m
                 {"mid", 1400.0, -250.0, 1.5},       // 1000 m
                 {"far", 4400.0, -250.0, 1.5},       // 4000 m: on the upper bound
                 {"beyond", 7000.0, -250.0, 1.5},    // 6600 m
                 {"at_vent", 450.0, -250.0, 1.5}};   // 50 m
  return c;
}

}  // namespace

TEST_CASE("Trusted ranges: plume 100 m - 10 km, Eulerian a factor 2 about x_ref and 3 cells from a source",
          "[dispersion][validity]") {
  Config c = site();
  const TrustedRange plume = trusted_range(c, Model::Plume);
  CHECK(plume.min_distance_m == 100.0);
  CHECK(plume.max_distance_m == 10000.0);
  const TrustedRange eul = trusted_range(c, Model::Eulerian);
  CHECK(eul.min_distance_m == 1000.0);
  CHECK(eul.max_distance_m == 4000.0);

  CHECK(receptor_trusted(c, 0, Model::Plume));
  CHECK_FALSE(receptor_trusted(c, 0, Model::Eulerian));
  CHECK(receptor_trusted(c, 1, Model::Eulerian));
  CHECK(receptor_trusted(c, 2, Model::Eulerian));
  CHECK_FALSE(receptor_trusted(c, 3, Model::Eulerian));
  CHECK_FALSE(receptor_trusted(c, 4, Model::Plume));
  // Any point, e.g. a ground-level maximum in the source's own cell (as the old default's Eulerian one was).
  CHECK_FALSE(point_trusted(c, 450.0, -250.0, Model::Eulerian));
  CHECK(point_trusted(c, 2400.0, -250.0, Model::Eulerian));

  // A large reference distance cannot pull the lower bound under 3 cells; constant K has only the cell bound.
  c.eulerian.reference_distance_m = 500.0;
  CHECK(trusted_range(c, Model::Eulerian).min_distance_m == Approx(300.0).epsilon(1e-15));  // 3 x 100 m cells, not 250
  c.eulerian.diffusivity = DiffusivityMode::Constant;
  const TrustedRange constant = trusted_range(c, Model::Eulerian);
  CHECK(constant.min_distance_m == Approx(300.0).epsilon(1e-15));
  CHECK(std::isinf(constant.max_distance_m));
  CHECK(receptor_trusted(c, 3, Model::Eulerian));
}

TEST_CASE("Issues name the sensor, source, distance, range and the fix, only for the models that run",
          "[dispersion][validity]") {
  Config c = site();
  const auto issues = trusted_range_issues(c);
  // site_gate (Eulerian), beyond (Eulerian), at_vent (plume and Eulerian: 50 m < 300 m cells bound).
  REQUIRE(issues.size() == 4u);
  CHECK(issues[0].model == Model::Plume);
  CHECK(issues[0].receptor == 4u);
  CHECK(issues[1].receptor == 0u);
  CHECK(issues[1].model == Model::Eulerian);
  CHECK(std::lround(issues[1].distance_m) == 184);
  const std::string& m = issues[1].message;
  CAPTURE(m);
  CHECK(m.find("sensor 'site_gate' is 184 m from source 'vent'") != std::string::npos);
  CHECK(m.find("trusted range 1000-4000 m") != std::string::npos);
  CHECK(m.find("eulerian.reference_distance_m 2000 m") != std::string::npos);
  CHECK(m.find("move the sensor, or set eulerian.reference_distance_m near its distance and refine the Eulerian "
               "grid") != std::string::npos);  // 184 m: under 3 cells (300 m) and under x_ref / 2
  CHECK(issues[2].message.find("set eulerian.reference_distance_m near the sensor's distance, or move the sensor") !=
        std::string::npos);  // beyond: 6600 m > 2 x_ref, many cells away

  c.eulerian.enabled = false;
  CHECK(trusted_range_issues(c).size() == 1u);  // the plume's own, at_vent
}
