// Tests twins/production_line/wear.*: the odeint integration of dw/dt = a (1 + b w) against its closed
// form w(t) = (w0 + 1/b) exp(a b t) - 1/b, and the exact linear case.
#include <catch2/catch.hpp>

#include <cmath>

#include "twins/production_line/wear.hpp"

namespace pl = twinlab::twins::production_line;

TEST_CASE("Accelerating wear integrated by odeint matches the closed form", "[production_line][wear]") {
  const double a = GENERATE(1e-4, 0.01), b = GENERATE(0.5, 2.0, 10.0);
  const double w0 = GENERATE(0.0, 0.3);
  const pl::WearConfig wear{a, b};
  for (const double t : {0.1, 1.0, 37.0, 100.0}) {
    const double exact = (w0 + 1.0 / b) * std::exp(a * b * t) - 1.0 / b;
    CAPTURE(a, b, w0, t);
    // Tolerance: the stepper's absolute and relative tolerances are 1e-10 per step; a few steps at most.
    CHECK(pl::advance_wear(wear, w0, t) == Approx(exact).epsilon(1e-8).margin(1e-10));
  }
}

TEST_CASE("Linear and absent wear are exact", "[production_line][wear]") {
  CHECK(pl::advance_wear(pl::WearConfig{0.002, 0.0}, 0.1, 50.0) == 0.1 + 0.002 * 50.0);
  CHECK(pl::advance_wear(pl::WearConfig{0.0, 3.0}, 0.4, 50.0) == 0.4);
  CHECK(pl::advance_wear(pl::WearConfig{0.01, 1.0}, 0.4, 0.0) == 0.4);
}
