#include "twins/dispersion/volume_source.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include "twins/dispersion/plume_vertical.hpp"

namespace twinlab::twins::dispersion {

double virtual_distance_m(const SigmaCurve& curve, double sigma0) {
  if (!(sigma0 > 0.0)) return 0.0;
  double lo = 0.0, hi = 1.0;
  while (sigma_at(curve, hi) < sigma0) {  // bracket: the curves grow at least until they saturate
    lo = hi;
    hi *= 2.0;
    if (hi > 1e9) return std::numeric_limits<double>::infinity();  // beyond 10^6 km: never reached
  }
  while (hi - lo > 1e-10 * hi) {
    const double mid = 0.5 * (lo + hi);
    (sigma_at(curve, mid) < sigma0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

namespace {

struct Spread {
  double xy, xz, sy0, sz0;
  double at(const SigmaCurve& c, double x, double xv, double s0) const {
    return std::isfinite(xv) ? sigma_at(c, x + xv) : s0;
  }
};

double evaluate(const VolumeRelease& v, const Spread& sp, double x, double y, double z) {
  const PlumeSource& s = v.plume;
  const DownwindOffset o = downwind_offset(s, x, y);
  if (!(o.downwind_m > 0.0) || s.emission_rate_kg_s == 0.0) return 0.0;
  const double lid = s.mixing_height_m;
  if (lid > 0.0 && (s.effective_height_m > lid || z > lid)) return 0.0;
  const double sy = sp.at(s.sigma.y, o.downwind_m, sp.xy, sp.sy0);
  const double sz = sp.at(s.sigma.z, o.downwind_m, sp.xz, sp.sz0);
  const double lateral = std::exp(-o.crosswind_m * o.crosswind_m / (2.0 * sy * sy) -
                                  s.decay_rate_1_s * o.downwind_m / s.wind_speed_m_s);
  return s.emission_rate_kg_s / (2.0 * std::numbers::pi * s.wind_speed_m_s * sy * sz) * lateral *
         plume_vertical_factor(z, s.effective_height_m, sz, lid);
}

Spread spread_of(const VolumeRelease& v) {
  return {virtual_distance_m(v.plume.sigma.y, v.sigma_y0_m), virtual_distance_m(v.plume.sigma.z, v.sigma_z0_m),
          v.sigma_y0_m, v.sigma_z0_m};
}

}  // namespace

double volume_source_concentration(const VolumeRelease& v, double x, double y, double z) {
  return evaluate(v, spread_of(v), x, y, z);
}

void accumulate_volume_source(const VolumeRelease& v, const ReceptorSpan& r, double* out) {
  const Spread sp = spread_of(v);
  const auto n = static_cast<long long>(r.count);
#pragma omp parallel for schedule(static)
  for (long long i = 0; i < n; ++i) out[i] += evaluate(v, sp, r.x_m[i], r.y_m[i], r.z_m[i]);
}

}  // namespace twinlab::twins::dispersion
