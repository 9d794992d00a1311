// A road as a line source: crosswind to the wind it is the analytic infinite line source.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "twins/dispersion/briggs_sigma.hpp"
#include "twins/dispersion/line_source.hpp"

using namespace twinlab::twins::dispersion;

TEST_CASE("A long road crosswind to the wind is the infinite line source", "[dispersion][line_source]") {
  const StabilityClass cls = GENERATE(StabilityClass::B, StabilityClass::D, StabilityClass::F);
  LineRelease road;
  road.centre_line = {{0.0, -20000.0}, {0.0, 0.0}, {0.0, 20000.0}};  // two collinear segments
  road.width_m = 1.0;
  road.plume.emission_rate_kg_s = 40000.0 * 1e-5;  // 1e-5 kg/s per metre over 40 km
  road.plume.effective_height_m = 0.0;
  road.plume.wind_speed_m_s = 2.5;
  road.plume.wind_direction_deg = 270.0;
  road.plume.sigma = briggs_sigma_coefficients(cls, Terrain::Rural);
  const double q_line = 1e-5;
  for (double x : {100.0, 300.0, 1000.0}) {
    CAPTURE(x);
    // Ground-level infinite crosswind line: C = 2 q / (sqrt(2 pi) sigma_z u). Differences: the road's 1 m
    // width averages 1/sigma_z over +-0.5 m, (w^2/24) |f''/f| <= 1e-5 relative at 100 m; the ends 20 km
    // away are hundreds of sigma_y off; the quadrature is within 1e-6. Hence 2e-5.
    const double sz = sigma_at(road.plume.sigma.z, x);
    const double analytic = 2.0 * q_line / (std::sqrt(2.0 * std::numbers::pi) * sz * road.plume.wind_speed_m_s);
    const AreaResult r = line_source_concentration(road, x, 123.0, 0.0);
    CHECK(r.converged);
    CHECK(r.concentration_kg_m3 == Approx(analytic).epsilon(2e-5));
  }
}

TEST_CASE("A road's total emission is its rate whatever its shape", "[dispersion][line_source]") {
  // Far downwind (20 km, sigma_y ~ 1 km >> the road's 200 m extent) a road looks like a point of the same rate.
  LineRelease road;
  road.centre_line = {{0.0, 0.0}, {60.0, 40.0}, {80.0, 120.0}, {40.0, 200.0}};
  road.width_m = 8.0;
  road.plume.emission_rate_kg_s = 0.01;
  road.plume.effective_height_m = 1.0;
  road.plume.wind_speed_m_s = 4.0;
  road.plume.wind_direction_deg = 270.0;
  road.plume.sigma = briggs_sigma_coefficients(StabilityClass::C, Terrain::Rural);
  PlumeSource point = road.plume;
  point.x_m = 60.0;
  point.y_m = 100.0;
  const double line = line_source_concentration(road, 20000.0, 100.0, 1.5).concentration_kg_m3;
  // The centroid of the road differs from (60, 100) by tens of metres: at 20 km that shifts the value by
  // (dx/x) and (dy/sigma_y)^2, a few 1e-3; 1 % is the stated tolerance.
  CHECK(line == Approx(plume_concentration(point, 20000.0, 100.0, 1.5)).epsilon(1e-2));
}
