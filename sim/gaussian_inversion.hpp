#pragma once
// Bayesian inversion of a linear model with Gaussian prior and Gaussian observation errors:
//   y = G x + e,  e ~ N(0, diag(sigma^2)),  x ~ N(m0, diag(s0^2)).
// The posterior is Gaussian with
//   P = (G^T R^-1 G + P0^-1)^-1,   m = P (G^T R^-1 y + P0^-1 m0),
// computed from the Cholesky factor of the posterior precision. A prior spread of +infinity is a flat prior
// (no prior information on that unknown; the estimate is then generalised least squares).
// The same posterior, reached one observation at a time, is the Kalman filter's measurement update
// (kalman_update): for a static state both give identical results up to rounding.
#include <Eigen/Core>

namespace twinlab::sim {

struct GaussianPosterior {
  Eigen::VectorXd mean;
  Eigen::MatrixXd covariance;
  Eigen::VectorXd std_dev() const;  // sqrt of the covariance's diagonal
};

// G: m x n, y and sigma: m (sigma > 0), prior_mean and prior_sd: n (prior_sd > 0, +inf = flat).
// Throws std::invalid_argument on bad sizes or values and std::domain_error when the posterior precision is
// not positive definite (an unknown that no observation sees and that has a flat prior).
GaussianPosterior gaussian_inversion(const Eigen::MatrixXd& G, const Eigen::VectorXd& y, const Eigen::VectorXd& sigma,
                                     const Eigen::VectorXd& prior_mean, const Eigen::VectorXd& prior_sd);

// The Gaussian prior as a posterior to start a sequence of kalman_update calls (prior_sd finite).
GaussianPosterior gaussian_prior(const Eigen::VectorXd& prior_mean, const Eigen::VectorXd& prior_sd);

// One observation y = h . x + e, e ~ N(0, sigma^2) (sigma > 0) folded into the state (Joseph form of the
// covariance update, which stays symmetric positive semi-definite under rounding).
void kalman_update(GaussianPosterior& state, const Eigen::VectorXd& h, double y, double sigma);

}  // namespace twinlab::sim
