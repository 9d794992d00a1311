// Lawson-Hanson non-negative least squares (sim/nnls).
#include <catch2/catch.hpp>

#include <random>

#include <Eigen/QR>

#include "sim/nnls.hpp"

using twinlab::sim::nnls;

TEST_CASE("nnls equals the unconstrained solution when that is non-negative") {
  Eigen::MatrixXd A(4, 2);
  A << 1, 0, 0, 1, 1, 1, 2, 1;
  const Eigen::VectorXd x_true = (Eigen::VectorXd(2) << 2.0, 3.0).finished();
  const auto r = nnls(A, A * x_true);
  CHECK(r.x(0) == Approx(2.0).epsilon(1e-12));
  CHECK(r.x(1) == Approx(3.0).epsilon(1e-12));
  CHECK(r.residual_norm == Approx(0.0).margin(1e-12));
}

TEST_CASE("nnls clamps a component the unconstrained fit makes negative") {
  // b = (1, -1) with A = I: the unconstrained solution is (1, -1); the constrained one (1, 0).
  const Eigen::MatrixXd A = Eigen::MatrixXd::Identity(2, 2);
  const auto r = nnls(A, (Eigen::VectorXd(2) << 1.0, -1.0).finished());
  CHECK(r.x(0) == Approx(1.0));
  CHECK(r.x(1) == 0.0);
  CHECK(r.residual_norm == Approx(1.0));
}

// The NNLS solution is the best of the least-squares solutions on every subset of columns whose solution is
// non-negative (the KKT point is one of them): brute force over the 2^n subsets on random problems.
TEST_CASE("nnls matches the brute-force optimum over all active sets on random problems") {
  std::mt19937 rng(12345);
  std::normal_distribution<double> normal;
  const int n = GENERATE(1, 3, 5);
  for (int trial = 0; trial < 40; ++trial) {
    const int m = n + 3;
    Eigen::MatrixXd A(m, n);
    Eigen::VectorXd b(m);
    for (int i = 0; i < m; ++i) {
      b(i) = normal(rng);
      for (int j = 0; j < n; ++j) A(i, j) = normal(rng);
    }
    double best = (b).norm();  // the empty set: x = 0
    for (int mask = 1; mask < (1 << n); ++mask) {
      std::vector<int> cols;
      for (int j = 0; j < n; ++j)
        if (mask & (1 << j)) cols.push_back(j);
      Eigen::MatrixXd Ap(m, static_cast<int>(cols.size()));
      for (std::size_t k = 0; k < cols.size(); ++k) Ap.col(static_cast<int>(k)) = A.col(cols[k]);
      const Eigen::VectorXd s = Ap.colPivHouseholderQr().solve(b);
      if ((s.array() >= 0.0).all()) best = std::min(best, (Ap * s - b).norm());
    }
    const auto r = nnls(A, b);
    CAPTURE(n, trial);
    CHECK((r.x.array() >= 0.0).all());
    // 1e-9 relative: both are QR solutions of the same small, well-conditioned subproblem.
    CHECK(r.residual_norm == Approx(best).epsilon(1e-9));
    // KKT: the gradient A^T (b - A x) is <= 0 on zero entries and 0 on positive ones.
    const Eigen::VectorXd w = A.transpose() * (b - A * r.x);
    for (int j = 0; j < n; ++j) {
      if (r.x(j) > 0.0) CHECK(std::abs(w(j)) < 1e-9);
      else CHECK(w(j) < 1e-9);
    }
  }
}

TEST_CASE("nnls refuses mismatched sizes and non-finite entries") {
  CHECK_THROWS_AS(nnls(Eigen::MatrixXd::Identity(2, 2), Eigen::VectorXd::Zero(3)), std::invalid_argument);
  Eigen::MatrixXd A = Eigen::MatrixXd::Identity(2, 2);
  A(0, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(nnls(A, Eigen::VectorXd::Zero(2)), std::invalid_argument);
}
