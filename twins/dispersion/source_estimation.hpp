#pragma once
// Emission rates estimated from sensor observations through the source-receptor coupling
// (source_receptor.hpp): per estimation period (plume: each meteorology period with observations; Eulerian:
// the whole run), y - background = G q + e with G the coupling of the observations' receptors and times, and
//  * non-negative least squares of the error-weighted system (sim/nnls: Lawson-Hanson), the point estimate
//    that respects q >= 0;
//  * the Bayesian linear-Gaussian posterior (sim/gaussian_inversion): prior N(prior_mean, prior_sd^2) per
//    source, errors N(0, sigma_i^2) independent; its mean and covariance give the 95 % intervals
//    mean +- 1.96 sd (Gaussian: they may reach below 0 when the data say little).
// Observations in calm or missing periods (the plume predicts nothing there) are not used and counted.
#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "twins/dispersion/source_receptor.hpp"

namespace twinlab::twins::dispersion {

struct SensorObservation {
  double time_s = 0.0;
  std::size_t receptor = 0;       // index into Config::receptors
  double value_kg_m3 = 0.0;
  double sigma_kg_m3 = 0.0;       // 1-sigma error used in the fit (> 0)
};

struct SourcePrior {
  double mean_kg_s = 0.0;
  double sd_kg_s = 0.0;           // > 0; +infinity = flat
};

struct PeriodEstimate {
  double start_s = 0.0, duration_s = 0.0;
  std::size_t observations = 0;   // 0: nothing to estimate from (the prior is reported, estimated = false)
  bool estimated = false;
  Eigen::VectorXd nnls_kg_s;      // [estimated source]
  Eigen::VectorXd mean_kg_s;      // posterior mean
  Eigen::MatrixXd covariance;     // posterior covariance, (kg/s)^2
  double chi_square = 0.0;        // sum of squared weighted residuals at the posterior mean
};

struct SourceEstimate {
  std::vector<PeriodEstimate> periods;
  std::vector<std::size_t> period_of;    // [observation] estimation period (SIZE_MAX: not used)
  std::vector<double> predicted_kg_m3;   // [observation] background + G mean (NaN when not used)
  std::size_t unused = 0;                // observations in calm or missing periods
};

// priors: one per estimated source (coupling.unit order). Throws std::invalid_argument on sizes or values.
SourceEstimate estimate_sources(const SourceReceptorCoupling& coupling, const std::vector<SensorObservation>& observations,
                                const std::vector<SourcePrior>& priors);

// The row of G of one observation (length = estimated sources) and its background: plume: the observation's
// period; Eulerian: linear in time between the output times. Returns false when the observation is unused.
bool coupling_row(const SourceReceptorCoupling& coupling, const SensorObservation& o, Eigen::VectorXd& row,
                  double& background_kg_m3, std::size_t& period);

}  // namespace twinlab::twins::dispersion
