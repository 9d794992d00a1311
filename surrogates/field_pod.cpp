#include "surrogates/field_pod.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Dense>

namespace twinlab::surrogates {
namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// All modes of the centred snapshots X [count x cells] (rows = snapshots): orthonormal mode rows and their
// energies (squared singular values), largest first.
void all_modes(const Matrix& x, Matrix& modes, Eigen::VectorXd& energies) {
  const Eigen::Index count = x.rows();
  if (count < x.cols()) {
    // Method of snapshots: G = X X^T = U S^2 U^T, modes V^T = S^-1 U^T X.
    const Eigen::MatrixXd gram = x * x.transpose();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram);
    const Eigen::VectorXd values = eig.eigenvalues().reverse();
    const Eigen::MatrixXd u = eig.eigenvectors().rowwise().reverse();
    energies = values.cwiseMax(0.0);
    modes = Matrix::Zero(count, x.cols());
    const double largest = energies.size() > 0 ? energies(0) : 0.0;
    for (Eigen::Index k = 0; k < count; ++k) {
      // A null direction (relative energy below round-off) has no well-defined mode: left zero, energy 0.
      if (!(energies(k) > 1e-13 * largest)) {
        energies(k) = 0.0;
        continue;
      }
      modes.row(k) = (u.col(k).transpose() * x) / std::sqrt(energies(k));
    }
  } else {
    const Eigen::BDCSVD<Eigen::MatrixXd> svd(x, Eigen::ComputeThinV);
    energies = svd.singularValues().array().square();
    modes = svd.matrixV().transpose();
  }
}

PodBasis fit_complete(const Matrix& data, const PodOptions& options) {
  PodBasis b;
  b.snapshots = static_cast<std::size_t>(data.rows());
  b.cells = static_cast<std::size_t>(data.cols());
  const Eigen::RowVectorXd mean = data.colwise().mean();
  const Matrix x = data.rowwise() - mean;
  Matrix modes;
  Eigen::VectorXd energies;
  all_modes(x, modes, energies);
  const double total = energies.sum();
  const std::size_t limit = std::min<std::size_t>(options.max_modes, b.snapshots - 1);
  double cumulated = 0.0;
  std::size_t k = 0;
  while (k < limit && k < static_cast<std::size_t>(energies.size()) && energies(static_cast<Eigen::Index>(k)) > 0.0 &&
         (k == 0 || cumulated < options.energy_fraction)) {
    const double e = total > 0.0 ? energies(static_cast<Eigen::Index>(k)) / total : 0.0;
    b.energy.push_back(e);
    cumulated += e;
    ++k;
  }
  b.modes = k;
  b.energy_captured = total > 0.0 ? cumulated : 1.0;
  b.mean.assign(mean.data(), mean.data() + mean.size());
  b.vectors.resize(k * b.cells);
  for (std::size_t m = 0; m < k; ++m)
    for (std::size_t c = 0; c < b.cells; ++c)
      b.vectors[m * b.cells + c] = modes(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(c));
  return b;
}

}  // namespace

PodBasis fit_pod(std::span<const double> snapshots, std::size_t count, std::size_t cells, const PodOptions& options,
                 std::span<const std::uint8_t> present) {
  if (count < 2) throw std::invalid_argument("fit_pod: at least 2 snapshots are needed");
  if (snapshots.size() != count * cells || (!present.empty() && present.size() != snapshots.size()))
    throw std::invalid_argument("fit_pod: sizes do not match count x cells");
  Matrix data = Eigen::Map<const Matrix>(snapshots.data(), static_cast<Eigen::Index>(count),
                                         static_cast<Eigen::Index>(cells));
  bool gaps = false;
  for (const std::uint8_t p : present) gaps = gaps || p == 0;
  if (!gaps) return fit_complete(data, options);

  // First fill: per cell, the mean of the snapshots that have it (0 where none has it).
  for (std::size_t c = 0; c < cells; ++c) {
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t r = 0; r < count; ++r)
      if (present[r * cells + c] != 0) {
        sum += snapshots[r * cells + c];
        ++n;
      }
    if (n == 0) continue;  // a cell no snapshot has keeps the caller's values
    const double fill = sum / static_cast<double>(n);
    for (std::size_t r = 0; r < count; ++r)
      if (present[r * cells + c] == 0) data(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = fill;
  }
  PodBasis basis = fit_complete(data, options);
  for (int iteration = 0; iteration < options.gap_iterations; ++iteration) {
    for (std::size_t r = 0; r < count; ++r) {
      const std::span<const double> row(data.data() + r * cells, cells);
      const std::vector<double> rebuilt = pod_reconstruct(basis, pod_project(basis, row));
      for (std::size_t c = 0; c < cells; ++c)
        if (present[r * cells + c] == 0) data(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rebuilt[c];
    }
    basis = fit_complete(data, options);
  }
  return basis;
}

std::vector<double> pod_project(const PodBasis& basis, std::span<const double> snapshot) {
  if (snapshot.size() != basis.cells) throw std::invalid_argument("pod_project: snapshot size != cells");
  std::vector<double> a(basis.modes, 0.0);
  for (std::size_t k = 0; k < basis.modes; ++k) {
    const double* v = basis.vectors.data() + k * basis.cells;
    double s = 0.0;
    for (std::size_t c = 0; c < basis.cells; ++c) s += v[c] * (snapshot[c] - basis.mean[c]);
    a[k] = s;
  }
  return a;
}

std::vector<double> pod_reconstruct(const PodBasis& basis, std::span<const double> coefficients) {
  if (coefficients.size() != basis.modes) throw std::invalid_argument("pod_reconstruct: coefficient count != modes");
  std::vector<double> out = basis.mean;
  for (std::size_t k = 0; k < basis.modes; ++k) {
    const double* v = basis.vectors.data() + k * basis.cells;
    for (std::size_t c = 0; c < basis.cells; ++c) out[c] += coefficients[k] * v[c];
  }
  return out;
}

}  // namespace twinlab::surrogates
