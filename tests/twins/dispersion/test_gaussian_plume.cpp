// Gaussian plume: the scalar reference (plume_concentration*) and the vectorised kernel
// (accumulate_plume_concentration) against hand-computed values and the plume's analytic properties.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "base/error.hpp"
#include "twins/dispersion/gaussian_plume.hpp"

using namespace twinlab::twins::dispersion;

namespace {

constexpr double kPi = std::numbers::pi;

PlumeSource d_rural_source(double q_kg_s, double h_m, double u_m_s) {
  PlumeSource s;
  s.emission_rate_kg_s = q_kg_s;
  s.effective_height_m = h_m;
  s.wind_speed_m_s = u_m_s;
  s.wind_direction_deg = 270.0;  // towards +x: downwind = x, crosswind = y
  s.sigma = briggs_sigma_coefficients(StabilityClass::D, Terrain::Rural);
  return s;
}

// The kernel at a list of points (one source).
std::vector<double> kernel(const PlumeSource& s, const std::vector<double>& x, const std::vector<double>& y,
                           const std::vector<double>& z, int threads = 1) {
  std::vector<double> c(x.size(), 0.0);
  accumulate_plume_concentration(std::span(&s, 1), {x.data(), y.data(), z.data(), x.size()}, c.data(), threads);
  return c;
}

double kernel_at(const PlumeSource& s, double x, double y, double z) {
  return kernel(s, {x}, {y}, {z}).front();
}

}  // namespace

TEST_CASE("Concentration at documented points, computed by hand", "[dispersion][plume]") {
  // Q = 0.1 kg/s, u = 5 m/s, H = 50 m, class D rural, x = 1000 m, y = 50 m:
  // sy = 80/sqrt(1.1) = 76.27701 m, sz = 60/sqrt(2.5) = 37.94733 m
  // z = 0:   C = Q/(2 pi u sy sz) exp(-y^2/2sy^2) [exp(-(z-H)^2/2sz^2) + exp(-(z+H)^2/2sz^2)] = 7.447458e-7
  // z = 1.5: 7.451737e-7 kg/m^3. Quoted to 8 digits: 1e-7 relative.
  const PlumeSource s = d_rural_source(0.1, 50.0, 5.0);
  CHECK(plume_concentration(s, 1000.0, 50.0, 0.0) == Approx(7.4474576050e-07).epsilon(1e-7));
  CHECK(plume_concentration(s, 1000.0, 50.0, 1.5) == Approx(7.4517372051e-07).epsilon(1e-7));
  // The kernel (fast-math exp, libmvec: a few ulp) agrees to 1e-7 as well.
  CHECK(kernel_at(s, 1000.0, 50.0, 0.0) == Approx(7.4474576050e-07).epsilon(1e-7));
  CHECK(kernel_at(s, 1000.0, -50.0, 1.5) == Approx(7.4517372051e-07).epsilon(1e-7));

  // Class F rural, Q = 1 kg/s, u = 2 m/s, H = 30 m, on the plume axis at x = 2000 m, z = 30 m:
  // sy = 80/sqrt(1.2) = 73.02967 m, sz = 32/1.6 = 20 m, C = Q/(2 pi u sy sz) (1 + exp(-60^2/(2*400)))
  // = 5.508822e-5 kg/m^3.
  PlumeSource f = d_rural_source(1.0, 30.0, 2.0);
  f.sigma = briggs_sigma_coefficients(StabilityClass::F, Terrain::Rural);
  CHECK(plume_concentration(f, 2000.0, 0.0, 30.0) == Approx(5.5088221422e-05).epsilon(1e-7));
  CHECK(kernel_at(f, 2000.0, 0.0, 30.0) == Approx(5.5088221422e-05).epsilon(1e-7));
}

TEST_CASE("Linear in Q, inversely proportional to u, symmetric in y", "[dispersion][plume]") {
  const double x = GENERATE(80.0, 700.0, 4000.0);
  const double y = GENERATE(0.0, 25.0, 300.0);
  const double z = GENERATE(0.0, 1.5, 40.0);
  CAPTURE(x, y, z);
  const PlumeSource s = d_rural_source(0.3, 35.0, 4.0);
  PlumeSource s2 = s;
  s2.emission_rate_kg_s = 0.9;
  PlumeSource s3 = s;
  s3.wind_speed_m_s = 8.0;
  const double c = kernel_at(s, x, y, z);
  // Exact scalings of a product; rounding only: 1e-12 relative.
  CHECK(kernel_at(s2, x, y, z) == Approx(3.0 * c).epsilon(1e-12));
  CHECK(kernel_at(s3, x, y, z) == Approx(0.5 * c).epsilon(1e-12));
  CHECK(kernel_at(s, x, -y, z) == Approx(c).epsilon(1e-12));
  CHECK(plume_concentration(s, x, -y, z) == Approx(plume_concentration(s, x, y, z)).epsilon(1e-12));
}

TEST_CASE("Ground reflection", "[dispersion][plume]") {
  const double x = GENERATE(50.0, 500.0, 5000.0);
  const double y = GENERATE(0.0, 40.0);
  CAPTURE(x, y);
  const PlumeSource ground = d_rural_source(1.0, 0.0, 3.0);
  const double sy = briggs_sigma_y_m(StabilityClass::D, Terrain::Rural, x);
  const double sz = briggs_sigma_z_m(StabilityClass::D, Terrain::Rural, x);
  // Unreflected plume at the ground for a ground source: Q/(2 pi u sy sz) exp(-y^2/2sy^2); reflection
  // doubles it exactly (the image is at the same distance). 1e-12: rounding.
  const double unreflected = 1.0 / (2.0 * kPi * 3.0 * sy * sz) * std::exp(-y * y / (2.0 * sy * sy));
  CHECK(plume_concentration(ground, x, y, 0.0) == Approx(2.0 * unreflected).epsilon(1e-12));
  CHECK(kernel_at(ground, x, y, 0.0) == Approx(2.0 * unreflected).epsilon(1e-12));
  // Elevated source, receptor at 10 m: the source plus its image below the ground.
  const PlumeSource elevated = d_rural_source(1.0, 60.0, 3.0);
  const double image = unreflected * (std::exp(-50.0 * 50.0 / (2 * sz * sz)) + std::exp(-70.0 * 70.0 / (2 * sz * sz)));
  CHECK(plume_concentration(elevated, x, y, 10.0) == Approx(image).epsilon(1e-12).margin(1e-300));
  CHECK(kernel_at(elevated, x, y, 10.0) == Approx(image).epsilon(1e-12).margin(1e-300));
}

TEST_CASE("No concentration upwind or level with the source", "[dispersion][plume]") {
  const PlumeSource s = d_rural_source(1.0, 0.0, 3.0);
  for (double x : {-1000.0, -1.0, -1e-9, 0.0}) {
    CAPTURE(x);
    CHECK(plume_concentration(s, x, 0.0, 0.0) == 0.0);
    CHECK(kernel_at(s, x, 0.0, 0.0) == 0.0);
    CHECK(kernel_at(s, x, 30.0, 1.5) == 0.0);
  }
  CHECK(kernel_at(s, 1e-3, 0.0, 0.0) > 0.0);
}

TEST_CASE("Wind direction: rotating the wind by 90 degrees moves the plume to the matching axis",
          "[dispersion][plume]") {
  PlumeSource s = d_rural_source(1.0, 20.0, 4.0);
  s.x_m = 100.0;
  s.y_m = -50.0;
  // Wind from 270 (west) blows towards +x; from 180 (south) towards +y; from 90 towards -x; from 0/360 -y.
  struct Case { double from_deg, dx, dy; };
  const Case cases[] = {{270.0, 800.0, 0.0}, {180.0, 0.0, 800.0}, {90.0, -800.0, 0.0}, {0.0, 0.0, -800.0},
                        {360.0, 0.0, -800.0}, {225.0, 800.0 / std::sqrt(2.0), 800.0 / std::sqrt(2.0)}};
  const double axis = plume_concentration_downwind(s, 800.0, 0.0, 1.5);
  REQUIRE(axis > 0.0);
  for (const Case& c : cases) {
    CAPTURE(c.from_deg);
    s.wind_direction_deg = c.from_deg;
    // sin/cos of the angle round to ~1e-16, so the downwind distance is 800 m to ~1e-13: 1e-10 relative.
    CHECK(kernel_at(s, s.x_m + c.dx, s.y_m + c.dy, 1.5) == Approx(axis).epsilon(1e-10));
    CHECK(plume_concentration(s, s.x_m + c.dx, s.y_m + c.dy, 1.5) == Approx(axis).epsilon(1e-10));
    // The opposite point is upwind.
    CHECK(kernel_at(s, s.x_m - c.dx, s.y_m - c.dy, 1.5) == 0.0);
  }
  // Wind from the west: a receptor north of the axis is off the plume centre line, one on it is not.
  s.wind_direction_deg = 270.0;
  CHECK(kernel_at(s, s.x_m + 800.0, s.y_m + 100.0, 1.5) < 0.5 * axis);
}

TEST_CASE("First-order decay along the travel time", "[dispersion][plume]") {
  PlumeSource s = d_rural_source(1.0, 10.0, 4.0);
  const double c0 = kernel_at(s, 2000.0, 30.0, 1.5);
  s.decay_rate_1_s = 1e-3;
  // exp(-k x / u) = exp(-1e-3 * 2000 / 4) = exp(-0.5); 1e-12 relative: rounding.
  CHECK(kernel_at(s, 2000.0, 30.0, 1.5) == Approx(c0 * std::exp(-0.5)).epsilon(1e-12));
  CHECK(plume_concentration(s, 2000.0, 30.0, 1.5) == Approx(c0 * std::exp(-0.5)).epsilon(1e-12));
}

TEST_CASE("Mixing lid: image series, well-mixed limit and the lid rules", "[dispersion][plume][lid]") {
  // Class A rural: sigma_z = 0.2 x, so sigma_z = 1.6 L at x = 8 L exactly.
  PlumeSource s = d_rural_source(1.0, 100.0, 5.0);
  s.sigma = briggs_sigma_coefficients(StabilityClass::A, Terrain::Rural);
  s.mixing_height_m = 300.0;
  const double lid = 300.0;
  auto well_mixed = [&](double x, double y) {
    const double sy = briggs_sigma_y_m(StabilityClass::A, Terrain::Rural, x);
    return 1.0 / (std::sqrt(2.0 * kPi) * 5.0 * sy * lid) * std::exp(-y * y / (2.0 * sy * sy));
  };
  // Direct image sum written out here, n = -60..60 (far beyond any contributing term).
  auto images = [&](double x, double y, double z) {
    const double sy = briggs_sigma_y_m(StabilityClass::A, Terrain::Rural, x);
    const double sz = 0.2 * x, h = 100.0;
    double v = 0.0;
    for (int n = -60; n <= 60; ++n) {
      v += std::exp(-std::pow(z - h - 2.0 * n * lid, 2) / (2 * sz * sz)) +
           std::exp(-std::pow(z + h - 2.0 * n * lid, 2) / (2 * sz * sz));
    }
    return 1.0 / (2.0 * kPi * 5.0 * sy * sz) * std::exp(-y * y / (2.0 * sy * sy)) * v;
  };

  SECTION("the truncated image series equals the full sum") {
    const double x = GENERATE(300.0, 1000.0, 1800.0, 2390.0);  // sigma_z/L = 0.2 .. 1.59
    const double z = GENERATE(0.0, 1.5, 150.0, 299.0);
    CAPTURE(x, z);
    // Truncation below 1.4e-10 of V (gaussian_plume.hpp), rounding ~1e-14: 1e-9 relative.
    CHECK(kernel_at(s, x, 20.0, z) == Approx(images(x, 20.0, z)).epsilon(1e-9));
    CHECK(plume_concentration(s, x, 20.0, z) == Approx(images(x, 20.0, z)).epsilon(1e-9));
  }
  SECTION("images converge to the well-mixed value far downwind") {
    // sigma_z/L = 1.0, 1.3, 1.55: the difference from well-mixed falls like exp(-pi^2 (sz/L)^2 / 2).
    double previous = 1.0;
    for (double x : {1500.0, 1950.0, 2325.0}) {
      const double rel = std::abs(images(x, 0.0, 1.5) / well_mixed(x, 0.0) - 1.0);
      CAPTURE(x, rel);
      CHECK(rel < previous);
      previous = rel;
      // Bound 2 exp(-pi^2 (sz/L)^2 / 2) from the Fourier form of the series.
      CHECK(rel <= 2.0 * std::exp(-kPi * kPi * std::pow(0.2 * x / lid, 2) / 2.0) * 1.0001);
      CHECK(kernel_at(s, x, 0.0, 1.5) == Approx(images(x, 0.0, 1.5)).epsilon(1e-9));
    }
    CHECK(previous < 2e-5);
    // Beyond sigma_z = 1.6 L the kernel uses the well-mixed form itself (rounding: 1e-12).
    for (double x : {2500.0, 10000.0}) {
      CHECK(kernel_at(s, x, 50.0, 1.5) == Approx(well_mixed(x, 50.0)).epsilon(1e-12));
      CHECK(kernel_at(s, x, 50.0, 250.0) == Approx(well_mixed(x, 50.0)).epsilon(1e-12));
      CHECK(plume_concentration(s, x, 50.0, 1.5) == Approx(well_mixed(x, 50.0)).epsilon(1e-12));
    }
    // Continuity across the switch at x = 8 L = 2400 m: within the 7e-6 bound of gaussian_plume.hpp.
    CHECK(kernel_at(s, 2399.999, 0.0, 1.5) == Approx(kernel_at(s, 2400.001, 0.0, 1.5)).epsilon(1e-5));
  }
  SECTION("a lid raises the ground concentration once it is felt") {
    PlumeSource open = s;
    open.mixing_height_m = 0.0;
    CHECK(kernel_at(s, 2000.0, 0.0, 0.0) > 1.2 * kernel_at(open, 2000.0, 0.0, 0.0));
    // Near the source (sigma_z = 60 m) the lid 300 m up changes the ground value by < 1e-6.
    CHECK(kernel_at(s, 300.0, 0.0, 0.0) == Approx(kernel_at(open, 300.0, 0.0, 0.0)).epsilon(1e-6));
  }
  SECTION("source above the lid, receptor above the lid") {
    PlumeSource high = s;
    high.effective_height_m = 350.0;
    CHECK(kernel_at(high, 1000.0, 0.0, 0.0) == 0.0);
    CHECK(kernel_at(high, 1000.0, 0.0, 350.0) == 0.0);
    CHECK(plume_concentration(high, 1000.0, 0.0, 0.0) == 0.0);
    CHECK(kernel_at(s, 1000.0, 0.0, 301.0) == 0.0);
    CHECK(plume_concentration(s, 1000.0, 0.0, 301.0) == 0.0);
    CHECK(kernel_at(s, 1000.0, 0.0, 300.0) > 0.0);  // at the lid itself: still inside
  }
}

TEST_CASE("Kernel equals the scalar reference for every curve, with and without lid", "[dispersion][plume]") {
  const auto cls = static_cast<StabilityClass>(GENERATE(range(0, 6)));
  const Terrain terrain = GENERATE(Terrain::Rural, Terrain::Urban);
  const double lid = GENERATE(0.0, 400.0);
  CAPTURE(static_cast<int>(cls), static_cast<int>(terrain), lid);
  PlumeSource s;
  s.x_m = 250.0;
  s.y_m = 400.0;
  s.emission_rate_kg_s = 2.0;
  s.effective_height_m = 45.0;
  s.wind_speed_m_s = 3.5;
  s.wind_direction_deg = 237.0;
  s.sigma = briggs_sigma_coefficients(cls, terrain);
  s.mixing_height_m = lid;
  s.decay_rate_1_s = 2e-4;
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> ux(-2000.0, 8000.0), uz(0.0, 450.0);
  const std::size_t n = 3001;  // not a multiple of the SIMD width or the block: exercises the remainders
  std::vector<double> x(n), y(n), z(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = ux(rng);
    y[i] = ux(rng);
    z[i] = i % 3 == 0 ? 1.5 : uz(rng);
  }
  const std::vector<double> c1 = kernel(s, x, y, z, 1);
  const std::vector<double> c2 = kernel(s, x, y, z, 2);
  const double peak = *std::max_element(c1.begin(), c1.end());
  REQUIRE(peak > 0.0);
  int compared = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double ref = plume_concentration(s, x[i], y[i], z[i]);
    CAPTURE(i, x[i], y[i], z[i]);
    // libmvec exp is accurate to a few ulp; the lid recurrence and the truncation add < 1.4e-10 relative;
    // 1e-9 relative, plus 1e-13 of the field's peak for values in the far tails/denormal range.
    REQUIRE(c1[i] == Approx(ref).epsilon(1e-9).margin(1e-13 * peak));
    REQUIRE(c2[i] == c1[i]);  // threads split the receptors, never a sum: bitwise identical
    if (ref > 1e-6 * peak) ++compared;
  }
  CHECK(compared > 50);  // the comparison saw the plume, not only zeros
}

TEST_CASE("Several sources add up", "[dispersion][plume]") {
  PlumeSource a = d_rural_source(1.0, 30.0, 4.0);
  PlumeSource b = d_rural_source(0.5, 10.0, 4.0);
  b.y_m = 60.0;
  const std::vector<double> x{500.0, 900.0}, y{0.0, 50.0}, z{1.5, 1.5};
  std::vector<double> c(2, 1.0);  // accumulate adds to what is there
  const PlumeSource both[] = {a, b};
  accumulate_plume_concentration(both, {x.data(), y.data(), z.data(), 2}, c.data());
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(c[i] - 1.0 == Approx(plume_concentration(a, x[i], y[i], z[i]) + plume_concentration(b, x[i], y[i], z[i]))
                            .epsilon(1e-9));
  }
}

TEST_CASE("Invalid plume input is rejected", "[dispersion][plume]") {
  using twinlab::base::InputError;
  PlumeSource s = d_rural_source(1.0, 30.0, 4.0);
  PlumeSource bad = s;
  bad.wind_speed_m_s = 0.0;
  CHECK_THROWS_AS(plume_concentration(bad, 100.0, 0.0, 0.0), twinlab::base::InputError);
  bad = s;
  bad.emission_rate_kg_s = -1.0;
  CHECK_THROWS_AS(kernel_at(bad, 100.0, 0.0, 0.0), twinlab::base::InputError);
  bad = s;
  bad.effective_height_m = std::nan("");
  CHECK_THROWS_AS(kernel_at(bad, 100.0, 0.0, 0.0), twinlab::base::InputError);
  CHECK_THROWS_AS(kernel_at(s, 100.0, 0.0, -1.0), twinlab::base::InputError);
  CHECK_THROWS_AS(kernel_at(s, std::nan(""), 0.0, 1.0), twinlab::base::InputError);
}

TEST_CASE("Tiles: skipping unreachable (source, tile) pairs changes no value", "[dispersion][plume][tiles]") {
  // Receptors on a 120 x 80 grid in 8 x 8 patches (compact tiles), sources of every class and lid; the tiled
  // evaluation must be bitwise equal to the plain one, and must actually skip pairs (some tiles upwind).
  const auto cls = static_cast<StabilityClass>(GENERATE(range(0, 6)));
  const double lid = GENERATE(0.0, 400.0);
  std::vector<PlumeSource> sources(3);
  for (std::size_t k = 0; k < sources.size(); ++k) {
    PlumeSource& s = sources[k];
    s.x_m = 300.0 + 900.0 * static_cast<double>(k);
    s.y_m = 1500.0 - 400.0 * static_cast<double>(k);
    s.emission_rate_kg_s = 1.0;
    s.effective_height_m = 40.0 + 20.0 * static_cast<double>(k);
    s.wind_speed_m_s = 3.0;
    s.wind_direction_deg = 250.0 + 30.0 * static_cast<double>(k);
    s.sigma = briggs_sigma_coefficients(cls, Terrain::Rural);
    s.mixing_height_m = lid;
  }
  std::vector<double> x, y, z;
  for (std::size_t pj = 0; pj < 10; ++pj)
    for (std::size_t pi = 0; pi < 15; ++pi)
      for (std::size_t j = 0; j < 8; ++j)
        for (std::size_t i = 0; i < 8; ++i) {
          x.push_back(25.0 * static_cast<double>(8 * pi + i));
          y.push_back(25.0 * static_cast<double>(8 * pj + j));
          z.push_back(1.5);
        }
  x.push_back(3000.0);  // one receptor more: a last, partial tile
  y.push_back(1000.0);
  z.push_back(1.5);
  const ReceptorSpan span{x.data(), y.data(), z.data(), x.size()};
  const auto prepared = prepare_plume_sources(sources);
  const ReceptorTiles tiles = receptor_tiles(span);
  REQUIRE(tiles.x_min.size() == 151);
  CHECK(tiles.x_max[0] == 175.0);
  std::vector<double> plain(x.size(), 0.0), tiled(x.size(), 0.0);
  accumulate_prepared_plume(prepared, span, plain.data());
  accumulate_prepared_plume(prepared, span, tiled.data(), &tiles);
  std::size_t zero = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    CAPTURE(i);
    REQUIRE(tiled[i] == plain[i]);
    zero += plain[i] == 0.0;
  }
  CHECK(zero > 0);
}

TEST_CASE("Tiles: the negligible sector changes values by less than 1e-30 of the axis values",
          "[dispersion][plume][tiles]") {
  // The long-run sector (kNegligibleSectorSigmas = 11.8 sigma_y) skips tiles whose values are tiny but not 0.
  // Each receptor's change must stay below 1e-30 of the sum of the sources' values on their axes at the same
  // downwind distance and height (gaussian_plume.hpp), and the narrower sector must skip pairs the exact one
  // keeps (some value changes), or it would be pointless.
  const auto cls = static_cast<StabilityClass>(GENERATE(range(0, 6)));
  const double lid = GENERATE(0.0, 400.0);
  std::vector<PlumeSource> sources(3);
  for (std::size_t k = 0; k < sources.size(); ++k) {
    PlumeSource& s = sources[k];
    s.x_m = 300.0 + 900.0 * static_cast<double>(k);
    s.y_m = 1500.0 - 400.0 * static_cast<double>(k);
    s.emission_rate_kg_s = 1.0;
    s.effective_height_m = 40.0 + 20.0 * static_cast<double>(k);
    s.wind_speed_m_s = 3.0;
    s.wind_direction_deg = 250.0 + 30.0 * static_cast<double>(k);
    s.sigma = briggs_sigma_coefficients(cls, Terrain::Rural);
    s.mixing_height_m = lid;
  }
  std::vector<double> x, y, z;
  for (std::size_t pj = 0; pj < 10; ++pj)
    for (std::size_t pi = 0; pi < 15; ++pi)
      for (std::size_t j = 0; j < 8; ++j)
        for (std::size_t i = 0; i < 8; ++i) {
          x.push_back(25.0 * static_cast<double>(8 * pi + i));
          y.push_back(25.0 * static_cast<double>(8 * pj + j));
          z.push_back(1.5);
        }
  const ReceptorSpan span{x.data(), y.data(), z.data(), x.size()};
  const auto prepared = prepare_plume_sources(sources);
  const ReceptorTiles tiles = receptor_tiles(span);
  std::vector<double> plain(x.size(), 0.0), narrow(x.size(), 0.0);
  accumulate_prepared_plume(prepared, span, plain.data());
  accumulate_prepared_plume(prepared, span, narrow.data(), &tiles, kNegligibleSectorSigmas);
  std::size_t changed = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    double axis = 0.0;
    for (const PlumeSource& s : sources) {
      const DownwindOffset o = downwind_offset(s, x[i], y[i]);
      if (o.downwind_m > 0.0) axis += plume_concentration_downwind(s, o.downwind_m, 0.0, z[i]);
    }
    CAPTURE(i, plain[i], narrow[i], axis);
    // + 1e-250: where the whole exponent is in [-650, -600) the kernel returns its floor exp(-600) times the
    // prefactor (gaussian_plume_kernel.cpp) rather than the smaller exact value; that floor is not the sector's.
    REQUIRE(std::abs(narrow[i] - plain[i]) <= 1e-30 * axis + 1e-250);
    changed += narrow[i] != plain[i];
  }
  CHECK(changed > 0);
}
