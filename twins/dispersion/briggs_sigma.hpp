#pragma once
// Briggs (1973) fits of the Pasquill-Gifford dispersion parameters sigma_y(x), sigma_z(x) (m) as functions
// of the downwind distance x (m), for open-country (rural) and urban terrain, as tabulated by Gifford (1976)
// and used by ISC3 / Seinfeld & Pandis (table 18.3):
//
//   rural   sigma_y                      sigma_z
//     A     0.22 x (1 + 0.0001 x)^-1/2   0.20 x
//     B     0.16 x (1 + 0.0001 x)^-1/2   0.12 x
//     C     0.11 x (1 + 0.0001 x)^-1/2   0.08 x (1 + 0.0002 x)^-1/2
//     D     0.08 x (1 + 0.0001 x)^-1/2   0.06 x (1 + 0.0015 x)^-1/2
//     E     0.06 x (1 + 0.0001 x)^-1/2   0.03 x (1 + 0.0003 x)^-1
//     F     0.04 x (1 + 0.0001 x)^-1/2   0.016 x (1 + 0.0003 x)^-1
//   urban
//     A,B   0.32 x (1 + 0.0004 x)^-1/2   0.24 x (1 + 0.001 x)^+1/2
//     C     0.22 x (1 + 0.0004 x)^-1/2   0.20 x
//     D     0.16 x (1 + 0.0004 x)^-1/2   0.14 x (1 + 0.0003 x)^-1/2
//     E,F   0.11 x (1 + 0.0004 x)^-1/2   0.08 x (1 + 0.0015 x)^-1/2
//
// Every curve has the form sigma = a x (1 + b x)^p with p in {0, -1/2, -1, +1/2}; the exponent is kept as an
// enum so a kernel can dispatch on it once per source (a template parameter) instead of calling pow().
// The fits are nominally valid for 100 m < x < 10 km; twinlab uses them at every x > 0 (below 100 m they
// are the linear small-x limit a x, which is what Pasquill's curves also do near the source).
#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

enum class SigmaPower { Zero, MinusHalf, MinusOne, PlusHalf };  // p = 0, -1/2, -1, +1/2

// Numerical value of p.
double sigma_exponent(SigmaPower power);

struct SigmaCurve {  // sigma(x) = a x (1 + b x)^p, x and sigma in m
  double a = 0.0;        // dimensionless growth rate at small x
  double b_1_m = 0.0;    // 1/m
  SigmaPower power = SigmaPower::Zero;
};

struct SigmaCoefficients {
  SigmaCurve y;  // crosswind
  SigmaCurve z;  // vertical
};

// The Briggs (1973) curve pair for a stability class and terrain (table above).
SigmaCoefficients briggs_sigma_coefficients(StabilityClass stability, Terrain terrain);

// sigma(x) in m for x >= 0 (0 at x = 0). Throws base::InputError for negative or non-finite x.
double sigma_at(const SigmaCurve& curve, double downwind_distance_m);

// Convenience: sigma_y(x), sigma_z(x) in m for a class and terrain.
double briggs_sigma_y_m(StabilityClass stability, Terrain terrain, double downwind_distance_m);
double briggs_sigma_z_m(StabilityClass stability, Terrain terrain, double downwind_distance_m);

}  // namespace twinlab::twins::dispersion
