#pragma once
// The computational kernel of AdvectionDiffusionSolver: one fused pass over a cell-centred field that
// evaluates the transport operator T(x) (MC-limited upwind advection in x and y, central diffusion in
// x, y and z, deposition at the ground, outflow through open boundaries; see advection_diffusion.hpp)
// and writes the stage combination
//   out = alpha * x0 + beta * x + gamma * T(x)
// together with the boundary fluxes the mass budget needs. out may alias x0 (each out value reads x0 only
// at its own cell) but not x.
//
// Layout for speed: OpenMP over z-levels (each level by one thread, results independent of the thread
// count), the wind-sign branch resolved once per level (template), contiguous x-rows with `omp simd`
// inner loops, y-face fluxes kept in a rolling pair of row buffers so each face is computed once.
#include <cstddef>
#include <vector>

#include "sim/advection_diffusion.hpp"
#include "sim/structured_grid.hpp"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace twinlab::sim {

// Subnormal numbers (< 2.2e-308) appear at the far fronts of plumes after thousands of steps and make
// x86 arithmetic on them ~100x slower. While the kernel runs, each thread flushes them to zero (MXCSR
// FTZ + DAZ; restored afterwards). The values lost are positive and below 1e-307 kg/m^3.
class FlushSubnormals {
 public:
#if defined(__SSE2__)
  FlushSubnormals() : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | 0x8040u); }
  ~FlushSubnormals() { _mm_setcsr(saved_); }
  FlushSubnormals(const FlushSubnormals&) = delete;
  FlushSubnormals& operator=(const FlushSubnormals&) = delete;

 private:
  unsigned saved_;
#endif
};

// Grids smaller than this run the stage on one thread: forking and joining threads would cost more than
// the work (and, on a loaded machine, a descheduled thread stalls the whole team at the barrier).
inline constexpr std::size_t kParallelMinimumCells = 16384;

// Per-level rate coefficients, 1/s. On a stretched grid level k is dz_k thick and its centre lies
// h_{k-1/2} = (dz_{k-1} + dz_k) / 2 above the centre below it; the flux through a face is
// Kz (c_upper - c_lower) / h, and it changes the level's concentration by flux / dz_k.
struct TransportLevel {
  double ax_1_s = 0.0, ay_1_s = 0.0;  // u / dx, v / dy
  double kx_1_s = 0.0, ky_1_s = 0.0;  // Kh / dx^2, Kh / dy^2
  double z_lower_1_s = 0.0;           // Kz / (h dz_k) at the bottom face (0 at the ground)
  double z_upper_1_s = 0.0;           // Kz / (h dz_k) at the top face (0 at the top level)
  double deposition_1_s = 0.0;        // vd / dz_0 at the ground level, else 0
  double top_outflow_1_s = 0.0;       // 2 Kz_top / dz^2 at the top level when the top is open, else 0
  double thickness_m = 0.0;           // dz_k: the weight of the level in mass sums
};

// Coefficients of every level (coefficients must have been validated).
std::vector<TransportLevel> transport_levels(const StructuredGrid& grid, const TransportCoefficients& coefficients,
                                             const BoundaryConditions& boundaries);
// The same without the vertical terms (diffusion between levels, deposition, top outflow): the part of
// the operator a step treats explicitly when the vertical terms are solved implicitly.
std::vector<TransportLevel> horizontal_levels(std::vector<TransportLevel> levels);

struct StageArguments {
  const double* x = nullptr;   // field T is evaluated on
  const double* x0 = nullptr;  // may equal out
  double* out = nullptr;
  double alpha = 0.0, beta = 0.0, gamma = 0.0;
  double* deposited = nullptr;     // optional [ny * nx] accumulator: += deposition_weight * x (ground)
  double deposition_weight = 0.0;  // e.g. (weight in s) * vd (m/s)
};

// Sums over the domain, each cell weighted by its layer thickness dz_k (m): multiply by the horizontal
// cell area dx dy for kg, kg/s.
struct StageTotals {
  double sum_out = 0.0;          // sum of out dz over all cells
  double outflow_rate = 0.0;     // net rate through the lateral and top boundaries
  double deposition_rate = 0.0;  // rate through the ground
};

StageTotals transport_stage(const StructuredGrid& grid, const std::vector<TransportLevel>& levels,
                            const BoundaryConditions& boundaries, const StageArguments& arguments);

}  // namespace twinlab::sim
