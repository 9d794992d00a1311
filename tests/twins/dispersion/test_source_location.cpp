// The position of a source searched from sensor observations (twins/dispersion/source_location).
#include <catch2/catch.hpp>
#include <string>

#include <cmath>
#include <iostream>
#include <random>

#include "twins/dispersion/plume_model.hpp"
#include "twins/dispersion/source_location.hpp"

using namespace twinlab::twins::dispersion;

namespace {

std::string sensor_name(int k) {  // (GCC 12 warns wrongly, -Wrestrict, on "s" + std::to_string(k))
  std::string name = "s";
  name += std::to_string(k);
  return name;
}

// A stack hidden at (730, 260), three hours of wind from three directions, ten sensors downwind.
Config hidden_source_site() {
  Config c;
  c.domain = {-500.0, 3000.0, -1500.0, 1500.0, 500.0};
  c.meteorology.periods = {routine_period(0.0, 5.0, 270.0, StabilityClass::D),
                           routine_period(3600.0, 3.0, 240.0, StabilityClass::C),
                           routine_period(7200.0, 4.0, 300.0, StabilityClass::D)};
  Source s;
  s.name = "hidden";
  s.x_m = 730.0, s.y_m = 260.0, s.height_m = 10.0, s.emission_rate_kg_s = 0.2;
  c.sources = {s};
  for (int k = 0; k < 10; ++k)
    c.receptors.push_back({sensor_name(k), 1200.0 + 250.0 * (k % 5), -600.0 + 150.0 * k, 1.5});
  return c;
}

}  // namespace

TEST_CASE("a hidden source is found within 60 m of where it is, with an honest spread") {
  Config c = hidden_source_site();
  const PlumeResult truth = run_plume_model(c);
  std::mt19937_64 rng(42);
  std::normal_distribution<double> normal;
  std::vector<SensorObservation> obs;
  for (std::size_t p = 0; p < 3; ++p)
    for (std::size_t r = 0; r < c.receptors.size(); ++r) {
      const double v = truth.receptor_concentration[p * c.receptors.size() + r];
      const double sigma = 0.05 * v + 1e-9;
      obs.push_back({1800.0 + 3600.0 * p, r, v + sigma * normal(rng), sigma});
    }
  // The search does not know where the source is: start it far away.
  c.sources[0].x_m = 0.0, c.sources[0].y_m = 0.0;
  const SearchBox box{0.0, 1100.0, -600.0, 600.0, 12, 12, 2};
  const LocationEstimate e = search_source_location(c, 0, {0}, CouplingModel::Plume, obs, box);
  const double distance = std::hypot(e.x_m - 730.0, e.y_m - 260.0);
  std::cout << "hidden source at (730, 260) m found at (" << e.x_m << ", " << e.y_m << ") m, " << distance
            << " m away; posterior spread " << e.sd_x_m << " x " << e.sd_y_m << " m\n";
  REQUIRE(e.maps.size() == 3);
  CHECK(e.maps[0].posterior.size() == 144);
  // 60 m: under a tenth of the distance to the nearest sensor (~500 m), and less than the coarse grid's cell
  // (100 m x 109 m): the refinement must have worked.
  CHECK(distance < 60.0);
  // The spread must not claim more certainty than the error shows: the miss within 4 posterior sd per axis.
  CHECK(std::abs(e.x_m - 730.0) <= 4.0 * e.sd_x_m + 1.0);
  CHECK(std::abs(e.y_m - 260.0) <= 4.0 * e.sd_y_m + 1.0);
  double total = 0.0;
  for (double p : e.maps[0].posterior) total += p;
  CHECK(total == Approx(1.0));
}

TEST_CASE("a search box outside the domain is refused") {
  const Config c = hidden_source_site();
  CHECK_THROWS_AS(search_source_location(c, 0, {0}, CouplingModel::Plume, {}, SearchBox{-900.0, 100.0, 0.0, 10.0}),
                  std::invalid_argument);
}
