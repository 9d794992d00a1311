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

using SourceConstants = PreparedPlumeSource;

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

std::vector<PreparedPlumeSource> prepare_plume_sources(std::span<const PlumeSource> sources) {
  std::vector<PreparedPlumeSource> active;
  active.reserve(sources.size());
  for (const PlumeSource& s : sources) {
    validate_plume_source(s);
    if (s.emission_rate_kg_s == 0.0) continue;
    if (s.mixing_height_m > 0.0 && s.effective_height_m > s.mixing_height_m) continue;  // above the lid
    active.push_back(make_constants(s));
  }
  return active;
}

ReceptorTiles receptor_tiles(const ReceptorSpan& r) {
  ReceptorTiles t;
  for (std::size_t begin = 0; begin < r.count; begin += kTileReceptors) {
    const std::size_t end = std::min(r.count, begin + kTileReceptors);
    double x0 = r.x_m[begin], x1 = x0, y0 = r.y_m[begin], y1 = y0;
    for (std::size_t i = begin + 1; i < end; ++i) {
      x0 = std::min(x0, r.x_m[i]);
      x1 = std::max(x1, r.x_m[i]);
      y0 = std::min(y0, r.y_m[i]);
      y1 = std::max(y1, r.y_m[i]);
    }
    t.x_min.push_back(x0);
    t.x_max.push_back(x1);
    t.y_min.push_back(y0);
    t.y_max.push_back(y1);
  }
  return t;
}

namespace {

// sigma = a x (1 + b x)^p from 1/a (x > 0).
double sigma_from(double x, double inv_a, double b, SigmaPower p) {
  const double s = x / inv_a;
  switch (p) {
    case SigmaPower::Zero: return s;
    case SigmaPower::MinusHalf: return s / std::sqrt(1.0 + b * x);
    case SigmaPower::MinusOne: return s / (1.0 + b * x);
    case SigmaPower::PlusHalf: return s * std::sqrt(1.0 + b * x);
  }
  return s;
}

// True when no receptor of the box can receive anything from the source (rule in gaussian_plume.hpp).
bool tile_unreachable(const SourceConstants& c, double x0, double x1, double y0, double y1, double sector_sigmas) {
  double xd_max = -1e300, yc_min = 1e300, yc_max = -1e300;
  const double xs[2] = {x0 - c.xs, x1 - c.xs}, ys[2] = {y0 - c.ys, y1 - c.ys};
  for (double dx : xs)
    for (double dy : ys) {
      const double xd = dx * c.ex + dy * c.ey, yc = dy * c.ex - dx * c.ey;
      xd_max = std::max(xd_max, xd);
      yc_min = std::min(yc_min, yc);
      yc_max = std::max(yc_max, yc);
    }
  if (xd_max <= 0.0) return true;  // all upwind (or beside): the kernel masks them to 0
  if (yc_min <= 0.0 && yc_max >= 0.0) return false;
  const double off_axis = std::min(std::abs(yc_min), std::abs(yc_max));
  return off_axis > sector_sigmas * sigma_from(std::max(xd_max, kMinimumDownwindDistance_m), c.inv_ay, c.by, c.py);
}

}  // namespace

void accumulate_prepared_plume(std::span<const PreparedPlumeSource> sources, const ReceptorSpan& receptors,
                               double* concentration_kg_m3, const ReceptorTiles* tiles, double sector_sigmas) {
  if (!tiles) {
    for (std::size_t begin = 0; begin < receptors.count; begin += kBlock) {
      const std::size_t count = std::min(kBlock, receptors.count - begin);
      for (const SourceConstants& c : sources)
        dispatch(c, receptors.x_m + begin, receptors.y_m + begin, receptors.z_m + begin, concentration_kg_m3 + begin,
                 count);
    }
    return;
  }
  for (std::size_t k = 0; k < tiles->x_min.size(); ++k) {
    const std::size_t begin = k * kTileReceptors;
    const std::size_t count = std::min(kTileReceptors, receptors.count - begin);
    for (const SourceConstants& c : sources) {
      if (tile_unreachable(c, tiles->x_min[k], tiles->x_max[k], tiles->y_min[k], tiles->y_max[k], sector_sigmas))
        continue;
      dispatch(c, receptors.x_m + begin, receptors.y_m + begin, receptors.z_m + begin, concentration_kg_m3 + begin,
               count);
    }
  }
}

void accumulate_plume_concentration(std::span<const PlumeSource> sources, const ReceptorSpan& receptors,
                                    double* concentration_kg_m3, int threads) {
  const std::size_t n = receptors.count;
  if (n == 0) return;
  if (!concentration_kg_m3) throw base::InputError({"", 0, 0, "concentration_kg_m3"}, "null output array");
  validate_receptors(receptors);
  const std::vector<SourceConstants> active = prepare_plume_sources(sources);
  if (active.empty()) return;

  const auto blocks = static_cast<long long>((n + kBlock - 1) / kBlock);
  const int nthreads = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for schedule(static) num_threads(nthreads) if (nthreads > 1)
  for (long long b = 0; b < blocks; ++b) {
    const std::size_t begin = static_cast<std::size_t>(b) * kBlock;
    const std::size_t count = std::min(kBlock, n - begin);
    // Tiles of this block (bounding boxes of 64 consecutive receptors): unreachable pairs are skipped, with
    // no change of any value (gaussian_plume.hpp).
    const ReceptorSpan block{receptors.x_m + begin, receptors.y_m + begin, receptors.z_m + begin, count};
    const ReceptorTiles tiles = receptor_tiles(block);
    accumulate_prepared_plume(active, block, concentration_kg_m3 + begin, &tiles);
  }
}

}  // namespace twinlab::twins::dispersion
