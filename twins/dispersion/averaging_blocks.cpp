#include "twins/dispersion/averaging_blocks.hpp"

#include <algorithm>
#include <cstdint>
#include <omp.h>

namespace twinlab::twins::dispersion {

namespace {

SeriesStatistics allocate(std::size_t receptors, std::size_t ranks, std::size_t limits) {
  SeriesStatistics s;
  s.receptors = receptors;
  s.ranks = ranks;
  s.limits = limits;
  s.max_kg_m3.assign(receptors, 0.0);
  s.max_period.assign(receptors, -1);
  s.mean_kg_m3.assign(receptors, 0.0);
  s.ranked.assign(receptors * kAveragingPeriodCount * ranks, 0.0);
  s.design_value_kg_m3.assign(limits * receptors, 0.0);
  s.exceedances.assign(limits * receptors, 0);
  s.pass.assign(limits * receptors, 1);
  return s;
}

// Reduces receptor r's series (values[t * stride]) into s.
void reduce(DesignValueAnalyzer& analyzer, const double* values, std::size_t stride,
            std::size_t r, bool keep_ranks, ReceptorDesignValues& scratch, SeriesStatistics& s) {
  analyzer.analyze(values, stride, scratch);
  s.max_kg_m3[r] = scratch.max_period_value_kg_m3;
  s.max_period[r] = scratch.max_period;
  const std::size_t R = analyzer.ranks();
  s.mean_kg_m3[r] = scratch.ranked[3 * R];
  if (keep_ranks)
    for (std::size_t a = 0; a < kAveragingPeriodCount; ++a)
      for (std::size_t k = 0; k < s.ranks; ++k)
        s.ranked[(r * kAveragingPeriodCount + a) * s.ranks + k] = scratch.ranked[a * R + k];
  for (std::size_t l = 0; l < s.limits; ++l) {
    s.design_value_kg_m3[l * s.receptors + r] = scratch.limits[l].design_value_kg_m3;
    s.exceedances[l * s.receptors + r] = static_cast<std::int64_t>(scratch.limits[l].exceedances);
    s.pass[l * s.receptors + r] = scratch.limits[l].pass ? 1 : 0;
  }
}

// Receptor order along a Z-order (Morton) curve of their x, y: consecutive receptors are neighbours, so the
// kernel's tiles of 64 are compact and its plume-sector test skips most (source, tile) pairs.
std::vector<std::size_t> z_order(const ReceptorSpan& r) {
  std::vector<std::size_t> order(r.count);
  if (r.count == 0) return order;
  double x0 = r.x_m[0], x1 = x0, y0 = r.y_m[0], y1 = y0;
  for (std::size_t i = 0; i < r.count; ++i) {
    x0 = std::min(x0, r.x_m[i]);
    x1 = std::max(x1, r.x_m[i]);
    y0 = std::min(y0, r.y_m[i]);
    y1 = std::max(y1, r.y_m[i]);
  }
  const double sx = x1 > x0 ? 65535.0 / (x1 - x0) : 0.0, sy = y1 > y0 ? 65535.0 / (y1 - y0) : 0.0;
  auto spread = [](std::uint64_t v) {  // 16 bits to the even bit positions
    v = (v | (v << 8)) & 0x00FF00FFu;
    v = (v | (v << 4)) & 0x0F0F0F0Fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
  };
  std::vector<std::uint64_t> key(r.count);
  for (std::size_t i = 0; i < r.count; ++i) {
    const auto qx = static_cast<std::uint64_t>((r.x_m[i] - x0) * sx);
    const auto qy = static_cast<std::uint64_t>((r.y_m[i] - y0) * sy);
    key[i] = spread(qx) | (spread(qy) << 1);
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
  return order;
}

// Reduces receptors [first, first + count) of a [period][stride] array (their own indices: index[i], or
// first + i without one), copying groups of kGroup columns into contiguous series first: one pass over the
// periods reads each cache line once for the whole group, instead of once per receptor (a column read alone
// misses the cache at every period).
constexpr std::size_t kGroup = 8;
void reduce_columns(DesignValueAnalyzer& analyzer, const PeriodClock& clock, const double* values, std::size_t stride,
                    std::size_t first, std::size_t count, const std::size_t* index, bool keep_ranks,
                    std::vector<double>& columns, ReceptorDesignValues& scratch, SeriesStatistics& s) {
  const std::size_t periods = clock.status.size();
  columns.resize(kGroup * periods);
  for (std::size_t g = 0; g < count; g += kGroup) {
    const std::size_t m = std::min(kGroup, count - g);
    const double* base = values + first + g;
    for (std::size_t t = 0; t < periods; ++t)
      for (std::size_t k = 0; k < m; ++k) columns[k * periods + t] = base[t * stride + k];
    for (std::size_t k = 0; k < m; ++k)
      reduce(analyzer, columns.data() + k * periods, 1, index ? index[g + k] : first + g + k, keep_ranks,
             scratch, s);
  }
}

}  // namespace

SeriesStatistics series_statistics(const double* values, std::size_t receptors, const PeriodClock& clock,
                                   const std::vector<Limit>& limits, std::size_t ranks) {
  DesignValueAnalyzer analyzer(clock, limits, std::max<std::size_t>(ranks, 1));
  SeriesStatistics s = allocate(receptors, ranks > 0 ? analyzer.ranks() : 0, limits.size());
  ReceptorDesignValues scratch;
  std::vector<double> columns;
  reduce_columns(analyzer, clock, values, receptors, 0, receptors, nullptr, ranks > 0, columns, scratch, s);
  return s;
}

SeriesStatistics plume_series_statistics(const std::vector<std::vector<PreparedPlumeSource>>& sources,
                                         const ReceptorSpan& receptors, const PeriodClock& clock,
                                         const std::vector<Limit>& limits, const SeriesRequest& request) {
  const std::size_t n = receptors.count, periods = clock.status.size();
  const DesignValueAnalyzer prototype(clock, limits, std::max<std::size_t>(request.ranks, 1));
  SeriesStatistics s = allocate(n, request.ranks > 0 ? prototype.ranks() : 0, limits.size());
  if (n == 0 || periods == 0) return s;
  // Receptors in Z-order (results go back to their own index); blocks a multiple of 64 receptors whose series
  // fit the budget (at least 64).
  const std::vector<std::size_t> order = z_order(receptors);
  std::vector<double> ox(n), oy(n), oz(n);
  for (std::size_t i = 0; i < n; ++i) {
    ox[i] = receptors.x_m[order[i]];
    oy[i] = receptors.y_m[order[i]];
    oz[i] = receptors.z_m[order[i]];
  }
  const std::size_t budget_block = kSeriesBudgetBytes / (periods * sizeof(double));
  const std::size_t block = std::min(n, std::max(kTileReceptors, budget_block / kTileReceptors * kTileReceptors));
  const auto blocks = static_cast<long long>((n + block - 1) / block);
  const int nthreads = request.threads > 0 ? request.threads : omp_get_max_threads();
#pragma omp parallel num_threads(nthreads) if (nthreads > 1)
  {
    DesignValueAnalyzer analyzer = prototype;
    ReceptorDesignValues scratch;
    std::vector<double> series(periods * block), columns;
#pragma omp for schedule(dynamic, 1)
    for (long long b = 0; b < blocks; ++b) {
      const std::size_t begin = static_cast<std::size_t>(b) * block;
      const std::size_t count = std::min(block, n - begin);
      const ReceptorSpan span{ox.data() + begin, oy.data() + begin, oz.data() + begin, count};
      const ReceptorTiles tiles = receptor_tiles(span);
      std::fill(series.begin(), series.end(), 0.0);
      for (std::size_t t = 0; t < periods; ++t)
        if (clock.status[t] == PeriodStatus::Valid)
          accumulate_prepared_plume(sources[t], span, series.data() + t * count, &tiles, kNegligibleSectorSigmas);
      if (request.full_series)
        for (std::size_t t = 0; t < periods; ++t)
          for (std::size_t i = 0; i < count; ++i) request.full_series[t * n + order[begin + i]] = series[t * count + i];
      reduce_columns(analyzer, clock, series.data(), count, 0, count, order.data() + begin, request.ranks > 0, columns,
                     scratch, s);
    }
  }
  return s;
}

}  // namespace twinlab::twins::dispersion
