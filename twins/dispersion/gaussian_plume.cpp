// Scalar reference evaluation and validation of the Gaussian plume (compiled with the project's ordinary,
// IEEE-strict flags). The vectorised kernel is gaussian_plume_kernel.cpp.
#include "twins/dispersion/gaussian_plume.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include "base/error.hpp"

namespace twinlab::twins::dispersion {

namespace {

void require(bool ok, const std::string& key, const char* rule, double value) {
  if (!ok) {
    throw base::InputError({"", 0, 0, key}, std::string(rule) + " (got " + std::to_string(value) + ")");
  }
}

void validate_curve(const SigmaCurve& curve, const std::string& key) {
  require(std::isfinite(curve.a) && curve.a > 0.0, key + ".a", "must be finite and > 0", curve.a);
  require(std::isfinite(curve.b_1_m) && curve.b_1_m >= 0.0, key + ".b_1_m", "must be finite and >= 0",
          curve.b_1_m);
}

// One family of images: sum over n of exp(-(a - 2 n L)^2 / (2 s^2)), term by term from n = 0 outwards
// until a term adds less than 1e-17 of the sum.
double image_family(double a, double lid_m, double sz) {
  double sum = std::exp(-a * a / (2.0 * sz * sz));
  for (int sign : {+1, -1}) {
    for (int n = 1; n < 100000; ++n) {
      const double offset = a - sign * 2.0 * n * lid_m;
      const double term = std::exp(-offset * offset / (2.0 * sz * sz));
      sum += term;
      if (term <= 1e-17 * sum) break;
    }
  }
  return sum;
}

}  // namespace

void validate_plume_source(const PlumeSource& s) {
  require(std::isfinite(s.x_m), "x_m", "must be finite", s.x_m);
  require(std::isfinite(s.y_m), "y_m", "must be finite", s.y_m);
  require(std::isfinite(s.emission_rate_kg_s) && s.emission_rate_kg_s >= 0.0, "emission_rate_kg_s",
          "must be finite and >= 0", s.emission_rate_kg_s);
  require(std::isfinite(s.effective_height_m) && s.effective_height_m >= 0.0, "effective_height_m",
          "must be finite and >= 0", s.effective_height_m);
  require(std::isfinite(s.wind_speed_m_s) && s.wind_speed_m_s > 0.0, "wind_speed_m_s",
          "must be finite and > 0", s.wind_speed_m_s);
  require(std::isfinite(s.wind_direction_deg), "wind_direction_deg", "must be finite", s.wind_direction_deg);
  require(std::isfinite(s.mixing_height_m) && s.mixing_height_m >= 0.0, "mixing_height_m",
          "must be finite and >= 0 (0 = no lid)", s.mixing_height_m);
  require(std::isfinite(s.decay_rate_1_s) && s.decay_rate_1_s >= 0.0, "decay_rate_1_s",
          "must be finite and >= 0", s.decay_rate_1_s);
  validate_curve(s.sigma.y, "sigma.y");
  validate_curve(s.sigma.z, "sigma.z");
}

void validate_receptors(const ReceptorSpan& r) {
  if (r.count == 0) return;
  if (!r.x_m || !r.y_m || !r.z_m) throw base::InputError({"", 0, 0, "receptors"}, "null coordinate array");
  for (std::size_t i = 0; i < r.count; ++i) {
    const bool ok = std::isfinite(r.x_m[i]) && std::isfinite(r.y_m[i]) && std::isfinite(r.z_m[i]) &&
                    r.z_m[i] >= 0.0;
    if (!ok) {
      throw base::InputError({"", 0, 0, "receptors[" + std::to_string(i) + "]"},
                            "x_m, y_m must be finite and z_m finite and >= 0 (got z_m " +
                                std::to_string(r.z_m[i]) + ")");
    }
  }
}

DownwindOffset downwind_offset(const PlumeSource& source, double x_m, double y_m) {
  // The wind blows FROM wind_direction_deg (clockwise from north), i.e. TOWARDS (-sin, -cos) in (east, north).
  const double theta = source.wind_direction_deg * std::numbers::pi / 180.0;
  const double ex = -std::sin(theta), ey = -std::cos(theta);
  const double dx = x_m - source.x_m, dy = y_m - source.y_m;
  return {dx * ex + dy * ey, dy * ex - dx * ey};
}

double plume_concentration_downwind(const PlumeSource& source, double downwind_m, double crosswind_m,
                                    double z_m) {
  validate_plume_source(source);
  require(std::isfinite(z_m) && z_m >= 0.0, "z_m", "must be finite and >= 0", z_m);
  if (!(downwind_m > 0.0)) return 0.0;
  const double lid = source.mixing_height_m, h = source.effective_height_m;
  if (lid > 0.0 && (h > lid || z_m > lid)) return 0.0;  // the lid separates the layers

  const double x = std::max(downwind_m, kMinimumDownwindDistance_m);
  const double sy = sigma_at(source.sigma.y, x);
  const double sz = sigma_at(source.sigma.z, x);
  const double u = source.wind_speed_m_s, q = source.emission_rate_kg_s;
  const double lateral = std::exp(-crosswind_m * crosswind_m / (2.0 * sy * sy)) *
                         std::exp(-source.decay_rate_1_s * x / u);
  if (lid > 0.0 && sz > kWellMixedSigmaRatio * lid) {
    return q / (std::sqrt(2.0 * std::numbers::pi) * u * sy * lid) * lateral;
  }
  double vertical = 0.0;
  if (lid > 0.0) {
    vertical = image_family(z_m - h, lid, sz) + image_family(z_m + h, lid, sz);
  } else {
    vertical = std::exp(-(z_m - h) * (z_m - h) / (2.0 * sz * sz)) +
               std::exp(-(z_m + h) * (z_m + h) / (2.0 * sz * sz));
  }
  return q / (2.0 * std::numbers::pi * u * sy * sz) * lateral * vertical;
}

double plume_concentration(const PlumeSource& source, double x_m, double y_m, double z_m) {
  const DownwindOffset o = downwind_offset(source, x_m, y_m);
  return plume_concentration_downwind(source, o.downwind_m, o.crosswind_m, z_m);
}

}  // namespace twinlab::twins::dispersion
