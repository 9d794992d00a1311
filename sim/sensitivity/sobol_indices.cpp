#include "sim/sensitivity/sobol_indices.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace twinlab::sim::sensitivity {

namespace {

struct PointEstimate {
  double mean = 0.0, variance = 0.0;
  std::vector<double> first, total;
};

// The estimators over the base rows rows[0..n) (a resample, or 0..N-1).
PointEstimate estimate(std::span<const double> y, std::size_t d, std::size_t N, const std::size_t* rows, std::size_t n,
                       FirstOrderEstimator first_kind) {
  auto row = [&](std::size_t k) { return rows ? rows[k] : k; };
  const double* fa = y.data();
  const double* fb = y.data() + N;
  PointEstimate e;
  double sum = 0.0;
  for (std::size_t k = 0; k < n; ++k) sum += fa[row(k)] + fb[row(k)];
  const double m = sum / (2.0 * static_cast<double>(n));
  double v = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double a = fa[row(k)] - m, b = fb[row(k)] - m;
    v += a * a + b * b;
  }
  v /= 2.0 * static_cast<double>(n);
  e.mean = m;
  e.variance = v;
  e.first.resize(d);
  e.total.resize(d);
  for (std::size_t i = 0; i < d; ++i) {
    const double* fab = y.data() + (2 + i) * N;
    double s_first = 0.0, s_total = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t r = row(k);
      const double a = fa[r] - m, b = fb[r] - m, ab = fab[r] - m;
      if (first_kind == FirstOrderEstimator::Saltelli2010) s_first += b * (ab - a);
      else s_first += (b - ab) * (b - ab);
      s_total += (a - ab) * (a - ab);
    }
    const auto nn = static_cast<double>(n);
    e.first[i] = first_kind == FirstOrderEstimator::Saltelli2010 ? s_first / nn / v : 1.0 - s_first / (2.0 * nn) / v;
    e.total[i] = s_total / (2.0 * nn) / v;
  }
  return e;
}

}  // namespace

SobolIndices estimate_sobol_indices(std::span<const double> outputs, std::size_t dimension, std::size_t base_rows,
                                    const SobolIndexOptions& options) {
  if (dimension == 0 || base_rows == 0 || outputs.size() != base_rows * (dimension + 2))
    throw std::invalid_argument("Sobol indices need N (d + 2) = " + std::to_string(base_rows * (dimension + 2)) +
                                " outputs of a Saltelli design (got " + std::to_string(outputs.size()) + ")");
  if (!(options.bootstrap.level > 0.0 && options.bootstrap.level < 1.0))
    throw std::invalid_argument("bootstrap confidence level must be in (0, 1) (got " +
                                std::to_string(options.bootstrap.level) + ")");
  for (std::size_t k = 0; k < outputs.size(); ++k)
    if (!std::isfinite(outputs[k]))
      throw std::invalid_argument("Sobol indices need finite outputs (run " + std::to_string(k) + " is not)");

  const PointEstimate whole = estimate(outputs, dimension, base_rows, nullptr, base_rows, options.first_order);
  SobolIndices result;
  result.mean = whole.mean;
  result.variance = whole.variance;
  result.first_order.resize(dimension);
  result.total_order.resize(dimension);
  for (std::size_t i = 0; i < dimension; ++i) {
    result.first_order[i] = {whole.first[i], NAN, NAN};
    result.total_order[i] = {whole.total[i], NAN, NAN};
  }
  const BootstrapOptions& bs = options.bootstrap;
  if (bs.resamples == 0) return result;

  const std::vector<std::size_t> rows = bootstrap_rows(base_rows, bs);
  std::vector<double> first(bs.resamples * dimension), total(bs.resamples * dimension);
#pragma omp parallel for schedule(static)
  for (std::size_t b = 0; b < bs.resamples; ++b) {
    const PointEstimate e = estimate(outputs, dimension, base_rows, &rows[b * base_rows], base_rows, options.first_order);
    for (std::size_t i = 0; i < dimension; ++i) {
      first[i * bs.resamples + b] = e.first[i];
      total[i * bs.resamples + b] = e.total[i];
    }
  }
  const double lo = 0.5 * (1.0 - bs.level), hi = 0.5 * (1.0 + bs.level);
  for (std::size_t i = 0; i < dimension; ++i) {
    std::span<double> f(&first[i * bs.resamples], bs.resamples), t(&total[i * bs.resamples], bs.resamples);
    result.first_order[i].lower = percentile(f, lo);
    result.first_order[i].upper = percentile(f, hi);
    result.total_order[i].lower = percentile(t, lo);
    result.total_order[i].upper = percentile(t, hi);
  }
  return result;
}

}  // namespace twinlab::sim::sensitivity
