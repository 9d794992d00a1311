#include "sim/advection_diffusion_vertical.hpp"

#include <algorithm>

namespace twinlab::sim {

VerticalSystem vertical_system(const std::vector<TransportLevel>& levels, double weight_s) {
  const std::size_t nz = levels.size();
  VerticalSystem s;
  s.lower.assign(nz, 0.0);
  s.inverse_pivot.assign(nz, 0.0);
  s.upper_scaled.assign(nz, 0.0);
  double previous_upper_scaled = 0.0;
  for (std::size_t k = 0; k < nz; ++k) {
    const TransportLevel& lv = levels[k];
    const double a = -weight_s * lv.z_lower_1_s;
    const double b = 1.0 + weight_s * (lv.z_lower_1_s + lv.z_upper_1_s + lv.deposition_1_s + lv.top_outflow_1_s);
    const double c = -weight_s * lv.z_upper_1_s;
    const double m = b - a * previous_upper_scaled;  // >= 1 by diagonal dominance
    s.lower[k] = a;
    s.inverse_pivot[k] = 1.0 / m;
    s.upper_scaled[k] = c / m;
    previous_upper_scaled = s.upper_scaled[k];
  }
  return s;
}

VerticalTotals solve_vertical(const StructuredGrid& grid, const std::vector<TransportLevel>& levels,
                              const VerticalSystem& system, double* field, double* deposited,
                              double deposition_weight) {
  const int nz = grid.nz();
  const std::size_t plane = grid.plane_size();
  const std::size_t blocks = (plane + kColumnBlock - 1) / kColumnBlock;
  std::vector<VerticalTotals> per_block(blocks);
  const double* lower = system.lower.data();
  const double* inv = system.inverse_pivot.data();
  const double* up = system.upper_scaled.data();

#pragma omp parallel if (grid.cell_count() >= kParallelMinimumCells)
  {
  const FlushSubnormals flush;  // as in transport_stage: subnormals at plume fronts are ~100x slower
#pragma omp for schedule(static)
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t begin = b * kColumnBlock;
    const std::size_t n = std::min(kColumnBlock, plane - begin);
    // Forward elimination: y_k = (r_k - a_k y_{k-1}) / m_k.
    {
      double* y = field + begin;
      const double i0 = inv[0];
#pragma omp simd
      for (std::size_t i = 0; i < n; ++i) y[i] *= i0;
    }
    for (int k = 1; k < nz; ++k) {
      double* y = field + static_cast<std::size_t>(k) * plane + begin;
      const double* yd = y - plane;
      const double a = lower[k], ik = inv[k];
#pragma omp simd
      for (std::size_t i = 0; i < n; ++i) y[i] = (y[i] - a * yd[i]) * ik;
    }
    // Back substitution: y_k -= c'_k y_{k+1}, summing each level as it is finished.
    VerticalTotals t;
    for (int k = nz - 1; k >= 0; --k) {
      double* y = field + static_cast<std::size_t>(k) * plane + begin;
      double level_sum = 0.0;
      if (k < nz - 1) {
        const double* yu = y + plane;
        const double ck = up[k];
#pragma omp simd reduction(+ : level_sum)
        for (std::size_t i = 0; i < n; ++i) {
          y[i] -= ck * yu[i];
          level_sum += y[i];
        }
      } else {
#pragma omp simd reduction(+ : level_sum)
        for (std::size_t i = 0; i < n; ++i) level_sum += y[i];
      }
      const TransportLevel& lv = levels[static_cast<std::size_t>(k)];
      t.sum_out += lv.thickness_m * level_sum;
      if (k == 0) t.deposition_rate += lv.thickness_m * lv.deposition_1_s * level_sum;
      if (k == nz - 1) t.top_outflow_rate += lv.thickness_m * lv.top_outflow_1_s * level_sum;
    }
    if (deposited != nullptr) {
      const double* y = field + begin;
      double* d = deposited + begin;
#pragma omp simd
      for (std::size_t i = 0; i < n; ++i) d[i] += deposition_weight * y[i];
    }
    per_block[b] = t;
  }
  }

  VerticalTotals totals;  // in block order: independent of the thread count
  for (const VerticalTotals& t : per_block) {
    totals.sum_out += t.sum_out;
    totals.deposition_rate += t.deposition_rate;
    totals.top_outflow_rate += t.top_outflow_rate;
  }
  return totals;
}

}  // namespace twinlab::sim
