#include "twins/production_line/wear.hpp"

#include <boost/numeric/odeint.hpp>

namespace twinlab::twins::production_line {

double advance_wear(const WearConfig& wear, double wear_0, double busy_s) {
  if (wear.rate_1_s <= 0.0 || busy_s <= 0.0) return wear_0;
  if (wear.acceleration == 0.0) return wear_0 + wear.rate_1_s * busy_s;

  namespace odeint = boost::numeric::odeint;
  using Stepper = odeint::runge_kutta_dopri5<double, double, double, double, odeint::vector_space_algebra>;
  const double rate = wear.rate_1_s, acceleration = wear.acceleration;
  const auto rhs = [rate, acceleration](const double& w, double& dwdt, double /*t*/) {
    dwdt = rate * (1.0 + acceleration * w);
  };
  double w = wear_0;
  odeint::integrate_adaptive(odeint::make_controlled<Stepper>(1e-10, 1e-10), rhs, w, 0.0, busy_s, busy_s);
  return w;
}

}  // namespace twinlab::twins::production_line
