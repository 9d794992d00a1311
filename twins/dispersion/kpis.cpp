#include "twins/dispersion/kpis.hpp"

#include <algorithm>
#include <cstdint>

namespace twinlab::twins::dispersion {
namespace {

// The largest value of a [time][y][x] block (a slab of a larger array) and where it is.
GroundMaximum maximum_of(const std::vector<double>& field, std::size_t offset_per_time, std::size_t stride_per_time,
                         const std::vector<double>& times_s, const std::vector<double>& x_m,
                         const std::vector<double>& y_m) {
  GroundMaximum best;
  const std::size_t nx = x_m.size(), ny = y_m.size();
  for (std::size_t t = 0; t < times_s.size(); ++t) {
    const double* slab = field.data() + t * stride_per_time + offset_per_time;
    for (std::size_t j = 0; j < ny; ++j)
      for (std::size_t i = 0; i < nx; ++i)
        if (slab[j * nx + i] > best.concentration_kg_m3) best = {slab[j * nx + i], x_m[i], y_m[j], times_s[t]};
  }
  return best;
}

// The highest positive value of per-node maxima, the earliest period first and then the lowest node on ties
// (the order a scan over [time][y][x] would find it in).
GroundMaximum maximum_of(const SeriesStatistics& s, const std::vector<double>& times_s,
                         const std::vector<double>& x_m, const std::vector<double>& y_m) {
  GroundMaximum best;
  std::int64_t best_period = -1;
  const std::size_t nx = x_m.size();
  for (std::size_t node = 0; node < s.receptors; ++node) {
    const double v = s.max_kg_m3[node];
    const std::int64_t t = s.max_period[node];
    if (t < 0 || !(v > 0.0)) continue;
    if (v > best.concentration_kg_m3 || (v == best.concentration_kg_m3 && t < best_period)) {
      best = {v, x_m[node % nx], y_m[node / nx], times_s[static_cast<std::size_t>(t)]};
      best_period = t;
    }
  }
  return best;
}

std::vector<ReceptorKpi> receptor_peaks(const Config& config, const std::vector<double>& series, std::size_t times) {
  const std::size_t n = config.receptors.size();
  std::vector<ReceptorKpi> out(n);
  for (std::size_t r = 0; r < n; ++r) {
    out[r].name = config.receptors[r].name;
    for (std::size_t t = 0; t < times; ++t) out[r].peak_kg_m3 = std::max(out[r].peak_kg_m3, series[t * n + r]);
  }
  return out;
}

}  // namespace

ModelKpis plume_kpis(const Config& config, const PlumeResult& result) {
  ModelKpis k;
  k.model = "plume";
  k.ground_level_height_m = result.grid_height_m;
  if (result.x_m.size() > 1 && result.y_m.size() > 1)
    k.grid_spacing_m = std::max(result.x_m[1] - result.x_m[0], result.y_m[1] - result.y_m[0]);
  for (const double d : result.period_duration_s) k.threshold_averaging_s = std::max(k.threshold_averaging_s, d);
  k.trusted_range = trusted_range(config, Model::Plume);
  const std::size_t nodes = result.x_m.size() * result.y_m.size();
  k.ground_maximum = result.grid_statistics.receptors == nodes
                         ? maximum_of(result.grid_statistics, result.times_s, result.x_m, result.y_m)
                         : maximum_of(result.concentration, 0, nodes, result.times_s, result.x_m, result.y_m);
  k.ground_maximum_trusted = point_trusted(config, k.ground_maximum.x_m, k.ground_maximum.y_m, Model::Plume);
  k.receptors = receptor_peaks(config, result.receptor_concentration, result.times_s.size());
  const std::size_t n = config.receptors.size();
  const double threshold = config.pollutant.threshold_kg_m3;
  for (std::size_t t = 0; t < result.times_s.size() && threshold > 0.0; ++t)
    for (std::size_t r = 0; r < n; ++r)
      if (result.receptor_concentration[t * n + r] > threshold)
        k.receptors[r].time_above_threshold_s += result.period_duration_s[t];
  for (std::size_t r = 0; r < n; ++r) k.receptors[r].trusted = receptor_trusted(config, r, Model::Plume);
  return k;
}

ModelKpis eulerian_kpis(const Config& config, const EulerianResult& result) {
  ModelKpis k;
  k.model = "eulerian";
  k.ground_level_height_m = result.z_m.empty() ? 0.0 : result.z_m.front();
  if (result.x_m.size() > 1 && result.y_m.size() > 1)
    k.grid_spacing_m = std::max(result.x_m[1] - result.x_m[0], result.y_m[1] - result.y_m[0]);
  k.threshold_averaging_s = result.largest_step_s;
  k.trusted_range = trusted_range(config, Model::Eulerian);
  // Every figure was taken by the model after each of its steps (never from the stored output times).
  k.ground_maximum = result.ground_maximum;
  k.ground_maximum_trusted = point_trusted(config, k.ground_maximum.x_m, k.ground_maximum.y_m, Model::Eulerian);
  k.receptors.resize(config.receptors.size());
  for (std::size_t r = 0; r < k.receptors.size(); ++r) {
    k.receptors[r].name = config.receptors[r].name;
    k.receptors[r].peak_kg_m3 = result.receptor_peak_kg_m3.at(r);
    k.receptors[r].time_above_threshold_s = result.receptor_time_above_threshold_s.at(r);
    k.receptors[r].trusted = receptor_trusted(config, r, Model::Eulerian);
  }
  k.deposited_kg = result.budget.deposited_kg.empty() ? 0.0 : result.budget.deposited_kg.back();
  return k;
}

}  // namespace twinlab::twins::dispersion
