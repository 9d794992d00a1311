#pragma once
// Proper orthogonal decomposition (POD) of a set of field snapshots: the mean field and the leading orthonormal
// modes of the centred snapshots, kept to an energy fraction or a count. Torch-free (Eigen inside the .cpp).
//
// Energy: the squared singular values of the centred snapshot matrix; mode k carries s_k^2 / sum s^2. When the
// snapshots are fewer than the cells (a sweep of a few hundred runs of a map of thousands of cells) the modes
// come from the eigen-decomposition of the runs x runs Gram matrix (the "method of snapshots", Sirovich 1987),
// otherwise from Eigen's BDCSVD of the cells x runs matrix; both give the same modes.
//
// Gaps: a snapshot may lack some cells (a rotated field whose corners lie outside the simulated domain). The
// gappy fit fills them with the mean of the snapshots that have the cell, then alternates a POD fit with
// refilling the gaps by the rank-k reconstruction (Everson & Sirovich 1995), so that the filled values follow
// the low-rank structure of the data and add as little energy as possible. A cell that no snapshot has keeps
// the values given for it (the caller's fill).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace twinlab::surrogates {

struct PodBasis {
  std::size_t cells = 0, modes = 0;
  std::vector<double> mean;        // [cells]
  std::vector<double> vectors;     // [modes x cells], row-major, orthonormal rows
  std::vector<double> energy;      // fraction of the centred snapshots' energy per kept mode
  double energy_captured = 0.0;    // sum of `energy`
  std::size_t snapshots = 0;
};

struct PodOptions {
  double energy_fraction = 0.9999;  // keep the fewest modes whose cumulated energy reaches this
  std::size_t max_modes = 16;       // and never more than this (nor more than snapshots - 1); docs/surrogates.md
  int gap_iterations = 8;           // gappy fit: POD / refill alternations
};

// snapshots: [count x cells], row-major. present (same shape, optional): 1 where the value exists, 0 in a gap.
// Throws std::invalid_argument on inconsistent sizes or fewer than 2 snapshots.
PodBasis fit_pod(std::span<const double> snapshots, std::size_t count, std::size_t cells, const PodOptions& options,
                 std::span<const std::uint8_t> present = {});

// Coefficients of one snapshot ([cells]) in the basis: the orthogonal projection of (snapshot - mean).
std::vector<double> pod_project(const PodBasis& basis, std::span<const double> snapshot);
// mean + sum_k coefficients[k] vectors[k], [cells].
std::vector<double> pod_reconstruct(const PodBasis& basis, std::span<const double> coefficients);

}  // namespace twinlab::surrogates
