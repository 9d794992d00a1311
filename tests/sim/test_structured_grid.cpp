// Tests of sim/structured_grid.*: indexing, geometry, point location and trilinear interpolation.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "base/error.hpp"
#include "sim/structured_grid.hpp"

using twinlab::sim::CellIndex;
using twinlab::base::InputError;
using twinlab::sim::StructuredGrid;

namespace {

StructuredGrid sample_grid() { return StructuredGrid(5, 4, 3, -10.0, 20.0, 0.0, 2.0, 5.0, 10.0); }

}  // namespace

TEST_CASE("index is x fastest, then y, then z, and cell() inverts it", "[structured_grid]") {
  const StructuredGrid g = sample_grid();
  REQUIRE(g.cell_count() == 60);
  REQUIRE(g.plane_size() == 20);
  CHECK(g.index(0, 0, 0) == 0);
  CHECK(g.index(1, 0, 0) == 1);
  CHECK(g.index(0, 1, 0) == 5);
  CHECK(g.index(0, 0, 1) == 20);
  CHECK(g.index(4, 3, 2) == 59);
  for (std::size_t n = 0; n < g.cell_count(); ++n) {
    const CellIndex c = g.cell(n);
    CAPTURE(n, c.i, c.j, c.k);
    REQUIRE(g.index(c) == n);
  }
}

TEST_CASE("geometry: corners, centres, volume", "[structured_grid]") {
  const StructuredGrid g = sample_grid();
  CHECK(g.x_max_m() == Approx(0.0));
  CHECK(g.y_max_m() == Approx(40.0));
  CHECK(g.z_max_m() == Approx(30.0));
  CHECK(g.x_centre_m(0) == Approx(-9.0));
  CHECK(g.y_centre_m(3) == Approx(37.5));
  CHECK(g.z_centre_m(1) == Approx(15.0));
  CHECK(g.cell_volume_m3() == Approx(100.0));
  CHECK(g.x_centres_m().size() == 5);
  CHECK(g.z_centres_m().back() == Approx(25.0));

  const StructuredGrid c = StructuredGrid::covering(10, 20, 5, 0.0, 1000.0, -500.0, 500.0, 0.0, 250.0);
  CHECK(c.dx_m() == Approx(100.0));
  CHECK(c.dy_m() == Approx(50.0));
  CHECK(c.dz_m() == Approx(50.0));
  CHECK(c.y_min_m() == Approx(-500.0));
}

TEST_CASE("locate finds the containing cell and rejects outside points", "[structured_grid]") {
  const StructuredGrid g = sample_grid();
  auto c = g.locate(-9.5, 21.0, 29.0);
  REQUIRE(c.has_value());
  CHECK(*c == CellIndex{0, 0, 2});
  c = g.locate(-4.0, 30.0, 10.0);  // on faces: the upper cell
  REQUIRE(c.has_value());
  CHECK(*c == CellIndex{3, 2, 1});
  c = g.locate(0.0, 40.0, 30.0);  // the upper corner belongs to the last cell
  REQUIRE(c.has_value());
  CHECK(*c == CellIndex{4, 3, 2});
  CHECK_FALSE(g.locate(-10.001, 25.0, 5.0).has_value());
  CHECK_FALSE(g.locate(-5.0, 40.001, 5.0).has_value());
  CHECK_FALSE(g.locate(-5.0, 25.0, -0.001).has_value());
  CHECK_FALSE(g.locate(std::nan(""), 25.0, 5.0).has_value());
}

TEST_CASE("trilinear interpolation is exact for trilinear fields and clamps at the edges", "[structured_grid]") {
  const StructuredGrid g = sample_grid();
  // f = 1 + 2x - 3y + 0.5z + 0.1 x y z is trilinear, so interpolation between centres reproduces it.
  auto f = [](double x, double y, double z) { return 1.0 + 2.0 * x - 3.0 * y + 0.5 * z + 0.1 * x * y * z; };
  Eigen::VectorXd field = g.make_field();
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i)
        field[static_cast<Eigen::Index>(g.index(i, j, k))] = f(g.x_centre_m(i), g.y_centre_m(j), g.z_centre_m(k));

  const double x = GENERATE(-9.0, -7.3, -4.0, -1.0);
  const double y = GENERATE(22.5, 29.9, 37.5);
  const double z = GENERATE(5.0, 12.0, 24.9);
  CAPTURE(x, y, z);
  CHECK(g.interpolate(field, x, y, z) == Approx(f(x, y, z)).epsilon(1e-12));

  // Outside the hull of centres the coordinate is clamped to it.
  CHECK(g.interpolate(field, x, y, 0.5) == Approx(f(x, y, 5.0)).epsilon(1e-12));
  CHECK(g.interpolate(field, -50.0, y, z) == Approx(f(-9.0, y, z)).epsilon(1e-12));
  CHECK(g.interpolate(field, x, 100.0, z) == Approx(f(x, 37.5, z)).epsilon(1e-12));
}

TEST_CASE("interpolation on a grid one cell thick returns that cell's value", "[structured_grid]") {
  const StructuredGrid g(1, 1, 1, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0);
  Eigen::VectorXd field(1);
  field << 4.25;
  CHECK(g.interpolate(field, 0.9, 0.1, 3.0) == 4.25);
}

TEST_CASE("bad grids and fields are rejected with the key named", "[structured_grid]") {
  CHECK_THROWS_AS(StructuredGrid(0, 1, 1, 0, 0, 0, 1, 1, 1), twinlab::base::InputError);
  CHECK_THROWS_WITH(StructuredGrid(1, 1, 1, 0, 0, 0, 1, -1, 1), Catch::Contains("grid.dy_m"));
  CHECK_THROWS_AS(StructuredGrid(1, 1, 1, std::nan(""), 0, 0, 1, 1, 1), twinlab::base::InputError);
  CHECK_THROWS_AS(StructuredGrid::covering(4, 4, 4, 10.0, 0.0, 0.0, 1.0, 0.0, 1.0), twinlab::base::InputError);
  const StructuredGrid g = sample_grid();
  const Eigen::VectorXd wrong = Eigen::VectorXd::Zero(7);
  CHECK_THROWS_AS(g.interpolate(wrong, 0, 0, 0), twinlab::base::InputError);
}

TEST_CASE("stretched layers: geometric faces, centres, volumes, locate and interpolation", "[structured_grid]") {
  // 8 layers over 100 m, the first 2 m thick: the ratio solving 2 (r^8 - 1) / (r - 1) = 100 is 1.5005...
  const std::vector<double> faces = twinlab::sim::geometric_layer_faces(0.0, 100.0, 8, 2.0);
  REQUIRE(faces.size() == 9);
  CHECK(faces.front() == 0.0);
  CHECK(faces.back() == 100.0);
  CHECK(faces[1] == Approx(2.0).epsilon(1e-14));
  const double r = twinlab::sim::layer_growth_ratio(faces);
  double sum = 0.0;
  for (int k = 0; k < 8; ++k) sum += 2.0 * std::pow(r, k);
  CHECK(sum == Approx(100.0).epsilon(1e-12));
  for (std::size_t k = 2; k < faces.size(); ++k)  // every ratio the same (geometric)
    CHECK((faces[k] - faces[k - 1]) / (faces[k - 1] - faces[k - 2]) == Approx(r).epsilon(1e-12));
  // Given the ratio instead, the first layer follows and the same faces come back.
  const std::vector<double> again = twinlab::sim::geometric_layer_faces_with_ratio(0.0, 100.0, 8, r);
  for (std::size_t k = 0; k < faces.size(); ++k) CHECK(again[k] == Approx(faces[k]).margin(1e-9));
  CHECK_THROWS_AS(twinlab::sim::geometric_layer_faces(0.0, 100.0, 8, 20.0), InputError);  // > 100 / 8
  CHECK_THROWS_AS(twinlab::sim::geometric_layer_faces_with_ratio(0.0, 100.0, 8, 0.9), InputError);

  const StructuredGrid g(4, 3, 0.0, 0.0, 10.0, 10.0, faces);
  CHECK_FALSE(g.uniform_z());
  CHECK(g.nz() == 8);
  CHECK_THROWS_AS(g.dz_m(), std::logic_error);
  CHECK(g.dz_m(0) == Approx(2.0));
  CHECK(g.z_centre_m(0) == Approx(1.0));
  CHECK(g.z_centre_m(1) == Approx(2.0 + r));
  CHECK(g.cell_volume_m3(0) == Approx(200.0));
  CHECK(g.z_max_m() == 100.0);
  CHECK(g.z_centres_m().back() == Approx(0.5 * (faces[7] + 100.0)));
  // locate: the layer holding z; a face belongs to the layer above it, the top to the last.
  CHECK(g.locate(5.0, 5.0, 1.9)->k == 0);
  CHECK(g.locate(5.0, 5.0, faces[3])->k == 3);
  CHECK(g.locate(5.0, 5.0, 99.0)->k == 7);
  CHECK(g.locate(5.0, 5.0, 100.0)->k == 7);
  CHECK_FALSE(g.locate(5.0, 5.0, 100.001).has_value());
  // Interpolation is linear between the (unevenly spaced) centres: exact for f = 3 + 0.5 z.
  Eigen::VectorXd f = g.make_field();
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) f[static_cast<Eigen::Index>(g.index(i, j, k))] = 3.0 + 0.5 * g.z_centre_m(k);
  for (const double z : {1.0, 1.5, 2.7, 10.0, 33.3, g.z_centre_m(7)}) CHECK(g.interpolate(f, 12.0, 17.0, z) == Approx(3.0 + 0.5 * z));
  CHECK(g.interpolate(f, 12.0, 17.0, 0.2) == Approx(3.5));  // clamped below the lowest centre

  // Even faces make a uniform grid, with the uniform grid's arithmetic.
  const StructuredGrid u(4, 3, 0.0, 0.0, 10.0, 10.0, {0.0, 5.0, 10.0, 15.0});
  CHECK(u.uniform_z());
  CHECK(u.dz_m() == 5.0);
  CHECK_THROWS_AS(StructuredGrid(4, 3, 0.0, 0.0, 10.0, 10.0, {0.0, 5.0, 5.0}), InputError);
}
