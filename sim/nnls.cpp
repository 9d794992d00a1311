#include "sim/nnls.hpp"

#include <Eigen/QR>
#include <limits>
#include <stdexcept>
#include <vector>

namespace twinlab::sim {

namespace {

// Least-squares solution of A restricted to the passive columns (others 0).
Eigen::VectorXd passive_solution(const Eigen::MatrixXd& A, const Eigen::VectorXd& b, const std::vector<bool>& passive) {
  std::vector<Eigen::Index> cols;
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    if (passive[static_cast<std::size_t>(j)]) cols.push_back(j);
  Eigen::MatrixXd Ap(A.rows(), static_cast<Eigen::Index>(cols.size()));
  for (std::size_t k = 0; k < cols.size(); ++k) Ap.col(static_cast<Eigen::Index>(k)) = A.col(cols[k]);
  const Eigen::VectorXd sp = Ap.colPivHouseholderQr().solve(b);
  Eigen::VectorXd s = Eigen::VectorXd::Zero(A.cols());
  for (std::size_t k = 0; k < cols.size(); ++k) s(cols[k]) = sp(static_cast<Eigen::Index>(k));
  return s;
}

}  // namespace

NnlsResult nnls(const Eigen::MatrixXd& A, const Eigen::VectorXd& b) {
  if (A.rows() < 1 || A.cols() < 1 || b.size() != A.rows())
    throw std::invalid_argument("nnls: A must be m x n with m, n >= 1 and b of size m");
  if (!A.allFinite() || !b.allFinite()) throw std::invalid_argument("nnls: A and b must be finite");
  const Eigen::Index n = A.cols();
  // The tolerance of Lawson and Hanson's reference code: 10 eps ||A||_1 max(m, n), scaled by ||b||.
  const double tol = 10.0 * std::numeric_limits<double>::epsilon() * A.cwiseAbs().colwise().sum().maxCoeff() *
                     static_cast<double>(std::max(A.rows(), n)) * std::max(1.0, b.norm());
  std::vector<bool> passive(static_cast<std::size_t>(n), false);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  NnlsResult result;
  const int max_iterations = 3 * static_cast<int>(n) + 30;
  while (result.iterations < max_iterations) {
    const Eigen::VectorXd w = A.transpose() * (b - A * x);
    Eigen::Index t = -1;
    double best = tol;
    for (Eigen::Index j = 0; j < n; ++j)
      if (!passive[static_cast<std::size_t>(j)] && w(j) > best) best = w(j), t = j;
    if (t < 0) break;  // KKT satisfied
    passive[static_cast<std::size_t>(t)] = true;
    ++result.iterations;
    for (int inner = 0; inner < 3 * static_cast<int>(n) + 30; ++inner) {
      const Eigen::VectorXd s = passive_solution(A, b, passive);
      bool feasible = true;
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[static_cast<std::size_t>(j)] && s(j) <= 0.0) feasible = false;
      if (feasible) {
        x = s;
        break;
      }
      // Step from x towards s as far as feasibility allows, then drop the columns that reached zero.
      double alpha = 1.0;
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[static_cast<std::size_t>(j)] && s(j) <= 0.0) alpha = std::min(alpha, x(j) / (x(j) - s(j)));
      x += alpha * (s - x);
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[static_cast<std::size_t>(j)] && x(j) <= tol) passive[static_cast<std::size_t>(j)] = false, x(j) = 0.0;
    }
  }
  result.x = x.cwiseMax(0.0);
  result.residual_norm = (A * result.x - b).norm();
  return result;
}

}  // namespace twinlab::sim
