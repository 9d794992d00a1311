// Bayesian linear-Gaussian inversion and its Kalman form (sim/gaussian_inversion).
#include <catch2/catch.hpp>

#include <limits>
#include <random>

#include "sim/gaussian_inversion.hpp"

using namespace twinlab::sim;

TEST_CASE("one unknown with a flat prior is weighted least squares with variance 1 / sum g^2 / sigma^2") {
  Eigen::MatrixXd G(3, 1);
  G << 1.0, 2.0, 4.0;
  const Eigen::VectorXd y = (Eigen::VectorXd(3) << 1.1, 1.9, 4.2).finished();
  const Eigen::VectorXd sigma = (Eigen::VectorXd(3) << 0.1, 0.2, 0.5).finished();
  const double inf = std::numeric_limits<double>::infinity();
  const auto post = gaussian_inversion(G, y, sigma, Eigen::VectorXd::Zero(1), Eigen::VectorXd::Constant(1, inf));
  const double a = 1 / 0.01 + 4 / 0.04 + 16 / 0.25;  // sum g^2 / sigma^2
  const double c = 1.1 / 0.01 + 2 * 1.9 / 0.04 + 4 * 4.2 / 0.25;
  CHECK(post.mean(0) == Approx(c / a).epsilon(1e-12));
  CHECK(post.covariance(0, 0) == Approx(1 / a).epsilon(1e-12));
}

TEST_CASE("an informative prior pulls the estimate towards its mean by the ratio of precisions") {
  Eigen::MatrixXd G(1, 1);
  G << 1.0;
  // Observation 10 +- 1, prior 0 +- 1: posterior mean 5, variance 1/2.
  const auto post = gaussian_inversion(G, Eigen::VectorXd::Constant(1, 10.0), Eigen::VectorXd::Ones(1),
                                       Eigen::VectorXd::Zero(1), Eigen::VectorXd::Ones(1));
  CHECK(post.mean(0) == Approx(5.0));
  CHECK(post.covariance(0, 0) == Approx(0.5));
  CHECK(post.std_dev()(0) == Approx(std::sqrt(0.5)));
}

TEST_CASE("the Kalman updates one observation at a time reach the batch posterior") {
  std::mt19937 rng(7);
  std::normal_distribution<double> normal;
  const int m = 12, n = 3;
  Eigen::MatrixXd G(m, n);
  Eigen::VectorXd y(m), sigma(m);
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) G(i, j) = std::abs(normal(rng)) * 1e-6;  // couplings of the size of C/Q
    y(i) = normal(rng) * 1e-5;
    sigma(i) = 1e-6 * (1.0 + i % 3);
  }
  const Eigen::VectorXd m0 = Eigen::VectorXd::Constant(n, 2.0), s0 = Eigen::VectorXd::Constant(n, 5.0);
  const auto batch = gaussian_inversion(G, y, sigma, m0, s0);
  GaussianPosterior seq = gaussian_prior(m0, s0);
  for (int i = 0; i < m; ++i) kalman_update(seq, G.row(i).transpose(), y(i), sigma(i));
  for (int j = 0; j < n; ++j) {
    CAPTURE(j);
    // 1e-8 relative: two orderings of the same rank-one algebra, condition number below 1e4.
    CHECK(seq.mean(j) == Approx(batch.mean(j)).epsilon(1e-8));
    for (int k = 0; k < n; ++k) CHECK(seq.covariance(j, k) == Approx(batch.covariance(j, k)).epsilon(1e-8).margin(1e-14));
  }
}

TEST_CASE("an unknown no observation sees with a flat prior is refused") {
  Eigen::MatrixXd G(2, 2);
  G << 1.0, 0.0, 2.0, 0.0;
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(gaussian_inversion(G, Eigen::VectorXd::Ones(2), Eigen::VectorXd::Ones(2), Eigen::VectorXd::Zero(2),
                                     Eigen::VectorXd::Constant(2, inf)),
                  std::domain_error);
  CHECK_THROWS_AS(gaussian_inversion(G, Eigen::VectorXd::Ones(2), Eigen::VectorXd::Zero(2), Eigen::VectorXd::Zero(2),
                                     Eigen::VectorXd::Ones(2)),
                  std::invalid_argument);
}
