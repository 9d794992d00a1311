// Volume sources by virtual distances (ISC3).
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "twins/dispersion/volume_source.hpp"

using namespace twinlab::twins::dispersion;

namespace {

VolumeRelease building(double sy0, double sz0) {
  VolumeRelease v;
  v.plume.x_m = 100.0;
  v.plume.y_m = 50.0;
  v.plume.emission_rate_kg_s = 0.2;
  v.plume.effective_height_m = 8.0;
  v.plume.wind_speed_m_s = 3.0;
  v.plume.wind_direction_deg = 270.0;
  v.plume.sigma = briggs_sigma_coefficients(StabilityClass::D, Terrain::Rural);
  v.sigma_y0_m = sy0;
  v.sigma_z0_m = sz0;
  return v;
}

}  // namespace

TEST_CASE("Virtual distances reproduce the initial spreads", "[dispersion][volume_source]") {
  const SigmaCoefficients d = briggs_sigma_coefficients(StabilityClass::D, Terrain::Rural);
  for (double s0 : {0.5, 5.0, 40.0}) {
    CHECK(sigma_at(d.y, virtual_distance_m(d.y, s0)) == Approx(s0).epsilon(1e-9));  // bisection to 1e-10
    CHECK(sigma_at(d.z, virtual_distance_m(d.z, s0)) == Approx(s0).epsilon(1e-9));
  }
  // Rural F sigma_z = 0.016 x / (1 + 0.0003 x) never exceeds 0.016 / 0.0003 = 53 m.
  const SigmaCoefficients f = briggs_sigma_coefficients(StabilityClass::F, Terrain::Rural);
  CHECK(std::isinf(virtual_distance_m(f.z, 60.0)));
}

TEST_CASE("A volume source: the point source shifted upwind, finite at its centre", "[dispersion][volume_source]") {
  const VolumeRelease v = building(7.0, 4.0);
  const double xy = virtual_distance_m(v.plume.sigma.y, 7.0), xz = virtual_distance_m(v.plume.sigma.z, 4.0);
  for (double x : {1.0, 50.0, 800.0}) {
    CAPTURE(x);
    const double sy = sigma_at(v.plume.sigma.y, x + xy), sz = sigma_at(v.plume.sigma.z, x + xz);
    const double y = 10.0, z = 1.5, h = 8.0;
    const double expected = 0.2 / (2.0 * std::numbers::pi * 3.0 * sy * sz) * std::exp(-y * y / (2 * sy * sy)) *
                            (std::exp(-(z - h) * (z - h) / (2 * sz * sz)) + std::exp(-(z + h) * (z + h) / (2 * sz * sz)));
    // Same formula, different operation order: 1e-12 relative.
    CHECK(volume_source_concentration(v, 100.0 + x, 50.0 + y, z) == Approx(expected).epsilon(1e-12));
  }
  CHECK(volume_source_concentration(v, 90.0, 50.0, 1.5) == 0.0);  // upwind of the centre

  // Tiny initial sizes: the point source (virtual distances of millimetres: 1e-5 relative at 500 m).
  const VolumeRelease tiny = building(1e-4, 1e-4);
  CHECK(volume_source_concentration(tiny, 600.0, 60.0, 1.5) ==
        Approx(plume_concentration(tiny.plume, 600.0, 60.0, 1.5)).epsilon(1e-5));
}
