// Area sources integrated exactly over the outline: against dense sums of point sources (converging as the
// point count grows), against one point source as the area shrinks, and the stated error bound.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "twins/dispersion/area_source.hpp"
#include "twins/dispersion/briggs_sigma.hpp"

using namespace twinlab::twins::dispersion;

namespace {

PlumeSource release(double height_m, double wind_from_deg) {
  PlumeSource p;
  p.emission_rate_kg_s = 1.0;  // unused by the area integral
  p.effective_height_m = height_m;
  p.wind_speed_m_s = 3.0;
  p.wind_direction_deg = wind_from_deg;
  p.sigma = briggs_sigma_coefficients(StabilityClass::D, Terrain::Rural);
  return p;
}

// Midpoint sum over the cells of an N x N grid covering [x0, x0 + side]^2, keeping the cells whose centre
// is inside(x, y); each cell a point source of rate flux * cell area.
template <class Inside>
double point_sum(const PlumeSource& base, double flux, double x0, double y0, double side, int n, Inside inside,
                 double rx, double ry, double rz) {
  const double h = side / n;
  double sum = 0.0;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      PlumeSource p = base;
      p.x_m = x0 + (i + 0.5) * h;
      p.y_m = y0 + (j + 0.5) * h;
      if (!inside(p.x_m, p.y_m)) continue;
      p.emission_rate_kg_s = flux * h * h;
      sum += plume_concentration(p, rx, ry, rz);
    }
  }
  return sum;
}

}  // namespace

TEST_CASE("An L-shaped area equals the limit of dense point sums", "[dispersion][area_source]") {
  // L = [0,100]x[0,40] u [0,40]x[40,100]: non-convex, so the cross-section at some distances is two intervals.
  const std::vector<Vertex> outline = {{0, 0}, {100, 0}, {100, 40}, {40, 40}, {40, 100}, {0, 100}};
  const auto inside = [](double x, double y) { return (y < 40.0) || (x < 40.0); };
  const double flux = 1e-4;  // kg/s/m^2
  const PlumeSource base = release(2.0, GENERATE(270.0, 235.0, 200.0));
  // The receptor 400 m downwind of the yard's bounding-box centre, on the axis or 60 m aside.
  const double theta = base.wind_direction_deg * std::numbers::pi / 180.0;
  const double ex = -std::sin(theta), ey = -std::cos(theta), aside = GENERATE(0.0, 60.0);
  const double rx = 50.0 + 400.0 * ex - aside * ey, ry = 50.0 + 400.0 * ey + aside * ex, rz = 1.5;
  CAPTURE(base.wind_direction_deg, aside);

  AreaIntegration tight;
  tight.relative_tolerance = 1e-10;
  const AreaResult exact = area_source_concentration(outline, flux, base, rx, ry, rz, tight);
  CAPTURE(exact.concentration_kg_m3, exact.error_bound_kg_m3, exact.subintervals);
  REQUIRE(exact.converged);
  REQUIRE(exact.concentration_kg_m3 > 0.0);

  // The midpoint rule converges as h^2 (the integrand is smooth over every cell here: the receptor is
  // 350 m and more downwind): successive errors shrink about four-fold (3..5 allows the h^4 term), and the
  // Richardson extrapolation (4 S(2N) - S(N)) / 3 cancels the h^2 term, leaving O(h^4) ~ 1e-6 relative.
  double previous_error = 0.0, previous_sum = 0.0;
  for (int n : {10, 20, 40, 80}) {
    const double sum = point_sum(base, flux, 0.0, 0.0, 100.0, n, inside, rx, ry, rz);
    const double error = std::abs(sum - exact.concentration_kg_m3);
    CAPTURE(n, sum, error, previous_error / error);
    if (n > 10) {
      CHECK(previous_error / error == Approx(4.0).margin(1.0));
      const double extrapolated = (4.0 * sum - previous_sum) / 3.0;
      CHECK(extrapolated == Approx(exact.concentration_kg_m3).epsilon(n == 80 ? 2e-6 : 1e-4));
    }
    previous_error = error;
    previous_sum = sum;
  }
}

TEST_CASE("A very small area is the point source", "[dispersion][area_source]") {
  // A 1 m square 500 m upwind: averaging the Gaussian over +-0.5 m crosswind lowers it by s^2 / (24 sy^2)
  // = 1 / (24 * 35^2) = 3.4e-5 relative on the axis (sigma_y(500 m) = 35 m); along the wind the change is
  // ~1e-6. 1e-4 relative bounds both.
  const PlumeSource base = release(10.0, 270.0);
  const std::vector<Vertex> square = {{-0.5, -0.5}, {0.5, -0.5}, {0.5, 0.5}, {-0.5, 0.5}};
  PlumeSource point = base;
  point.emission_rate_kg_s = 2e-3;
  for (double ry : {0.0, 25.0, -60.0}) {
    const double area = area_source_concentration(square, 2e-3, base, 500.0, ry, 1.5).concentration_kg_m3;
    CHECK(area == Approx(plume_concentration(point, 500.0, ry, 1.5)).epsilon(1e-4));
  }
}

TEST_CASE("The error bound holds and the orientation of the outline does not matter", "[dispersion][area_source]") {
  const PlumeSource base = release(0.0, 250.0);
  const std::vector<Vertex> ccw = {{0, 0}, {80, -10}, {120, 60}, {30, 90}, {-20, 40}};
  const std::vector<Vertex> cw(ccw.rbegin(), ccw.rend());
  AreaIntegration tight;
  tight.relative_tolerance = 1e-12;
  for (const auto& [rx, ry] : std::vector<std::pair<double, double>>{{300.0, 40.0}, {60.0, 40.0}, {150.0, 130.0}}) {
    CAPTURE(rx, ry);
    const AreaResult loose = area_source_concentration(ccw, 1e-5, base, rx, ry, 0.0);
    const AreaResult reference = area_source_concentration(cw, 1e-5, base, rx, ry, 0.0, tight);
    CHECK(loose.converged);
    CHECK(loose.error_bound_kg_m3 <= 1e-6 * loose.concentration_kg_m3);
    CHECK(std::abs(loose.concentration_kg_m3 - reference.concentration_kg_m3) <= loose.error_bound_kg_m3);
  }
  // Far in the crosswind tail (7 sigma_y aside) the value is tiny but still converges to a relative 1e-10:
  // the crosswind integral is taken as a difference of erfc there, without cancellation.
  const std::vector<Vertex> yard = {{0, 0}, {100, 0}, {100, 40}, {40, 40}, {40, 100}, {0, 100}};
  const AreaResult tail = area_source_concentration(yard, 1e-4, release(2.0, 235.0), 450.0, 60.0, 1.5, tight);
  CHECK(tail.converged);
  CHECK(tail.concentration_kg_m3 > 0.0);
  // Inside the area at the release height (60, 40): finite, thanks to the 1 m cut.
  CHECK(std::isfinite(area_source_concentration(ccw, 1e-5, base, 60.0, 40.0, 0.0).concentration_kg_m3));
}

TEST_CASE("Upwind receptors and receptors above a lid get nothing", "[dispersion][area_source]") {
  PlumeSource base = release(5.0, 270.0);  // blows towards +x
  const std::vector<Vertex> square = {{0, 0}, {50, 0}, {50, 50}, {0, 50}};
  CHECK(area_source_concentration(square, 1e-4, base, -10.0, 25.0, 1.5).concentration_kg_m3 == 0.0);
  base.mixing_height_m = 100.0;
  CHECK(area_source_concentration(square, 1e-4, base, 300.0, 25.0, 150.0).concentration_kg_m3 == 0.0);
  CHECK(area_source_concentration(square, 1e-4, base, 300.0, 25.0, 50.0).concentration_kg_m3 > 0.0);
}
