// Power-law wind profile with the EPA (ISC3) exponents.
#include <catch2/catch.hpp>

#include <cmath>

#include "base/error.hpp"
#include "twins/dispersion/wind_profile.hpp"

using namespace twinlab::twins::dispersion;

TEST_CASE("Wind profile exponents are the EPA/ISC3 values", "[dispersion][wind]") {
  const double rural[6] = {0.07, 0.07, 0.10, 0.15, 0.35, 0.55};
  const double urban[6] = {0.15, 0.15, 0.20, 0.25, 0.30, 0.30};
  for (int k = 0; k < 6; ++k) {
    CAPTURE(k);
    CHECK(wind_profile_exponent(static_cast<StabilityClass>(k), Terrain::Rural) == rural[k]);
    CHECK(wind_profile_exponent(static_cast<StabilityClass>(k), Terrain::Urban) == urban[k]);
  }
}

TEST_CASE("Power law values", "[dispersion][wind]") {
  const WindProfile d = make_wind_profile(5.0, 10.0, StabilityClass::D, Terrain::Rural);
  // Hand-computed: 5 * 10^0.15 = 7.06268, 5 * 0.5^0.15 = 4.50625 (Approx: 1.2e-5 relative, the digits quoted).
  CHECK(d.speed_at(100.0) == Approx(7.06268));
  CHECK(d.speed_at(5.0) == Approx(4.50625));
  CHECK(d.speed_at(10.0) == Approx(5.0).epsilon(1e-15));  // exactly the reference by construction
  const WindProfile f = make_wind_profile(2.0, 10.0, StabilityClass::F, Terrain::Rural);
  CHECK(f.speed_at(200.0) == Approx(2.0 * std::pow(20.0, 0.55)).epsilon(1e-14));  // 10.4648 m/s
  const WindProfile ub = make_wind_profile(3.0, 10.0, StabilityClass::B, Terrain::Urban);
  CHECK(ub.speed_at(50.0) == Approx(3.0 * std::pow(5.0, 0.15)).epsilon(1e-14));
}

TEST_CASE("Wind speed stays positive near the ground (floor height)", "[dispersion][wind]") {
  const WindProfile p = make_wind_profile(4.0, 10.0, StabilityClass::E, Terrain::Rural);
  REQUIRE(p.floor_height_m == kDefaultWindFloorHeight_m);
  const double at_floor = 4.0 * std::pow(0.1, 0.35);  // u(1 m) = 1.7867 m/s
  CHECK(p.speed_at(1.0) == Approx(at_floor).epsilon(1e-14));
  CHECK(p.speed_at(0.3) == Approx(at_floor).epsilon(1e-14));
  CHECK(p.speed_at(0.0) == Approx(at_floor).epsilon(1e-14));
  CHECK(p.speed_at(0.0) > 0.0);
  // An anemometer below the floor: the floor drops to it, so the reference speed is reproduced there.
  const WindProfile low = make_wind_profile(3.0, 0.5, StabilityClass::D, Terrain::Rural);
  CHECK(low.speed_at(0.5) == Approx(3.0).epsilon(1e-15));
  CHECK(low.speed_at(0.1) == Approx(3.0).epsilon(1e-15));
  CHECK(low.speed_at(2.0) == Approx(3.0 * std::pow(4.0, 0.15)).epsilon(1e-14));
}

TEST_CASE("Wind speed increases with height", "[dispersion][wind]") {
  const auto cls = static_cast<StabilityClass>(GENERATE(range(0, 6)));
  const Terrain terrain = GENERATE(Terrain::Rural, Terrain::Urban);
  const WindProfile p = make_wind_profile(5.0, 10.0, cls, terrain);
  CHECK(p.speed_at(20.0) > p.speed_at(10.0));
  CHECK(p.speed_at(200.0) > p.speed_at(20.0));
}

TEST_CASE("Wind profile rejects invalid input", "[dispersion][wind]") {
  using twinlab::base::InputError;
  CHECK_THROWS_AS(make_wind_profile(0.0, 10.0, StabilityClass::D, Terrain::Rural), twinlab::base::InputError);
  CHECK_THROWS_AS(make_wind_profile(-1.0, 10.0, StabilityClass::D, Terrain::Rural), twinlab::base::InputError);
  CHECK_THROWS_AS(make_wind_profile(5.0, 0.0, StabilityClass::D, Terrain::Rural), twinlab::base::InputError);
  CHECK_THROWS_AS(make_wind_profile(5.0, 10.0, StabilityClass::D, Terrain::Rural, 0.0), twinlab::base::InputError);
  CHECK_THROWS_AS(make_wind_profile(std::nan(""), 10.0, StabilityClass::D, Terrain::Rural), twinlab::base::InputError);
}

TEST_CASE("A uniform profile is the measured wind at every height, the power law is the default",
          "[dispersion][wind]") {
  Meteorology met;
  met.reference_height_m = 2.0;
  const MeteorologyPeriod period = routine_period(0.0, 3.0, 270.0, StabilityClass::F);
  CHECK(met.wind_profile == WindProfileKind::PowerLaw);
  const WindProfile power = wind_profile_for(met, period);
  CHECK(power.exponent == 0.55);
  CHECK(power.speed_at(100.0) == Approx(3.0 * std::pow(50.0, 0.55)).epsilon(1e-14));
  met.wind_profile = WindProfileKind::Uniform;
  const WindProfile uniform = wind_profile_for(met, period);
  for (const double z : {0.0, 0.46, 1.0, 2.0, 10.0, 100.0, 1000.0}) {
    CAPTURE(z);
    CHECK(uniform.speed_at(z) == 3.0);  // exactly: pow(x, 0) == 1
  }
}
