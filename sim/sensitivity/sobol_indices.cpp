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

// The estimators over the N base rows.
PointEstimate estimate(std::span<const double> y, std::size_t d, std::size_t N, FirstOrderEstimator first_kind) {
  const std::size_t n = N;
  const double* fa = y.data();
  const double* fb = y.data() + N;
  PointEstimate e;
  double sum = 0.0;
  for (std::size_t k = 0; k < n; ++k) sum += fa[k] + fb[k];
  const double m = sum / (2.0 * static_cast<double>(n));
  double v = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double a = fa[k] - m, b = fb[k] - m;
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
      const std::size_t r = k;
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

  const PointEstimate whole = estimate(outputs, dimension, base_rows, options.first_order);
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

  // Every estimator is a ratio of sums over base rows of per-row terms, once the outputs are centred:
  // centre by the whole design's mean m, then a resample with mean m' (of the centred f(A), f(B)) has
  //   2n V'          = sum (a^2 + b^2) - 2n m'^2
  //   n S_i V'       = sum b (ab - a) - m' sum (ab - a)       (Saltelli 2010; Jansen terms need no m')
  // so each row is summarised once in a contiguous record and a resample gathers one record per draw.
  const std::size_t d = dimension, N = base_rows;
  const bool saltelli = options.first_order == FirstOrderEstimator::Saltelli2010;
  const std::size_t per = saltelli ? 3 : 2;  // terms per dimension
  const std::size_t width = 2 + per * d;
  std::vector<double> record(N * width);
  for (std::size_t r = 0; r < N; ++r) {
    double* rec = &record[r * width];
    const double a = outputs[r] - whole.mean, b = outputs[N + r] - whole.mean;
    rec[0] = a + b;
    rec[1] = a * a + b * b;
    for (std::size_t i = 0; i < d; ++i) {
      const double ab = outputs[(2 + i) * N + r] - whole.mean;
      double* t = rec + 2 + i * per;
      t[0] = (a - ab) * (a - ab);
      if (saltelli) {
        t[1] = b * (ab - a);
        t[2] = ab - a;
      } else {
        t[1] = (b - ab) * (b - ab);
      }
    }
  }
  std::vector<double> first(bs.resamples * d), total(bs.resamples * d);
#pragma omp parallel
  {
    std::vector<double> sums(width);
#pragma omp for schedule(static)
    for (std::size_t rs = 0; rs < bs.resamples; ++rs) {
      RandomStream stream = bootstrap_stream(bs.seed, rs);
      std::fill(sums.begin(), sums.end(), 0.0);
      for (std::size_t k = 0; k < N; ++k) {
        const double* rec = &record[bootstrap_unit(stream, N) * width];
        for (std::size_t w = 0; w < width; ++w) sums[w] += rec[w];
      }
      const double n = static_cast<double>(N);
      const double m = sums[0] / (2.0 * n);
      const double v = sums[1] / (2.0 * n) - m * m;
      for (std::size_t i = 0; i < d; ++i) {
        const double* t = &sums[2 + i * per];
        total[i * bs.resamples + rs] = t[0] / (2.0 * n) / v;
        first[i * bs.resamples + rs] = saltelli ? (t[1] - m * t[2]) / n / v : 1.0 - t[1] / (2.0 * n) / v;
      }
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
