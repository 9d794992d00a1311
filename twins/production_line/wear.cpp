#include "twins/production_line/wear.hpp"

#include <cmath>
#include <limits>

namespace twinlab::twins::production_line {

double advance_wear(const WearConfig& wear, double wear_0, double busy_s) {
  if (wear.rate_1_s <= 0.0 || busy_s <= 0.0) return wear_0;
  constexpr double largest = std::numeric_limits<double>::max();
  const double rate = wear.rate_1_s, a = wear.acceleration;
  // u = 1 + a w obeys du/dt = a r u: u(t) = u0 exp(a r t), so w(t) - w0 = (w0 + 1/a) (exp(a r t) - 1).
  // expm1 keeps the increment accurate when a r t is small (where exp(x) - 1 would cancel), and
  // (a w0 + 1) expm1(x) / a avoids forming 1/a for a tiny acceleration.
  const double increment = a == 0.0 ? rate * busy_s : (a * wear_0 + 1.0) * (std::expm1(a * rate * busy_s) / a);
  const double w = wear_0 + increment;
  return std::isfinite(w) ? w : largest;
}

}  // namespace twinlab::twins::production_line
