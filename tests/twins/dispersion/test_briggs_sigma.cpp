// Briggs (1973) sigma curves against the published formulas, written out independently here (Gifford 1976;
// Seinfeld & Pandis 2006, table 18.3; ISC3 user guide vol. II, table 1-2 notes).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "base/error.hpp"
#include "twins/dispersion/briggs_sigma.hpp"

using namespace twinlab::twins::dispersion;

namespace {

struct Published {
  StabilityClass cls;
  Terrain terrain;
  std::function<double(double)> sigma_y, sigma_z;
};

// The published table, one lambda per cell, deliberately not using the coefficients of the code under test.
const std::vector<Published>& published() {
  static const std::vector<Published> table = {
      {StabilityClass::A, Terrain::Rural, [](double x) { return 0.22 * x / std::sqrt(1 + 0.0001 * x); },
       [](double x) { return 0.20 * x; }},
      {StabilityClass::B, Terrain::Rural, [](double x) { return 0.16 * x / std::sqrt(1 + 0.0001 * x); },
       [](double x) { return 0.12 * x; }},
      {StabilityClass::C, Terrain::Rural, [](double x) { return 0.11 * x / std::sqrt(1 + 0.0001 * x); },
       [](double x) { return 0.08 * x / std::sqrt(1 + 0.0002 * x); }},
      {StabilityClass::D, Terrain::Rural, [](double x) { return 0.08 * x / std::sqrt(1 + 0.0001 * x); },
       [](double x) { return 0.06 * x / std::sqrt(1 + 0.0015 * x); }},
      {StabilityClass::E, Terrain::Rural, [](double x) { return 0.06 * x / std::sqrt(1 + 0.0001 * x); },
       [](double x) { return 0.03 * x / (1 + 0.0003 * x); }},
      {StabilityClass::F, Terrain::Rural, [](double x) { return 0.04 * x / std::sqrt(1 + 0.0001 * x); },
       [](double x) { return 0.016 * x / (1 + 0.0003 * x); }},
      {StabilityClass::A, Terrain::Urban, [](double x) { return 0.32 * x / std::sqrt(1 + 0.0004 * x); },
       [](double x) { return 0.24 * x * std::sqrt(1 + 0.001 * x); }},
      {StabilityClass::B, Terrain::Urban, [](double x) { return 0.32 * x / std::sqrt(1 + 0.0004 * x); },
       [](double x) { return 0.24 * x * std::sqrt(1 + 0.001 * x); }},
      {StabilityClass::C, Terrain::Urban, [](double x) { return 0.22 * x / std::sqrt(1 + 0.0004 * x); },
       [](double x) { return 0.20 * x; }},
      {StabilityClass::D, Terrain::Urban, [](double x) { return 0.16 * x / std::sqrt(1 + 0.0004 * x); },
       [](double x) { return 0.14 * x / std::sqrt(1 + 0.0003 * x); }},
      {StabilityClass::E, Terrain::Urban, [](double x) { return 0.11 * x / std::sqrt(1 + 0.0004 * x); },
       [](double x) { return 0.08 * x / std::sqrt(1 + 0.0015 * x); }},
      {StabilityClass::F, Terrain::Urban, [](double x) { return 0.11 * x / std::sqrt(1 + 0.0004 * x); },
       [](double x) { return 0.08 * x / std::sqrt(1 + 0.0015 * x); }},
  };
  return table;
}

}  // namespace

TEST_CASE("Briggs sigmas equal the published formulas for every class and terrain", "[dispersion][sigma]") {
  const auto row = GENERATE(range(0, 12));
  // 30 m lies below the nominal 100 m - 10 km range: the code uses the same formula there (documented).
  const double x = GENERATE(30.0, 100.0, 500.0, 1000.0, 3000.0, 10000.0);
  const Published& p = published().at(static_cast<std::size_t>(row));
  CAPTURE(static_cast<int>(p.cls), static_cast<int>(p.terrain), x);
  // Same formula evaluated in a different order: agreement to a few ulp, 1e-13 relative leaves margin.
  CHECK(briggs_sigma_y_m(p.cls, p.terrain, x) == Approx(p.sigma_y(x)).epsilon(1e-13));
  CHECK(briggs_sigma_z_m(p.cls, p.terrain, x) == Approx(p.sigma_z(x)).epsilon(1e-13));
}

TEST_CASE("Briggs sigmas at documented points", "[dispersion][sigma]") {
  // Hand-computed from the formulas (Approx default: 1.2e-5 relative, the precision the values are quoted to).
  // Class D rural at 1000 m: sigma_y = 80/sqrt(1.1) = 76.277 m, sigma_z = 60/sqrt(2.5) = 37.947 m.
  CHECK(briggs_sigma_y_m(StabilityClass::D, Terrain::Rural, 1000.0) == Approx(76.27700713));
  CHECK(briggs_sigma_z_m(StabilityClass::D, Terrain::Rural, 1000.0) == Approx(37.94733192));
  // Class F rural at 1000 m: sigma_z = 16/1.3 = 12.3077 m; class A: sigma_z = 200 m.
  CHECK(briggs_sigma_z_m(StabilityClass::F, Terrain::Rural, 1000.0) == Approx(12.30769231));
  CHECK(briggs_sigma_z_m(StabilityClass::A, Terrain::Rural, 1000.0) == Approx(200.0));
  // Urban B at 2000 m: sigma_z = 480 sqrt(3) = 831.384 m (grows faster than linearly: p = +1/2).
  CHECK(briggs_sigma_z_m(StabilityClass::B, Terrain::Urban, 2000.0) == Approx(831.3843876));
  // At x = 0 the plume has no width.
  CHECK(briggs_sigma_y_m(StabilityClass::C, Terrain::Rural, 0.0) == 0.0);
}

TEST_CASE("Sigmas shrink from unstable to stable classes", "[dispersion][sigma]") {
  const Terrain terrain = GENERATE(Terrain::Rural, Terrain::Urban);
  const double x = GENERATE(100.0, 1000.0, 10000.0);
  for (int k = 0; k + 1 < 6; ++k) {
    const auto a = static_cast<StabilityClass>(k), b = static_cast<StabilityClass>(k + 1);
    CAPTURE(k, x, static_cast<int>(terrain));
    CHECK(briggs_sigma_y_m(a, terrain, x) >= briggs_sigma_y_m(b, terrain, x));
    CHECK(briggs_sigma_z_m(a, terrain, x) >= briggs_sigma_z_m(b, terrain, x));
  }
}

TEST_CASE("Sigma curve form and exponents", "[dispersion][sigma]") {
  CHECK(sigma_exponent(SigmaPower::Zero) == 0.0);
  CHECK(sigma_exponent(SigmaPower::MinusHalf) == -0.5);
  CHECK(sigma_exponent(SigmaPower::MinusOne) == -1.0);
  CHECK(sigma_exponent(SigmaPower::PlusHalf) == 0.5);
  // sigma = a x (1 + b x)^p evaluated with pow() for every curve of the table.
  for (int k = 0; k < 6; ++k) {
    for (Terrain terrain : {Terrain::Rural, Terrain::Urban}) {
      const SigmaCoefficients c = briggs_sigma_coefficients(static_cast<StabilityClass>(k), terrain);
      for (const SigmaCurve* curve : {&c.y, &c.z}) {
        const double x = 2500.0;
        const double expected = curve->a * x * std::pow(1.0 + curve->b_1_m * x, sigma_exponent(curve->power));
        CHECK(sigma_at(*curve, x) == Approx(expected).epsilon(1e-13));  // pow vs sqrt: a few ulp
      }
    }
  }
  CHECK_THROWS_AS(sigma_at(SigmaCurve{0.1, 0.0, SigmaPower::Zero}, -1.0), twinlab::base::InputError);
  CHECK_THROWS_AS(sigma_at(SigmaCurve{0.1, 0.0, SigmaPower::Zero}, std::nan("")), twinlab::base::InputError);
}
