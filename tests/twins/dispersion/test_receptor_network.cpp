// Receptor networks: counts, coordinates, names and indices of the expanded receptors, and a polar ring
// around a stack that both models evaluate (the plume's azimuthal maximum lies downwind).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "twins/dispersion/eulerian_model.hpp"
#include "twins/dispersion/plume_model.hpp"
#include "twins/dispersion/receptor_network.hpp"

using namespace twinlab::twins::dispersion;

namespace {

ReceptorNetwork grid_network() {
  ReceptorNetwork n;
  n.name = "grid1";
  n.kind = ReceptorNetworkKind::Cartesian;
  n.origin_x_m = 100.0;
  n.origin_y_m = -50.0;
  n.dx_m = 25.0;
  n.dy_m = 40.0;
  n.nx = 5;
  n.ny = 6;
  n.z_m = 2.0;
  return n;
}

ReceptorNetwork ring_network(double x, double y, std::vector<double> radii, int directions) {
  ReceptorNetwork n;
  n.name = "ring";
  n.kind = ReceptorNetworkKind::Polar;
  n.origin_x_m = x;
  n.origin_y_m = y;
  n.radii_m = std::move(radii);
  n.directions = directions;
  n.z_m = 1.5;
  return n;
}

}  // namespace

TEST_CASE("A Cartesian grid expands row by row with names NAME[i,j]", "[dispersion][receptor_network]") {
  const std::vector<Receptor> r = expand_receptor_network(grid_network(), 2);
  REQUIRE(r.size() == 30);
  CHECK(receptor_network_shape(grid_network()) == std::vector<std::size_t>{6, 5});
  const Receptor& a = r[4 * 5 + 3];  // j = 4 (row), i = 3 (column)
  CHECK(a.name == "grid1[3,4]");
  CHECK(a.x_m == 100.0 + 3 * 25.0);  // exact: small integers times a power-of-two-free but exact spacing
  CHECK(a.y_m == -50.0 + 4 * 40.0);
  CHECK(a.z_m == 2.0);
  CHECK(a.network == 2);
  CHECK(a.index_i == 3);
  CHECK(a.index_j == 4);
  CHECK(r.front().name == "grid1[0,0]");
  CHECK(r.back().name == "grid1[4,5]");
}

TEST_CASE("A polar network expands ring by ring with bearings clockwise from north", "[dispersion][receptor_network]") {
  ReceptorNetwork n = ring_network(10.0, 20.0, {500.0, 1000.0}, 16);  // 22.5 degree step
  const std::vector<Receptor> r = expand_receptor_network(n, 0);
  REQUIRE(r.size() == 32);
  CHECK(r[0].name == "ring500m[000]");
  CHECK(r[1].name == "ring500m[022.5]");
  CHECK(r[4].name == "ring500m[090]");
  CHECK(r[16 + 12].name == "ring1000m[270]");
  // 1e-9 m: sin/cos of a multiple of pi/8 times 1000 m carries a few ulps (1e-13 m) of round-off.
  CHECK(r[4].x_m == Approx(510.0).margin(1e-9));   // east of the centre
  CHECK(r[4].y_m == Approx(20.0).margin(1e-9));
  CHECK(r[16 + 8].x_m == Approx(10.0).margin(1e-9));  // 1000 m south
  CHECK(r[16 + 8].y_m == Approx(-980.0).margin(1e-9));
  CHECK(r[16 + 8].index_i == 8);
  CHECK(r[16 + 8].index_j == 1);
  for (const Receptor& p : r) CHECK(std::hypot(p.x_m - 10.0, p.y_m - 20.0) == Approx(p.index_j == 0 ? 500.0 : 1000.0));

  n.first_direction_deg = 10.0;
  n.directions = 36;
  CHECK(expand_receptor_network(n, 0)[35].name == "ring500m[000]");  // 10 + 35 * 10 = 360 -> 0
}

TEST_CASE("Discrete points keep their flagpole heights", "[dispersion][receptor_network]") {
  ReceptorNetwork n;
  n.name = "fence";
  n.kind = ReceptorNetworkKind::Points;
  n.points = {{0.0, 5.0, 1.5}, {30.0, 5.0, 12.0}};
  const std::vector<Receptor> r = expand_receptor_network(n, 1);
  REQUIRE(r.size() == 2);
  CHECK(r[1].name == "fence[1]");
  CHECK(r[1].z_m == 12.0);
  CHECK(r[1].index_i == 1);
}

TEST_CASE("Bad networks are refused naming the key", "[dispersion][receptor_network]") {
  auto key_of = [](const ReceptorNetwork& n) {
    try {
      expand_receptor_network(n, 3);
    } catch (const twinlab::base::InputError& e) {
      return e.where().key;
    }
    return std::string("no error");
  };
  ReceptorNetwork g = grid_network();
  g.dx_m = 0.0;
  CHECK(key_of(g) == "receptor_networks[3].dx_m");
  ReceptorNetwork p = ring_network(0.0, 0.0, {500.0, 400.0}, 8);
  CHECK(key_of(p) == "receptor_networks[3].radii_m[1]");
  p = ring_network(0.0, 0.0, {500.0}, 0);
  CHECK(key_of(p) == "receptor_networks[3].directions");
}

TEST_CASE("A polar ring around a stack: both models peak in the downwind direction", "[dispersion][receptor_network]") {
  Config c;
  c.domain = {-1500.0, 1500.0, -1500.0, 1500.0, 500.0};
  c.plume.grid_nx = c.plume.grid_ny = 5;
  c.meteorology.periods = {routine_period(0.0, 4.0, 240.0, StabilityClass::D, 0.0)};  // blows towards 060
  Source s;
  s.name = "stack";
  s.height_m = 10.0;
  s.emission_rate_kg_s = 1.0;
  c.sources = {s};
  c.receptor_networks = {ring_network(0.0, 0.0, {500.0}, 36)};
  expand_receptor_networks(c);
  REQUIRE(c.receptors.size() == 36);

  const PlumeResult plume = run_plume_model(c);
  const auto& v = plume.receptor_concentration;
  const auto best = static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
  CHECK(c.receptors[best].name == "ring500m[060]");
  // The azimuthal profile falls off symmetrically either side of the wind (the Gaussian in crosswind).
  CHECK(v[best - 1] == Approx(v[best + 1]).epsilon(1e-9));
  CHECK(v[best - 1] < v[best]);
  // Upwind half of the ring gets nothing.
  CHECK(v[24] == 0.0);

  c.plume.enabled = false;
  c.eulerian.enabled = true;
  c.eulerian.nx = c.eulerian.ny = 30;
  c.eulerian.nz = 10;
  c.eulerian.duration_s = 1200.0;
  c.eulerian.output_interval_s = 1200.0;
  const EulerianResult e = run_eulerian_model(c);
  const auto& ve = e.receptor_peak_kg_m3;
  const auto best_e = static_cast<std::size_t>(std::max_element(ve.begin(), ve.end()) - ve.begin());
  CHECK(c.receptors[best_e].name == "ring500m[060]");
}
