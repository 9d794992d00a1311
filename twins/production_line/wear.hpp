#pragma once
// Tool wear between events. Wear w grows only while the machine is busy, by
//   dw/dt = rate_1_s * (1 + acceleration * w)      (w dimensionless; 0 new, 1 nominal end of life).
// The engine advances w once per busy interval (at the end of an operation or when it is interrupted),
// never per time step, so wear costs nothing while it is off (rate 0) and one add when it is linear
// (acceleration 0, exact). With acceleration > 0 the interval is integrated with Boost.Odeint (adaptive
// Runge-Kutta-Dormand-Prince 5(4), absolute and relative tolerance 1e-10), which keeps the law free to
// grow terms without a closed form (the present one has one, used by the tests as the reference).
#include "twins/production_line/config.hpp"

namespace twinlab::twins::production_line {

// Wear after busy_s seconds of processing starting from wear_0.
double advance_wear(const WearConfig& wear, double wear_0, double busy_s);

}  // namespace twinlab::twins::production_line
