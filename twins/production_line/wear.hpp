#pragma once
// Tool wear between events. Wear w grows only while the machine is busy, by
//   dw/dt = rate_1_s * (1 + acceleration * w)      (w dimensionless; 0 new, 1 nominal end of life).
// The engine advances w once per busy interval (at the end of an operation or when it is interrupted),
// never per time step, so wear costs nothing while it is off (rate 0). The law is linear in w, so every
// interval is advanced in closed form, in constant time whatever the rate or the interval's length:
//   acceleration 0:  w(t) = w0 + r t
//   acceleration a:  w(t) = w0 + (w0 + 1/a) expm1(a r t)
// (an adaptive Runge-Kutta integration at tolerance 1e-10, used before, took time growing without bound
// with r t: 30 s of CPU for a line at rate 1e4 /s). A wear too large for a double saturates at the largest
// double (the machine has long passed any failure or maintenance threshold).
#include "twins/production_line/config.hpp"

namespace twinlab::twins::production_line {

// Wear after busy_s seconds of processing starting from wear_0.
double advance_wear(const WearConfig& wear, double wear_0, double busy_s);

}  // namespace twinlab::twins::production_line
