#include "sim/transport_stage.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "sim/flux_limiter.hpp"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace twinlab::sim {
namespace {

// Upwind face value between cells (c0, cp) from the four cells cm, c0, cp, cpp along the direction:
// wind towards + uses cell c0 and its limited slope; wind towards - uses cp.
template <bool Positive>
[[gnu::always_inline]] inline double face_value(double cm, double c0, double cp, double cpp) {
  if constexpr (Positive) {
    (void)cpp;
    return c0 + 0.5 * mc_slope(c0 - cm, cp - c0);
  } else {
    (void)cm;
    return cp - 0.5 * mc_slope(cp - c0, cpp - cp);
  }
}

// Fluxes G (per cell width, 1/s * c) through the faces between rows r0 and rp, with rm below r0 and
// rpp above rp (ghost rows at the edges): G = a * face value - k * (rp - r0).
template <bool Positive>
[[gnu::always_inline]] inline void row_face_fluxes(const double* __restrict rm, const double* __restrict r0,
                                                   const double* __restrict rp, const double* __restrict rpp,
                                                   double a, double kd, double* __restrict g, int n) {
#pragma omp simd
  for (int i = 0; i < n; ++i) {
    g[i] = a * face_value<Positive>(rm[i], r0[i], rp[i], rpp[i]) - kd * (rp[i] - r0[i]);
  }
}

struct Scratch {
  explicit Scratch(int nx) : gx(static_cast<std::size_t>(nx) + 1), gy_a(static_cast<std::size_t>(nx)),
                             gy_b(static_cast<std::size_t>(nx)) {}
  std::vector<double> gx, gy_a, gy_b;
};

struct PlaneTotals {
  double sum_x = 0.0, sum_out = 0.0, lateral = 0.0;
};

struct Context {
  int nx, ny, nz;
  const std::vector<TransportLevel>* levels;
  bool west_open, east_open, south_open, north_open;
  const double* zero_row;
  StageArguments args;
};

// x-face fluxes of one row: gx[f] is the face between cells f - 1 and f, f = 0 .. nx.
template <bool UPositive>
[[gnu::always_inline]] inline void x_fluxes(const Context& s, const double* r, double a, double kd, double* gx) {
  const int nx = s.nx;
  // Boundary faces: clean inflow or closed -> 0, open outflow -> first-order upwind; no diffusion.
  gx[0] = (!UPositive && s.west_open) ? a * r[0] : 0.0;
  gx[nx] = (UPositive && s.east_open) ? a * r[nx - 1] : 0.0;
  if (nx < 2) return;
  if constexpr (UPositive) {
    // The face next to the inflow boundary needs a ghost: 0 (clean air) when open, zero gradient when closed.
    const double ghost = s.west_open ? 0.0 : r[0];
    gx[1] = a * face_value<true>(ghost, r[0], r[1], 0.0) - kd * (r[1] - r[0]);
    // faces f = 2 .. nx - 1
    row_face_fluxes<true>(r, r + 1, r + 2, r + 2, a, kd, gx + 2, nx - 2);  // last arg unused
  } else {
    const double ghost = s.east_open ? 0.0 : r[nx - 1];
    // faces f = 1 .. nx - 2; face f uses cells f - 1, f, f + 1
    if (nx > 2) row_face_fluxes<false>(r, r, r + 1, r + 2, a, kd, gx + 1, nx - 2);  // first arg unused
    gx[nx - 1] = a * face_value<false>(0.0, r[nx - 2], r[nx - 1], ghost) - kd * (r[nx - 1] - r[nx - 2]);
  }
}

template <bool UPositive, bool VPositive>
PlaneTotals process_level(const Context& s, int k, Scratch& scratch) {
  const int nx = s.nx, ny = s.ny;
  const std::size_t n_row = static_cast<std::size_t>(nx);
  const std::size_t plane = n_row * static_cast<std::size_t>(ny);
  const TransportLevel& lv = (*s.levels)[static_cast<std::size_t>(k)];
  const double* xk = s.args.x + static_cast<std::size_t>(k) * plane;
  const double* xd = k > 0 ? xk - plane : xk;           // level below (unused weight 0 at the ground)
  const double* xu = k < s.nz - 1 ? xk + plane : xk;    // level above (unused weight 0 at the top)
  const double* x0k = s.args.x0 + static_cast<std::size_t>(k) * plane;
  double* ok = s.args.out + static_cast<std::size_t>(k) * plane;
  double* dep = (k == 0 && s.args.deposited != nullptr) ? s.args.deposited : nullptr;

  const double ax = lv.ax_1_s, ay = lv.ay_1_s, kx = lv.kx_1_s, ky = lv.ky_1_s;
  const double zlo = lv.z_lower_1_s, zhi = lv.z_upper_1_s;
  const double sink = lv.deposition_1_s + lv.top_outflow_1_s;
  const double alpha = s.args.alpha, beta = s.args.beta, gamma = s.args.gamma;
  const double dep_w = s.args.deposition_weight;

  double* gx = scratch.gx.data();
  double* gy_lo = scratch.gy_a.data();
  double* gy_hi = scratch.gy_b.data();
  const double* ghost_south = s.south_open ? s.zero_row : xk;                       // used when v >= 0
  const double* ghost_north = s.north_open ? s.zero_row : xk + (ny - 1) * n_row;    // used when v < 0

  PlaneTotals totals;
  // South boundary face.
  if (!VPositive && s.south_open) {
    for (int i = 0; i < nx; ++i) gy_lo[i] = ay * xk[i];
  } else {
    std::fill(gy_lo, gy_lo + nx, 0.0);
  }
  double south_sum = 0.0;
  for (int i = 0; i < nx; ++i) south_sum += gy_lo[i];
  double lateral = -south_sum;

  for (int j = 0; j < ny; ++j) {
    const double* r = xk + static_cast<std::size_t>(j) * n_row;
    if (j < ny - 1) {
      const double* rp = r + n_row;
      if constexpr (VPositive) {
        const double* rm = j > 0 ? r - n_row : ghost_south;
        row_face_fluxes<true>(rm, r, rp, rp, ay, ky, gy_hi, nx);  // 4th row unused
      } else {
        const double* rpp = j + 2 < ny ? rp + n_row : ghost_north;
        row_face_fluxes<false>(r, r, rp, rpp, ay, ky, gy_hi, nx);  // 1st row unused
      }
    } else {  // north boundary face
      if (VPositive && s.north_open) {
        for (int i = 0; i < nx; ++i) gy_hi[i] = ay * r[i];
      } else {
        std::fill(gy_hi, gy_hi + nx, 0.0);
      }
      double north_sum = 0.0;
      for (int i = 0; i < nx; ++i) north_sum += gy_hi[i];
      lateral += north_sum;
    }
    x_fluxes<UPositive>(s, r, ax, kx, gx);
    lateral += gx[nx] - gx[0];

    const std::size_t offset = static_cast<std::size_t>(j) * n_row;
    const double* rd = xd + offset;
    const double* ru = xu + offset;
    const double* r0 = x0k + offset;
    double* o = ok + offset;
    double sum_x = 0.0, sum_out = 0.0;
#pragma omp simd reduction(+ : sum_x, sum_out)
    for (int i = 0; i < nx; ++i) {
      const double c = r[i];
      const double t = (gx[i] - gx[i + 1]) + (gy_lo[i] - gy_hi[i]) + zhi * (ru[i] - c) + zlo * (rd[i] - c) - sink * c;
      const double v = alpha * r0[i] + beta * c + gamma * t;
      o[i] = v;
      sum_x += c;
      sum_out += v;
    }
    if (dep != nullptr) {
      double* d = dep + offset;
#pragma omp simd
      for (int i = 0; i < nx; ++i) d[i] += dep_w * r[i];
    }
    totals.sum_x += sum_x;
    totals.sum_out += sum_out;
    std::swap(gy_lo, gy_hi);
  }
  totals.lateral = lateral;
  return totals;
}

}  // namespace

std::vector<TransportLevel> transport_levels(const StructuredGrid& grid, const TransportCoefficients& coefficients,
                                             const BoundaryConditions& boundaries) {
  const int nz = grid.nz();
  const double dx = grid.dx_m(), dy = grid.dy_m();
  std::vector<TransportLevel> levels(static_cast<std::size_t>(nz));
  for (int k = 0; k < nz; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    const double dz = grid.dz_m(k);
    TransportLevel& lv = levels[kk];
    lv.thickness_m = dz;
    lv.ax_1_s = coefficients.u_m_s[kk] / dx;
    lv.ay_1_s = coefficients.v_m_s[kk] / dy;
    lv.kx_1_s = coefficients.kh_m2_s[kk] / (dx * dx);
    lv.ky_1_s = coefficients.kh_m2_s[kk] / (dy * dy);
    // Centre-to-centre distances of the faces below and above (0.5 (dz_{k-1} + dz_k); dz on a uniform grid).
    if (k > 0) lv.z_lower_1_s = coefficients.kz_face_m2_s[kk] / (0.5 * (grid.dz_m(k - 1) + dz) * dz);
    if (k < nz - 1) lv.z_upper_1_s = coefficients.kz_face_m2_s[kk + 1] / (0.5 * (dz + grid.dz_m(k + 1)) * dz);
    lv.deposition_1_s = k == 0 ? coefficients.deposition_velocity_m_s / dz : 0.0;
    lv.top_outflow_1_s = (k == nz - 1 && boundaries.top == BoundaryKind::Open)
                             ? 2.0 * coefficients.kz_face_m2_s[static_cast<std::size_t>(nz)] / (dz * dz)
                             : 0.0;
  }
  return levels;
}

std::vector<TransportLevel> horizontal_levels(std::vector<TransportLevel> levels) {
  for (TransportLevel& lv : levels) lv.z_lower_1_s = lv.z_upper_1_s = lv.deposition_1_s = lv.top_outflow_1_s = 0.0;
  return levels;
}

StageTotals transport_stage(const StructuredGrid& grid, const std::vector<TransportLevel>& levels,
                            const BoundaryConditions& boundaries, const StageArguments& arguments) {
  const int nz = grid.nz();
  const std::vector<double> zero_row(static_cast<std::size_t>(grid.nx()), 0.0);
  Context s{grid.nx(),
            grid.ny(),
            nz,
            &levels,
            boundaries.west == BoundaryKind::Open,
            boundaries.east == BoundaryKind::Open,
            boundaries.south == BoundaryKind::Open,
            boundaries.north == BoundaryKind::Open,
            zero_row.data(),
            arguments};
  std::vector<PlaneTotals> per_level(static_cast<std::size_t>(nz));

#pragma omp parallel if (grid.cell_count() >= kParallelMinimumCells)
  {
    const FlushSubnormals flush;
    Scratch scratch(grid.nx());
#pragma omp for schedule(dynamic, 1)
    for (int k = 0; k < nz; ++k) {
      const TransportLevel& lv = levels[static_cast<std::size_t>(k)];
      const bool u_pos = lv.ax_1_s >= 0.0, v_pos = lv.ay_1_s >= 0.0;
      PlaneTotals t;
      if (u_pos && v_pos) t = process_level<true, true>(s, k, scratch);
      else if (u_pos) t = process_level<true, false>(s, k, scratch);
      else if (v_pos) t = process_level<false, true>(s, k, scratch);
      else t = process_level<false, false>(s, k, scratch);
      per_level[static_cast<std::size_t>(k)] = t;
    }
  }

  // Summed in level order: independent of the number of threads.
  StageTotals totals;
  for (int k = 0; k < nz; ++k) {
    const PlaneTotals& t = per_level[static_cast<std::size_t>(k)];
    const TransportLevel& lv = levels[static_cast<std::size_t>(k)];
    const double dz = lv.thickness_m;
    totals.sum_out += dz * t.sum_out;
    totals.outflow_rate += dz * (t.lateral + lv.top_outflow_1_s * t.sum_x);
    totals.deposition_rate += dz * lv.deposition_1_s * t.sum_x;
  }
  return totals;
}

}  // namespace twinlab::sim
