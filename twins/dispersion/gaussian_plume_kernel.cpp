// The vectorised Gaussian plume kernel (accumulate_plume_concentration, declared in gaussian_plume.hpp).
//
// This translation unit, and only this one, is compiled with -ffast-math (twins/CMakeLists.txt): GCC
// vectorises std::exp into glibc's libmvec only when __FAST_MATH__ is defined. Everything here is written
// so that no infinity or NaN can arise (distances clamped to >= 1 um, every exp argument <= 0, divisions by
// sigma > 0 only), which is what -ffinite-math-only assumes. Input validation lives in gaussian_plume.cpp,
// compiled with the ordinary flags, where std::isfinite still means something.
//
// Layout: receptors as a structure of arrays, processed in blocks of kBlock (OpenMP across blocks); inside
// a block every source is applied in turn, with its constants hoisted and its sigma exponents chosen by
// template (no pow() in the inner loop: the exponents -1/2, -1, +1/2 are sqrt/divisions).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <vector>

#include <omp.h>

#include "base/error.hpp"
#include "twins/dispersion/gaussian_plume.hpp"

namespace twinlab::twins::dispersion {

namespace {

constexpr std::size_t kBlock = 1024;  // receptors per block: 4 arrays x 8 KiB stay in L1/L2 across sources

struct SourceConstants {
  double xs, ys, ex, ey;         // position, unit vector the wind blows towards
  double h, lid;                 // effective height, mixing height (0 = none)
  double norm;                   // Q / (2 pi u)
  double norm_mixed;             // Q / (sqrt(2 pi) u L)
  double inv_ay, by, inv_az, bz; // 1/a and b of the sigma curves
  double decay_over_u;           // k / u, 1/m
  SigmaPower py, pz;
  bool lid_active;               // L > 0 (and H <= L, otherwise the source is skipped)
};

SourceConstants make_constants(const PlumeSource& s) {
  const double theta = s.wind_direction_deg * std::numbers::pi / 180.0;
  SourceConstants c{};
  c.xs = s.x_m;
  c.ys = s.y_m;
  c.ex = -std::sin(theta);
  c.ey = -std::cos(theta);
  c.h = s.effective_height_m;
  c.lid = s.mixing_height_m;
  c.norm = s.emission_rate_kg_s / (2.0 * std::numbers::pi * s.wind_speed_m_s);
  c.norm_mixed = c.lid > 0.0 ? s.emission_rate_kg_s /
                                   (std::sqrt(2.0 * std::numbers::pi) * s.wind_speed_m_s * c.lid)
                             : 0.0;
  c.inv_ay = 1.0 / s.sigma.y.a;
  c.by = s.sigma.y.b_1_m;
  c.inv_az = 1.0 / s.sigma.z.a;
  c.bz = s.sigma.z.b_1_m;
  c.decay_over_u = s.decay_rate_1_s / s.wind_speed_m_s;
  c.py = s.sigma.y.power;
  c.pz = s.sigma.z.power;
  c.lid_active = c.lid > 0.0;
  return c;
}

// exp(a) for a <= 0, with the argument clamped to >= clamp (-600) and the result exactly 0 below zero (-650).
// glibc's vector exp leaves its fast path (and calls the scalar exp lane by lane) for arguments below about
// -708, and far from a plume almost every argument is, so the clamp keeps every lane on the fast path.
// Arguments in [-650, -600) return exp(-600) = 2.6e-261 instead of something smaller: far below any
// concentration of interest, and clear of denormals.
// The thresholds reach the loop through volatile reads, i.e. as values unknown at compile time: with a
// constant clamp GCC rewrites exp(max(a, c)) as select(a < c, exp(c), exp(a)), evaluating exp(a) for every
// argument and defeating the clamp; with a single threshold it proves the clamp redundant where the result
// is kept (a >= t implies max(a, t) == a).
struct ExpLimits {
  double clamp, zero;
};
inline ExpLimits exp_limits() {
  static const volatile double clamp = -600.0, zero = -650.0;
  return {clamp, zero};
}
inline double exp_nonpositive(double a, ExpLimits lim) {
  const double e = std::exp(std::max(a, lim.clamp));
  return a < lim.zero ? 0.0 : e;
}

// 1/sigma for sigma = a x (1 + b x)^p, given 1/x and 1/a.
template <SigmaPower P>
inline double inverse_sigma(double x, double inv_x, double inv_a, double b) {
  if constexpr (P == SigmaPower::Zero) {
    return inv_a * inv_x;
  } else if constexpr (P == SigmaPower::MinusHalf) {
    return inv_a * inv_x * std::sqrt(1.0 + b * x);
  } else if constexpr (P == SigmaPower::MinusOne) {
    return inv_a * inv_x * (1.0 + b * x);
  } else {
    return inv_a * inv_x / std::sqrt(1.0 + b * x);
  }
}

// Sum over n of exp(-(a - 2nL)^2 / 2s^2) times exp(g), for a in [-L, L]: the nearest term t0, then the
// ratios of successive terms upwards r_up q^(k-1) and downwards r_dn q^(k-1), all <= 1.
inline double image_family(double a, double g, double lid, double inv_s2, double q, ExpLimits lim) {
  const double t0 = exp_nonpositive(g - 0.5 * a * a * inv_s2, lim);
  const double r_up = exp_nonpositive(2.0 * lid * (a - lid) * inv_s2, lim);
  const double r_dn = exp_nonpositive(-2.0 * lid * (a + lid) * inv_s2, lim);
  double sum = 1.0, term_up = 1.0, term_dn = 1.0, f_up = r_up, f_dn = r_dn;
  for (int k = 0; k < kLidImagesPerSide; ++k) {
    term_up *= f_up;
    term_dn *= f_dn;
    sum += term_up + term_dn;
    f_up *= q;
    f_dn *= q;
  }
  return t0 * sum;
}

template <SigmaPower Py, SigmaPower Pz, bool Lid>
void apply_source(const SourceConstants& c, const double* __restrict rx, const double* __restrict ry,
                  const double* __restrict rz, double* __restrict out, std::size_t n) {
  const double xs = c.xs, ys = c.ys, ex = c.ex, ey = c.ey, h = c.h, lid = c.lid;
  const double norm = c.norm, norm_mixed = c.norm_mixed, inv_ay = c.inv_ay, by = c.by;
  const double inv_az = c.inv_az, bz = c.bz, decay = c.decay_over_u;
  const ExpLimits lim = exp_limits();
#pragma omp simd
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = rx[i] - xs, dy = ry[i] - ys, z = rz[i];
    const double xd = dx * ex + dy * ey;   // downwind
    const double yc = dy * ex - dx * ey;   // crosswind
    const double x = std::max(xd, kMinimumDownwindDistance_m);
    const double inv_x = 1.0 / x;
    const double isy = inverse_sigma<Py>(x, inv_x, inv_ay, by);
    const double isz = inverse_sigma<Pz>(x, inv_x, inv_az, bz);
    const double g = -0.5 * yc * yc * isy * isy - decay * x;  // lateral spread and decay, <= 0
    double c_i = 0.0;
    if constexpr (!Lid) {
      const double zm = z - h, zp = z + h;
      const double half_isz2 = 0.5 * isz * isz;
      c_i = norm * isy * isz *
            (exp_nonpositive(g - zm * zm * half_isz2, lim) + exp_nonpositive(g - zp * zp * half_isz2, lim));
    } else {
      const double inv_s2 = isz * isz;
      const double q = exp_nonpositive(-4.0 * lid * lid * inv_s2, lim);
      const double zl = std::min(z, lid);              // receptors above the lid are masked below
      const double a1 = zl - h;                        // in [-L, L] since 0 <= z, h <= L
      const double zp = zl + h;                        // in [0, 2L]: shift to the nearest image
      const double a2 = zp > lid ? zp - 2.0 * lid : zp;
      const double images = image_family(a1, g, lid, inv_s2, q, lim) + image_family(a2, g, lid, inv_s2, q, lim);
      const double c_images = norm * isy * isz * images;
      const double c_mixed = norm_mixed * isy * exp_nonpositive(g, lim);
      const double c_lid = isz * kWellMixedSigmaRatio * lid < 1.0 ? c_mixed : c_images;  // sz > 1.6 L
      c_i = z > lid ? 0.0 : c_lid;
    }
    out[i] += xd > 0.0 ? c_i : 0.0;
  }
}

template <SigmaPower Py, SigmaPower Pz>
void dispatch_lid(const SourceConstants& c, const double* rx, const double* ry, const double* rz,
                  double* out, std::size_t n) {
  if (c.lid_active) apply_source<Py, Pz, true>(c, rx, ry, rz, out, n);
  else apply_source<Py, Pz, false>(c, rx, ry, rz, out, n);
}

template <SigmaPower Py>
void dispatch_pz(const SourceConstants& c, const double* rx, const double* ry, const double* rz, double* out,
                 std::size_t n) {
  switch (c.pz) {
    case SigmaPower::Zero: dispatch_lid<Py, SigmaPower::Zero>(c, rx, ry, rz, out, n); break;
    case SigmaPower::MinusHalf: dispatch_lid<Py, SigmaPower::MinusHalf>(c, rx, ry, rz, out, n); break;
    case SigmaPower::MinusOne: dispatch_lid<Py, SigmaPower::MinusOne>(c, rx, ry, rz, out, n); break;
    case SigmaPower::PlusHalf: dispatch_lid<Py, SigmaPower::PlusHalf>(c, rx, ry, rz, out, n); break;
  }
}

void dispatch(const SourceConstants& c, const double* rx, const double* ry, const double* rz, double* out,
              std::size_t n) {
  switch (c.py) {
    case SigmaPower::Zero: dispatch_pz<SigmaPower::Zero>(c, rx, ry, rz, out, n); break;
    case SigmaPower::MinusHalf: dispatch_pz<SigmaPower::MinusHalf>(c, rx, ry, rz, out, n); break;
    case SigmaPower::MinusOne: dispatch_pz<SigmaPower::MinusOne>(c, rx, ry, rz, out, n); break;
    case SigmaPower::PlusHalf: dispatch_pz<SigmaPower::PlusHalf>(c, rx, ry, rz, out, n); break;
  }
}

}  // namespace

void accumulate_plume_concentration(std::span<const PlumeSource> sources, const ReceptorSpan& receptors,
                                    double* concentration_kg_m3, int threads) {
  const std::size_t n = receptors.count;
  if (n == 0) return;
  if (!concentration_kg_m3) throw base::InputError({"", 0, 0, "concentration_kg_m3"}, "null output array");
  validate_receptors(receptors);
  std::vector<SourceConstants> active;
  active.reserve(sources.size());
  for (const PlumeSource& s : sources) {
    validate_plume_source(s);
    if (s.emission_rate_kg_s == 0.0) continue;
    if (s.mixing_height_m > 0.0 && s.effective_height_m > s.mixing_height_m) continue;  // above the lid
    active.push_back(make_constants(s));
  }
  if (active.empty()) return;

  const auto blocks = static_cast<long long>((n + kBlock - 1) / kBlock);
  const int nthreads = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for schedule(static) num_threads(nthreads) if (nthreads > 1)
  for (long long b = 0; b < blocks; ++b) {
    const std::size_t begin = static_cast<std::size_t>(b) * kBlock;
    const std::size_t count = std::min(kBlock, n - begin);
    for (const SourceConstants& c : active) {
      dispatch(c, receptors.x_m + begin, receptors.y_m + begin, receptors.z_m + begin,
               concentration_kg_m3 + begin, count);
    }
  }
}

}  // namespace twinlab::twins::dispersion
