#pragma once
// The implicit vertical part of AdvectionDiffusionSolver's step: per column, the tridiagonal system
//   (I - w Z) y = r,
//   (Z c)_k = zlo_k (c_{k-1} - c_k) + zhi_k (c_{k+1} - c_k) - (deposition_k + top_outflow_k) c_k
// (vertical diffusion between levels, dry deposition at the ground, diffusive outflow at an open top;
// the rates of transport_stage.hpp, on uniform or stretched layers), solved in place by the Thomas
// algorithm. The coefficients depend on the level only (the transport coefficients are horizontally
// uniform), so the elimination factors are computed once per (step, weight) and every column shares them.
//
// The matrix is a strictly diagonally dominant M-matrix (off-diagonals <= 0, diagonal 1 + w (sum of the
// rates)), so the solve needs no pivoting, is stable for any w >= 0, and maps r >= 0 to y >= 0: thin
// layers and large Kz do not limit the step. Summed with the layer thicknesses, the fluxes between levels
// telescope, so sum_k dz_k y_k = sum_k dz_k r_k - w (ground and top sinks) holds to round-off.
//
// Memory: the field is processed in blocks of kColumnBlock neighbouring columns (a contiguous piece of
// every level); the forward sweep of a block leaves it in cache for the back substitution, so the solve
// reads and writes the field about once. Blocks are fixed by the grid, not by the thread count, and the
// sums are added in block order: results are bitwise identical for any number of OpenMP threads.
#include <cstddef>
#include <vector>

#include "sim/structured_grid.hpp"
#include "sim/transport_stage.hpp"

namespace twinlab::sim {

inline constexpr std::size_t kColumnBlock = 512;

// Thomas elimination factors of (I - weight_s Z), per level.
struct VerticalSystem {
  std::vector<double> lower;          // a_k = -w zlo_k (sub-diagonal)
  std::vector<double> inverse_pivot;  // 1 / m_k, m_k = b_k - a_k c'_{k-1}
  std::vector<double> upper_scaled;   // c'_k = c_k / m_k, c_k = -w zhi_k
};

VerticalSystem vertical_system(const std::vector<TransportLevel>& levels, double weight_s);

// Sums after the solve, weighted by the layer thicknesses (multiply by the cell area dx dy for kg, kg/s).
struct VerticalTotals {
  double sum_out = 0.0;          // sum of y dz over all cells
  double deposition_rate = 0.0;  // vd sum of y over the ground level
  double top_outflow_rate = 0.0; // 2 Kz_top / dz_top sum of y over the top level (open top)
};

// Solves in place on field (grid.cell_count() values). deposited (optional, [ny * nx]) accumulates
// deposition_weight * y at the ground (e.g. (weight in s) * vd -> kg/m^2).
VerticalTotals solve_vertical(const StructuredGrid& grid, const std::vector<TransportLevel>& levels,
                              const VerticalSystem& system, double* field, double* deposited,
                              double deposition_weight);

}  // namespace twinlab::sim
