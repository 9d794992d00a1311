// Tests twins/production_line/wear.*: the closed form of dw/dt = r (1 + a w) against the analytic solution
// written independently, w(t) = (w0 + 1/a) exp(a r t) - 1/a, against the adaptive Runge-Kutta integration
// used before it (Boost.Odeint, tolerance 1e-10), and with rates and intervals far beyond a real machine.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <boost/numeric/odeint.hpp>

#include "twins/production_line/wear.hpp"

namespace pl = twinlab::twins::production_line;

namespace {

// The integrator advance_wear used before the closed form, kept as an independent reference.
double odeint_wear(double rate, double acceleration, double w0, double t) {
  namespace odeint = boost::numeric::odeint;
  using Stepper = odeint::runge_kutta_dopri5<double, double, double, double, odeint::vector_space_algebra>;
  const auto rhs = [&](const double& w, double& dwdt, double) { dwdt = rate * (1.0 + acceleration * w); };
  double w = w0;
  odeint::integrate_adaptive(odeint::make_controlled<Stepper>(1e-10, 1e-10), rhs, w, 0.0, t, t);
  return w;
}

}  // namespace

TEST_CASE("Accelerating wear in closed form matches the former odeint integration", "[production_line][wear]") {
  const double r = GENERATE(1e-4, 0.01), a = GENERATE(0.5, 2.0, 10.0);
  const double w0 = GENERATE(0.0, 0.3);
  const pl::WearConfig wear{r, a};
  for (const double t : {0.1, 1.0, 37.0, 100.0}) {
    CAPTURE(r, a, w0, t);
    // Tolerance: odeint's absolute and relative tolerances are 1e-10 per step, over a few to a few tens of
    // steps (a r t <= 10 here): its result is within ~1e-9 relative of the exact one; 1e-8 leaves margin.
    CHECK(pl::advance_wear(wear, w0, t) == Approx(odeint_wear(r, a, w0, t)).epsilon(1e-8).margin(1e-10));
  }
}

TEST_CASE("Accelerating wear in closed form is exact to rounding", "[production_line][wear]") {
  const double r = GENERATE(1e-4, 0.01, 1.0), a = GENERATE(0.5, 2.0, 10.0);
  const double w0 = GENERATE(0.0, 0.3);
  const pl::WearConfig wear{r, a};
  for (const double t : {0.1, 1.0, 37.0, 100.0}) {
    const double x = a * r * t;
    if (x > 50.0) continue;  // checked below, as saturation or plain growth
    // The analytic solution in long double (64-bit mantissa): a reference 2^11 times finer than a double.
    const long double exact = (static_cast<long double>(w0) + 1.0L / a) * std::exp(static_cast<long double>(x)) -
                              1.0L / a;
    CAPTURE(r, a, w0, t);
    // Tolerance: a handful of roundings (expm1, one product, one quotient, one sum), each 2^-53 ~ 1.1e-16
    // relative: 1e-14 relative. The margin 1e-16 covers the reference's own cancellation in "- 1/a"
    // ((w0 + 1/a) 2^-63 <= 3e-19 here) on the smallest wears (1e-5). Odeint at tolerance 1e-10 misses the
    // steeper cases by ~1e-11 relative, far outside.
    CHECK(pl::advance_wear(wear, w0, t) == Approx(static_cast<double>(exact)).epsilon(1e-14).margin(1e-16));
  }
}

TEST_CASE("A tiny acceleration gives linear wear, without cancellation", "[production_line][wear]") {
  // a r t = 1e-12: w - w0 = r t (1 + a w0) (1 + a r t / 2 + ...) = r t to 1e-12 relative. The textbook form
  // (w0 + 1/a) exp(a r t) - 1/a would lose everything but ~4 digits to cancellation (1/a = 1e12).
  const double r = 0.01, a = 1e-12, w0 = 0.3, t = 100.0;
  CHECK(pl::advance_wear(pl::WearConfig{r, a}, w0, t) == Approx(w0 + r * t).epsilon(1e-11));
}

TEST_CASE("Wear at rates far beyond a machine's takes one step and saturates instead of overflowing",
          "[production_line][wear]") {
  // a r t = 0.5 * 1e5 * 60 = 3e6: exp overflows. The former integrator never finished such an interval.
  CHECK(pl::advance_wear(pl::WearConfig{1e5, 0.5}, 0.0, 60.0) == std::numeric_limits<double>::max());
  CHECK(pl::advance_wear(pl::WearConfig{1.0, 1.0}, std::numeric_limits<double>::max(), 1.0) ==
        std::numeric_limits<double>::max());
  // a r t = 700: exp(700) ~ 1e304 still fits: w ~ 2 exp(700).
  CHECK(pl::advance_wear(pl::WearConfig{1.0, 0.5}, 0.0, 1400.0) == Approx(2.0 * std::expm1(700.0)).epsilon(1e-13));
}

TEST_CASE("Linear and absent wear are exact", "[production_line][wear]") {
  CHECK(pl::advance_wear(pl::WearConfig{0.002, 0.0}, 0.1, 50.0) == 0.1 + 0.002 * 50.0);
  CHECK(pl::advance_wear(pl::WearConfig{0.0, 3.0}, 0.4, 50.0) == 0.4);
  CHECK(pl::advance_wear(pl::WearConfig{0.01, 1.0}, 0.4, 0.0) == 0.4);
}
