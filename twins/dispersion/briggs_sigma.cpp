#include "twins/dispersion/briggs_sigma.hpp"

#include <cmath>
#include <string>

#include "base/error.hpp"

namespace twinlab::twins::dispersion {

double sigma_exponent(SigmaPower power) {
  switch (power) {
    case SigmaPower::Zero: return 0.0;
    case SigmaPower::MinusHalf: return -0.5;
    case SigmaPower::MinusOne: return -1.0;
    case SigmaPower::PlusHalf: return 0.5;
  }
  return 0.0;
}

SigmaCoefficients briggs_sigma_coefficients(StabilityClass stability, Terrain terrain) {
  using P = SigmaPower;
  if (terrain == Terrain::Rural) {
    const SigmaCurve lateral_b{0.0, 1.0e-4, P::MinusHalf};  // every rural sigma_y: (1 + 0.0001 x)^-1/2
    auto y = [&](double a) { SigmaCurve c = lateral_b; c.a = a; return c; };
    switch (stability) {
      case StabilityClass::A: return {y(0.22), {0.20, 0.0, P::Zero}};
      case StabilityClass::B: return {y(0.16), {0.12, 0.0, P::Zero}};
      case StabilityClass::C: return {y(0.11), {0.08, 2.0e-4, P::MinusHalf}};
      case StabilityClass::D: return {y(0.08), {0.06, 1.5e-3, P::MinusHalf}};
      case StabilityClass::E: return {y(0.06), {0.03, 3.0e-4, P::MinusOne}};
      case StabilityClass::F: return {y(0.04), {0.016, 3.0e-4, P::MinusOne}};
    }
  } else {
    const SigmaCurve lateral_b{0.0, 4.0e-4, P::MinusHalf};  // every urban sigma_y: (1 + 0.0004 x)^-1/2
    auto y = [&](double a) { SigmaCurve c = lateral_b; c.a = a; return c; };
    switch (stability) {
      case StabilityClass::A:
      case StabilityClass::B: return {y(0.32), {0.24, 1.0e-3, P::PlusHalf}};
      case StabilityClass::C: return {y(0.22), {0.20, 0.0, P::Zero}};
      case StabilityClass::D: return {y(0.16), {0.14, 3.0e-4, P::MinusHalf}};
      case StabilityClass::E:
      case StabilityClass::F: return {y(0.11), {0.08, 1.5e-3, P::MinusHalf}};
    }
  }
  return {};
}

double sigma_at(const SigmaCurve& curve, double downwind_distance_m) {
  const double x = downwind_distance_m;
  if (!std::isfinite(x) || x < 0.0) {
    throw base::InputError({"", 0, 0, "downwind_distance_m"},
                          "must be finite and >= 0 (got " + std::to_string(x) + ")");
  }
  const double base = 1.0 + curve.b_1_m * x;
  switch (curve.power) {
    case SigmaPower::Zero: return curve.a * x;
    case SigmaPower::MinusHalf: return curve.a * x / std::sqrt(base);
    case SigmaPower::MinusOne: return curve.a * x / base;
    case SigmaPower::PlusHalf: return curve.a * x * std::sqrt(base);
  }
  return 0.0;
}

double briggs_sigma_y_m(StabilityClass stability, Terrain terrain, double downwind_distance_m) {
  return sigma_at(briggs_sigma_coefficients(stability, terrain).y, downwind_distance_m);
}

double briggs_sigma_z_m(StabilityClass stability, Terrain terrain, double downwind_distance_m) {
  return sigma_at(briggs_sigma_coefficients(stability, terrain).z, downwind_distance_m);
}

}  // namespace twinlab::twins::dispersion
