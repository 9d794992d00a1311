#include "twins/dispersion/similarity_sigma.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "base/error.hpp"

namespace twinlab::twins::dispersion {

namespace {

constexpr int kSimpsonIntervals = 32;       // even
constexpr int kMaxIterations = 200;
constexpr double kIterationTolerance = 1e-6;
constexpr double kMinimumLayerDepth_m = 1e-3;
constexpr int kFitDistances = 10;

void require(bool ok, const char* key, const std::string& rule, double value) {
  if (!ok) throw base::InputError({"", 0, 0, key}, rule + " (got " + std::to_string(value) + ")");
}

// One curve shape g(x) = x (1 + b x)^p.
double shape(double x, double b, SigmaPower p) { return sigma_at({1.0, b, p}, x); }

struct Fit {
  double a = 0.0, b = 0.0, residual = std::numeric_limits<double>::infinity(), max_error = 0.0;
};

// Best a (closed form in ln) for a given b and p; residual = sum of squared ln errors.
Fit fit_for(const std::array<double, kFitDistances>& x, const std::array<double, kFitDistances>& ln_sigma, double b,
            SigmaPower p) {
  double mean = 0.0;
  std::array<double, kFitDistances> r{};
  for (int i = 0; i < kFitDistances; ++i) {
    r[i] = ln_sigma[i] - std::log(shape(x[i], b, p));
    mean += r[i];
  }
  mean /= kFitDistances;
  Fit f;
  f.a = std::exp(mean);
  f.b = b;
  f.residual = 0.0;
  for (double v : r) {
    f.residual += (v - mean) * (v - mean);
    f.max_error = std::max(f.max_error, std::abs(v - mean));
  }
  return f;
}

SigmaCurve fit_curve(const std::array<double, kFitDistances>& x, const std::array<double, kFitDistances>& sigma,
                     double& max_error) {
  std::array<double, kFitDistances> ln_sigma{};
  for (int i = 0; i < kFitDistances; ++i) ln_sigma[i] = std::log(sigma[i]);
  SigmaCurve best_curve;
  Fit best;
  for (SigmaPower p : {SigmaPower::MinusHalf, SigmaPower::Zero, SigmaPower::MinusOne, SigmaPower::PlusHalf}) {
    Fit f = fit_for(x, ln_sigma, 0.0, p);
    if (p != SigmaPower::Zero) {
      // b on a grid of ln b from 1e-3 / x_max to 1e3 / x_min, then golden-section refinement around the best.
      const double lo = std::log(1e-3 / x.back()), hi = std::log(1e3 / x.front());
      constexpr int kGrid = 48;
      int best_k = -1;
      for (int k = 0; k <= kGrid; ++k) {
        const Fit g = fit_for(x, ln_sigma, std::exp(lo + (hi - lo) * k / kGrid), p);
        if (g.residual < f.residual) { f = g; best_k = k; }
      }
      if (best_k >= 0) {
        double a = lo + (hi - lo) * std::max(best_k - 1, 0) / kGrid, c = lo + (hi - lo) * std::min(best_k + 1, kGrid) / kGrid;
        constexpr double kGolden = 0.6180339887498949;
        for (int it = 0; it < 40; ++it) {
          const double m1 = c - kGolden * (c - a), m2 = a + kGolden * (c - a);
          if (fit_for(x, ln_sigma, std::exp(m1), p).residual < fit_for(x, ln_sigma, std::exp(m2), p).residual) c = m2;
          else a = m1;
        }
        const Fit g = fit_for(x, ln_sigma, std::exp(0.5 * (a + c)), p);
        if (g.residual < f.residual) f = g;
      }
    }
    if (f.residual < best.residual) {
      best = f;
      best_curve = {f.a, p == SigmaPower::Zero ? 0.0 : f.b, p};
    }
  }
  max_error = best.max_error;
  return best_curve;
}

}  // namespace

double taylor_sigma_m(double sigma_velocity_m_s, double travel_time_s, double lagrangian_time_s) {
  return sigma_velocity_m_s * travel_time_s / std::sqrt(1.0 + travel_time_s / (2.0 * lagrangian_time_s));
}

SigmaCurve taylor_sigma_curve(double sigma_velocity_m_s, double wind_speed_m_s, double lagrangian_time_s) {
  return {sigma_velocity_m_s / wind_speed_m_s, 1.0 / (2.0 * wind_speed_m_s * lagrangian_time_s),
          SigmaPower::MinusHalf};
}

EffectiveTurbulence effective_turbulence(const BoundaryLayerState& state, double bottom_m, double top_m) {
  EffectiveTurbulence e;
  e.layer_bottom_m = bottom_m;
  e.layer_top_m = top_m;
  const double step = (top_m - bottom_m) / kSimpsonIntervals;
  for (int k = 0; k <= kSimpsonIntervals; ++k) {
    const double w = (k == 0 || k == kSimpsonIntervals) ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0);
    const double z = bottom_m + step * k;
    e.wind_speed_m_s += w * state.wind_speed_m_s(z);
    e.sigma_v_m_s += w * state.sigma_v_m_s(z);
    e.sigma_w_m_s += w * state.sigma_w_m_s(z);
    e.vertical_diffusivity_m2_s += w * state.vertical_diffusivity_m2_s(z);
  }
  const double norm = 1.0 / (3.0 * kSimpsonIntervals);
  e.wind_speed_m_s *= norm;
  e.sigma_v_m_s *= norm;
  e.sigma_w_m_s *= norm;
  e.vertical_diffusivity_m2_s *= norm;
  e.lagrangian_time_vertical_s = e.vertical_diffusivity_m2_s / (e.sigma_w_m_s * e.sigma_w_m_s);
  e.lagrangian_time_lateral_s =
      state.lagrangian_time_lateral_s(0.5 * (bottom_m + top_m), e.sigma_v_m_s, e.sigma_w_m_s);
  return e;
}

SimilaritySigma similarity_sigma(const BoundaryLayerState& state, double release_height_m, double downwind_m,
                                 double sigma_z_guess_m) {
  require(std::isfinite(release_height_m) && release_height_m >= 0.0, "release_height_m", "must be finite and >= 0",
          release_height_m);
  require(std::isfinite(downwind_m) && downwind_m > 0.0, "downwind_distance_m", "must be finite and > 0", downwind_m);
  const double h = state.boundary_layer_height_m, H = release_height_m;
  auto layer = [&](double sz) {
    const double bottom = std::max(0.0, H - kPlumeLayerHalfDepthSigmas * sz);
    double top = H + kPlumeLayerHalfDepthSigmas * sz;
    if (H < h) top = std::min(top, h);
    return effective_turbulence(state, bottom, std::max(top, bottom + kMinimumLayerDepth_m));
  };
  auto next_sigma = [&](double sz) {
    const EffectiveTurbulence e = layer(sz);
    return taylor_sigma_m(e.sigma_w_m_s, downwind_m / e.wind_speed_m_s, e.lagrangian_time_vertical_s);
  };
  // Solve g(s) = next_sigma(s) - s = 0 by the secant method from s0 = guess, s1 = next_sigma(s0) (the map is
  // a contraction in practice, so this converges in a handful of steps); a secant step that leaves s > 0 or
  // does not shrink |g| falls back to a damped fixed-point step.
  SimilaritySigma r;
  double s0 = sigma_z_guess_m > 0.0 ? sigma_z_guess_m : std::max(0.5 * H, 0.5);
  double g0 = next_sigma(s0) - s0;
  double s1 = s0 + g0;
  double sz = s1;
  for (r.iterations = 1; r.iterations <= kMaxIterations; ++r.iterations) {
    const double g1 = next_sigma(s1) - s1;
    if (std::abs(g1) <= kIterationTolerance * s1) { sz = s1 + g1; break; }
    double s2 = g1 != g0 ? s1 - g1 * (s1 - s0) / (g1 - g0) : s1 + 0.5 * g1;
    if (!(s2 > 0.0) || !std::isfinite(s2)) s2 = s1 + 0.5 * g1;
    s0 = s1;
    g0 = g1;
    s1 = s2;
    sz = s1;
  }
  r.effective = layer(sz);
  const EffectiveTurbulence& e = r.effective;
  const double t = downwind_m / e.wind_speed_m_s;
  r.sigma_z_m = taylor_sigma_m(e.sigma_w_m_s, t, e.lagrangian_time_vertical_s);
  r.sigma_y_m = taylor_sigma_m(e.sigma_v_m_s, t, e.lagrangian_time_lateral_s);
  return r;
}

SimilarityPlumeCurves similarity_plume_curves(const BoundaryLayerState& state, double release_height_m,
                                              double x_min_m, double x_max_m) {
  require(std::isfinite(x_min_m) && x_min_m > 0.0, "x_min_m", "must be finite and > 0", x_min_m);
  require(std::isfinite(x_max_m) && x_max_m > x_min_m, "x_max_m", "must be finite and > x_min_m", x_max_m);
  std::array<double, kFitDistances> x{}, sy{}, sz{}, ue{};
  double guess = 0.0;
  for (int i = 0; i < kFitDistances; ++i) {
    x[i] = x_min_m * std::pow(x_max_m / x_min_m, static_cast<double>(i) / (kFitDistances - 1));
    const SimilaritySigma s = similarity_sigma(state, release_height_m, x[i], guess);
    sy[i] = s.sigma_y_m;
    sz[i] = s.sigma_z_m;
    ue[i] = s.effective.wind_speed_m_s;
    guess = s.sigma_z_m;
  }
  SimilarityPlumeCurves c;
  c.wind_speed_m_s =
      similarity_sigma(state, release_height_m, std::sqrt(x_min_m * x_max_m)).effective.wind_speed_m_s;
  std::array<double, kFitDistances> sz_scaled{};
  for (int i = 0; i < kFitDistances; ++i) sz_scaled[i] = sz[i] * ue[i] / c.wind_speed_m_s;
  c.sigma.y = fit_curve(x, sy, c.max_log_error_y);
  c.sigma.z = fit_curve(x, sz_scaled, c.max_log_error_z);
  return c;
}

}  // namespace twinlab::twins::dispersion
