#include "twins/dispersion/source_location.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <stdexcept>

#include "sim/nnls.hpp"

namespace twinlab::twins::dispersion {

namespace {

// chi^2 of the best non-negative rates, summed over the estimation periods.
double misfit(const SourceReceptorCoupling& c, const std::vector<SensorObservation>& observations) {
  const std::size_t periods = c.model == CouplingModel::Plume ? c.times_s.size() : 1;
  std::vector<std::vector<std::size_t>> rows_of(periods);
  std::vector<Eigen::VectorXd> rows(observations.size());
  std::vector<double> background(observations.size());
  double chi2 = 0.0;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    std::size_t p = 0;
    if (coupling_row(c, observations[i], rows[i], background[i], p)) rows_of[p].push_back(i);
  }
  for (const auto& idx : rows_of) {
    if (idx.empty()) continue;
    const auto m = static_cast<Eigen::Index>(idx.size());
    Eigen::MatrixXd A(m, static_cast<Eigen::Index>(c.unit.size()));
    Eigen::VectorXd b(m);
    for (Eigen::Index r = 0; r < m; ++r) {
      const auto& o = observations[idx[static_cast<std::size_t>(r)]];
      A.row(r) = rows[idx[static_cast<std::size_t>(r)]].transpose() / o.sigma_kg_m3;
      b(r) = (o.value_kg_m3 - background[idx[static_cast<std::size_t>(r)]]) / o.sigma_kg_m3;
    }
    const double norm = sim::nnls(A, b).residual_norm;
    chi2 += norm * norm;
  }
  return chi2;
}

std::vector<double> nodes(double lo, double hi, int n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = lo + (hi - lo) * i / (n - 1);
  return v;
}

LocationMap evaluate(const Config& config, std::size_t source, const std::vector<std::size_t>& estimated,
                     CouplingModel model, const std::vector<SensorObservation>& observations, std::vector<double> xs,
                     std::vector<double> ys) {
  LocationMap map;
  map.x_m = std::move(xs);
  map.y_m = std::move(ys);
  const std::size_t nx = map.x_m.size(), ny = map.y_m.size();
  map.chi_square.assign(nx * ny, 0.0);
  std::vector<std::exception_ptr> errors(nx * ny);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t n = 0; n < nx * ny; ++n) {
    try {
      Config c = config;
      c.sources[source].x_m = map.x_m[n % nx];
      c.sources[source].y_m = map.y_m[n / nx];
      map.chi_square[n] = misfit(source_receptor_coupling(c, estimated, model), observations);
    } catch (...) {
      errors[n] = std::current_exception();
    }
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  const double best = *std::min_element(map.chi_square.begin(), map.chi_square.end());
  map.posterior.resize(nx * ny);
  double total = 0.0;
  for (std::size_t n = 0; n < nx * ny; ++n) total += map.posterior[n] = std::exp(-0.5 * (map.chi_square[n] - best));
  for (double& p : map.posterior) p /= total;
  return map;
}

struct Moments {
  double x = 0.0, y = 0.0, sd_x = 0.0, sd_y = 0.0;
};
Moments moments(const LocationMap& m) {
  Moments r;
  const std::size_t nx = m.x_m.size();
  for (std::size_t n = 0; n < m.posterior.size(); ++n) r.x += m.posterior[n] * m.x_m[n % nx], r.y += m.posterior[n] * m.y_m[n / nx];
  for (std::size_t n = 0; n < m.posterior.size(); ++n) {
    r.sd_x += m.posterior[n] * std::pow(m.x_m[n % nx] - r.x, 2);
    r.sd_y += m.posterior[n] * std::pow(m.y_m[n / nx] - r.y, 2);
  }
  r.sd_x = std::sqrt(r.sd_x);
  r.sd_y = std::sqrt(r.sd_y);
  return r;
}

}  // namespace

LocationEstimate search_source_location(const Config& config, std::size_t source, const std::vector<std::size_t>& estimated,
                                        CouplingModel model, const std::vector<SensorObservation>& observations,
                                        const SearchBox& box) {
  if (box.nx < 2 || box.ny < 2 || box.refinements < 0)
    throw std::invalid_argument("search_source_location: at least 2 x 2 nodes, refinements >= 0");
  if (!(box.x_min_m < box.x_max_m && box.y_min_m < box.y_max_m) || box.x_min_m < config.domain.x_min_m ||
      box.x_max_m > config.domain.x_max_m || box.y_min_m < config.domain.y_min_m || box.y_max_m > config.domain.y_max_m)
    throw std::invalid_argument("search_source_location: the box must be non-empty and inside the domain");
  if (std::find(estimated.begin(), estimated.end(), source) == estimated.end())
    throw std::invalid_argument("search_source_location: the source must be estimated");
  LocationEstimate out;
  double x_lo = box.x_min_m, x_hi = box.x_max_m, y_lo = box.y_min_m, y_hi = box.y_max_m;
  for (int level = 0; level <= box.refinements; ++level) {
    out.maps.push_back(evaluate(config, source, estimated, model, observations, nodes(x_lo, x_hi, box.nx),
                                nodes(y_lo, y_hi, box.ny)));
    const LocationMap& m = out.maps.back();
    const std::size_t best = static_cast<std::size_t>(
        std::min_element(m.chi_square.begin(), m.chi_square.end()) - m.chi_square.begin());
    out.x_m = m.x_m[best % m.x_m.size()];
    out.y_m = m.y_m[best / m.x_m.size()];
    out.chi_square = m.chi_square[best];
    const double dx = (x_hi - x_lo) / (box.nx - 1), dy = (y_hi - y_lo) / (box.ny - 1);
    x_lo = std::max(box.x_min_m, out.x_m - dx), x_hi = std::min(box.x_max_m, out.x_m + dx);
    y_lo = std::max(box.y_min_m, out.y_m - dy), y_hi = std::min(box.y_max_m, out.y_m + dy);
  }
  // The spread from the finest grid whose window holds the posterior: a grid where the mass touches the edge
  // of a refined window underestimates it, so the coarser grid's moments are kept then.
  Moments spread = moments(out.maps.front());
  for (std::size_t level = 1; level < out.maps.size(); ++level) {
    const LocationMap& m = out.maps[level];
    const std::size_t nx = m.x_m.size(), ny = m.y_m.size();
    double edge = 0.0;
    for (std::size_t n = 0; n < m.posterior.size(); ++n) {
      const std::size_t i = n % nx, j = n / nx;
      if (i == 0 || j == 0 || i == nx - 1 || j == ny - 1) edge += m.posterior[n];
    }
    if (edge > 0.05) break;  // more than 5 % of the mass on the window's rim: the window is too small
    spread = moments(m);
  }
  out.sd_x_m = spread.sd_x;
  out.sd_y_m = spread.sd_y;
  return out;
}

}  // namespace twinlab::twins::dispersion
