#include "sim/gaussian_inversion.hpp"

#include <Eigen/Cholesky>
#include <cmath>
#include <stdexcept>

namespace twinlab::sim {

Eigen::VectorXd GaussianPosterior::std_dev() const { return covariance.diagonal().cwiseMax(0.0).cwiseSqrt(); }

GaussianPosterior gaussian_inversion(const Eigen::MatrixXd& G, const Eigen::VectorXd& y, const Eigen::VectorXd& sigma,
                                     const Eigen::VectorXd& prior_mean, const Eigen::VectorXd& prior_sd) {
  const Eigen::Index m = G.rows(), n = G.cols();
  if (n < 1 || y.size() != m || sigma.size() != m || prior_mean.size() != n || prior_sd.size() != n)
    throw std::invalid_argument("gaussian_inversion: sizes of G, y, sigma and the prior do not agree");
  if (!G.allFinite() || !y.allFinite() || !prior_mean.allFinite())
    throw std::invalid_argument("gaussian_inversion: G, y and the prior mean must be finite");
  for (Eigen::Index i = 0; i < m; ++i)
    if (!(sigma(i) > 0.0) || !std::isfinite(sigma(i)))
      throw std::invalid_argument("gaussian_inversion: every observation error must be finite and > 0");
  for (Eigen::Index j = 0; j < n; ++j)
    if (!(prior_sd(j) > 0.0)) throw std::invalid_argument("gaussian_inversion: prior spreads must be > 0");
  const Eigen::VectorXd w = sigma.cwiseInverse().cwiseAbs2();  // 1 / sigma^2
  Eigen::MatrixXd precision = G.transpose() * w.asDiagonal() * G;
  Eigen::VectorXd rhs = G.transpose() * w.cwiseProduct(y);
  for (Eigen::Index j = 0; j < n; ++j) {
    if (!std::isfinite(prior_sd(j))) continue;  // flat prior
    const double p0 = 1.0 / (prior_sd(j) * prior_sd(j));
    precision(j, j) += p0;
    rhs(j) += p0 * prior_mean(j);
  }
  // Scale to unit diagonal before factoring: rates and couplings span many decades.
  const Eigen::VectorXd d = precision.diagonal();
  for (Eigen::Index j = 0; j < n; ++j)
    if (!(d(j) > 0.0)) throw std::domain_error("gaussian_inversion: an unknown is seen by no observation");
  const Eigen::VectorXd s = d.cwiseSqrt().cwiseInverse();
  const Eigen::MatrixXd scaled = s.asDiagonal() * precision * s.asDiagonal();
  const Eigen::LLT<Eigen::MatrixXd> llt(scaled);
  if (llt.info() != Eigen::Success) throw std::domain_error("gaussian_inversion: the posterior precision is singular");
  const Eigen::MatrixXd inv_scaled = llt.solve(Eigen::MatrixXd::Identity(n, n));
  if (!inv_scaled.allFinite()) throw std::domain_error("gaussian_inversion: the posterior precision is singular");
  GaussianPosterior post;
  post.covariance = s.asDiagonal() * inv_scaled * s.asDiagonal();
  post.covariance = 0.5 * (post.covariance + post.covariance.transpose());
  post.mean = post.covariance * rhs;
  return post;
}

GaussianPosterior gaussian_prior(const Eigen::VectorXd& prior_mean, const Eigen::VectorXd& prior_sd) {
  if (prior_mean.size() != prior_sd.size() || !prior_sd.allFinite() || (prior_sd.array() <= 0.0).any())
    throw std::invalid_argument("gaussian_prior: finite spreads > 0, one per mean");
  GaussianPosterior p;
  p.mean = prior_mean;
  p.covariance = prior_sd.cwiseAbs2().asDiagonal();
  return p;
}

void kalman_update(GaussianPosterior& state, const Eigen::VectorXd& h, double y, double sigma) {
  if (h.size() != state.mean.size() || !(sigma > 0.0) || !std::isfinite(y) || !h.allFinite())
    throw std::invalid_argument("kalman_update: h of the state's size, finite y, sigma > 0");
  const Eigen::VectorXd Ph = state.covariance * h;
  const double innovation_variance = h.dot(Ph) + sigma * sigma;
  const Eigen::VectorXd K = Ph / innovation_variance;
  state.mean += K * (y - h.dot(state.mean));
  const Eigen::Index n = state.mean.size();
  const Eigen::MatrixXd I_KH = Eigen::MatrixXd::Identity(n, n) - K * h.transpose();
  state.covariance = I_KH * state.covariance * I_KH.transpose() + (sigma * sigma) * K * K.transpose();
  state.covariance = 0.5 * (state.covariance + state.covariance.transpose());
}

}  // namespace twinlab::sim
