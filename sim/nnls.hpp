#pragma once
// Non-negative least squares: minimise ||A x - b||_2 subject to x >= 0, by the active-set method of Lawson
// and Hanson (1974, "Solving Least Squares Problems", ch. 23, algorithm NNLS). Exact in a finite number of
// steps: the solution satisfies the KKT conditions x >= 0, w = A^T (b - A x) <= tol, x_j w_j = 0.
#include <Eigen/Core>

namespace twinlab::sim {

struct NnlsResult {
  Eigen::VectorXd x;           // the solution, every entry >= 0
  double residual_norm = 0.0;  // ||A x - b||_2
  int iterations = 0;          // outer iterations (columns moved into the passive set)
};

// A: m x n (m >= 1, n >= 1), b: m. Throws std::invalid_argument on mismatched sizes or non-finite entries.
NnlsResult nnls(const Eigen::MatrixXd& A, const Eigen::VectorXd& b);

}  // namespace twinlab::sim
