#include "twins/dispersion/source_estimation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/gaussian_inversion.hpp"
#include "sim/nnls.hpp"

namespace twinlab::twins::dispersion {

bool coupling_row(const SourceReceptorCoupling& c, const SensorObservation& o, Eigen::VectorXd& row,
                  double& background_kg_m3, std::size_t& period) {
  const std::size_t n = c.unit.size();
  row.resize(static_cast<Eigen::Index>(n));
  if (o.receptor >= c.receptors) throw std::invalid_argument("coupling_row: receptor index out of range");
  const auto& t = c.times_s;
  if (c.model == CouplingModel::Plume) {
    // The period holding the time: the last start <= t (a time on a boundary belongs to the later period).
    const auto it = std::upper_bound(t.begin(), t.end(), o.time_s);
    period = it == t.begin() ? 0 : static_cast<std::size_t>(it - t.begin()) - 1;
    if (!c.valid[period]) return false;
    for (std::size_t k = 0; k < n; ++k) row(static_cast<Eigen::Index>(k)) = c.unit_at(k, period, o.receptor);
    background_kg_m3 = c.background_at(period, o.receptor);
    return true;
  }
  period = 0;
  const auto it = std::upper_bound(t.begin(), t.end(), o.time_s);
  const std::size_t hi = std::min<std::size_t>(static_cast<std::size_t>(it - t.begin()), t.size() - 1);
  const std::size_t lo = hi == 0 ? 0 : hi - 1;
  const double w = t[hi] > t[lo] ? std::clamp((o.time_s - t[lo]) / (t[hi] - t[lo]), 0.0, 1.0) : 0.0;
  for (std::size_t k = 0; k < n; ++k)
    row(static_cast<Eigen::Index>(k)) = (1 - w) * c.unit_at(k, lo, o.receptor) + w * c.unit_at(k, hi, o.receptor);
  background_kg_m3 = (1 - w) * c.background_at(lo, o.receptor) + w * c.background_at(hi, o.receptor);
  return true;
}

SourceEstimate estimate_sources(const SourceReceptorCoupling& c, const std::vector<SensorObservation>& observations,
                                const std::vector<SourcePrior>& priors) {
  const std::size_t n = c.unit.size();
  if (priors.size() != n) throw std::invalid_argument("estimate_sources: one prior per estimated source");
  if (n == 0) throw std::invalid_argument("estimate_sources: no source to estimate");
  Eigen::VectorXd m0(static_cast<Eigen::Index>(n)), s0(static_cast<Eigen::Index>(n));
  for (std::size_t k = 0; k < n; ++k) m0(static_cast<Eigen::Index>(k)) = priors[k].mean_kg_s, s0(static_cast<Eigen::Index>(k)) = priors[k].sd_kg_s;

  SourceEstimate out;
  const std::size_t periods = c.model == CouplingModel::Plume ? c.times_s.size() : 1;
  out.periods.resize(periods);
  for (std::size_t p = 0; p < periods; ++p) {
    PeriodEstimate& e = out.periods[p];
    e.start_s = c.model == CouplingModel::Plume ? c.times_s[p] : c.times_s.front();
    e.duration_s = c.model == CouplingModel::Plume ? c.durations_s[p] : c.times_s.back() - c.times_s.front();
    e.nnls_kg_s = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(n), std::numeric_limits<double>::quiet_NaN());
    e.mean_kg_s = m0;
    e.covariance = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    for (std::size_t k = 0; k < n; ++k) {
      const double sd = s0(static_cast<Eigen::Index>(k));
      e.covariance(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k)) = std::isfinite(sd) ? sd * sd : std::numeric_limits<double>::infinity();
    }
  }
  // Rows per period.
  std::vector<std::vector<std::size_t>> rows_of(periods);
  std::vector<Eigen::VectorXd> rows(observations.size());
  std::vector<double> background(observations.size(), 0.0);
  out.period_of.assign(observations.size(), std::numeric_limits<std::size_t>::max());
  out.predicted_kg_m3.assign(observations.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < observations.size(); ++i) {
    if (!(observations[i].sigma_kg_m3 > 0.0)) throw std::invalid_argument("estimate_sources: every sigma must be > 0");
    std::size_t p = 0;
    if (!coupling_row(c, observations[i], rows[i], background[i], p)) {
      ++out.unused;
      continue;
    }
    out.period_of[i] = p;
    rows_of[p].push_back(i);
  }
  for (std::size_t p = 0; p < periods; ++p) {
    const auto& idx = rows_of[p];
    PeriodEstimate& e = out.periods[p];
    e.observations = idx.size();
    if (idx.empty()) continue;
    const auto m = static_cast<Eigen::Index>(idx.size());
    Eigen::MatrixXd G(m, static_cast<Eigen::Index>(n));
    Eigen::VectorXd y(m), sigma(m);
    for (Eigen::Index r = 0; r < m; ++r) {
      const std::size_t i = idx[static_cast<std::size_t>(r)];
      G.row(r) = rows[i].transpose();
      y(r) = observations[i].value_kg_m3 - background[i];
      sigma(r) = observations[i].sigma_kg_m3;
    }
    const Eigen::VectorXd w = sigma.cwiseInverse();
    e.nnls_kg_s = sim::nnls(w.asDiagonal() * G, w.cwiseProduct(y)).x;
    const sim::GaussianPosterior post = sim::gaussian_inversion(G, y, sigma, m0, s0);
    e.mean_kg_s = post.mean;
    e.covariance = post.covariance;
    e.estimated = true;
    const Eigen::VectorXd fit = G * post.mean;
    e.chi_square = (y - fit).cwiseProduct(w).squaredNorm();
    for (Eigen::Index r = 0; r < m; ++r) {
      const std::size_t i = idx[static_cast<std::size_t>(r)];
      out.predicted_kg_m3[i] = background[i] + fit(r);
    }
  }
  return out;
}

}  // namespace twinlab::twins::dispersion
