#include "twins/dispersion/plume_model.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/error.hpp"
#include "twins/dispersion/averaging_blocks.hpp"
#include "twins/dispersion/boundary_layer_profiles.hpp"
#include "twins/dispersion/briggs_sigma.hpp"
#include "twins/dispersion/plume_rise.hpp"
#include "twins/dispersion/similarity_sigma.hpp"
#include "twins/dispersion/site_sources.hpp"
#include "twins/dispersion/wind_profile.hpp"

namespace twinlab::twins::dispersion {

namespace {

constexpr double kLastPeriodFallback_s = 3600.0;

void require(bool ok, const std::string& key, const std::string& rule, double value) {
  if (!ok) {
    throw base::InputError({"", 0, 0, "dispersion." + key}, rule + " (got " + std::to_string(value) + ")");
  }
}

bool finite_nonneg(double v) { return std::isfinite(v) && v >= 0.0; }

std::string indexed(const char* list, std::size_t i, const char* field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + field;
}

std::vector<double> linspace(double a, double b, int n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = a + (b - a) * i / (n - 1);
  v.back() = b;
  return v;
}

// Similarity turbulence (turbulence: similarity): the kernel curves are fitted over the two decades of
// downwind distance below the farthest domain corner or receptor from the source (similarity_sigma.hpp).
constexpr double kSimilarityFitDecades = 100.0;
constexpr double kSimilarityMinimumFarDistance_m = 10.0;

double farthest_distance_m(const Config& c, const Source& s) {
  double far2 = 0.0;
  auto add = [&](double x, double y) { far2 = std::max(far2, (x - s.x_m) * (x - s.x_m) + (y - s.y_m) * (y - s.y_m)); };
  for (double x : {c.domain.x_min_m, c.domain.x_max_m})
    for (double y : {c.domain.y_min_m, c.domain.y_max_m}) add(x, y);
  for (const Receptor& r : c.receptors) add(r.x_m, r.y_m);
  return std::max(std::sqrt(far2), kSimilarityMinimumFarDistance_m);
}

}  // namespace

void validate_plume_config(const Config& c) {
  const Domain& d = c.domain;
  require(std::isfinite(d.x_min_m) && std::isfinite(d.x_max_m) && d.x_max_m > d.x_min_m, "domain.x_max_m",
          "must be finite and > domain.x_min_m", d.x_max_m);
  require(std::isfinite(d.y_min_m) && std::isfinite(d.y_max_m) && d.y_max_m > d.y_min_m, "domain.y_max_m",
          "must be finite and > domain.y_min_m", d.y_max_m);
  require(c.plume.grid_nx >= 2, "plume.grid_nx", "must be >= 2", c.plume.grid_nx);
  require(c.plume.grid_ny >= 2, "plume.grid_ny", "must be >= 2", c.plume.grid_ny);
  require(finite_nonneg(c.plume.grid_height_m), "plume.grid_height_m", "must be finite and >= 0",
          c.plume.grid_height_m);

  const Meteorology& m = c.meteorology;
  require(std::isfinite(m.reference_height_m) && m.reference_height_m > 0.0, "meteorology.reference_height_m",
          "must be finite and > 0", m.reference_height_m);
  require(std::isfinite(m.ambient_temperature_K) && m.ambient_temperature_K > 0.0,
          "meteorology.ambient_temperature_K", "must be finite and > 0", m.ambient_temperature_K);
  require(!m.periods.empty(), "meteorology.periods", "must hold at least one period", 0.0);
  for (std::size_t i = 0; i < m.periods.size(); ++i) {
    const MeteorologyPeriod& p = m.periods[i];
    if (i == 0) require(p.start_s == 0.0, indexed("meteorology.periods", i, "start_s"), "must be 0", p.start_s);
    else require(std::isfinite(p.start_s) && p.start_s > m.periods[i - 1].start_s,
                 indexed("meteorology.periods", i, "start_s"), "must be finite and increase strictly",
                 p.start_s);
    if (p.status != PeriodStatus::Valid) continue;  // calm / missing: skipped, its values are not used
    require(std::isfinite(p.wind_speed_m_s) && p.wind_speed_m_s > 0.0,
            indexed("meteorology.periods", i, "wind_speed_m_s"), "must be finite and > 0 (no calms)",
            p.wind_speed_m_s);
    require(std::isfinite(p.wind_direction_deg), indexed("meteorology.periods", i, "wind_direction_deg"),
            "must be finite", p.wind_direction_deg);
    require(finite_nonneg(p.mixing_height_m), indexed("meteorology.periods", i, "mixing_height_m"),
            "must be finite and >= 0 (0 = no lid)", p.mixing_height_m);
  }

  for (std::size_t i = 0; i < c.sources.size(); ++i) {
    const Source& s = c.sources[i];
    require(std::isfinite(s.x_m) && std::isfinite(s.y_m), indexed("sources", i, "x_m"),
            "x_m and y_m must be finite", s.x_m);
    require(finite_nonneg(s.height_m), indexed("sources", i, "height_m"), "must be finite and >= 0", s.height_m);
    require(finite_nonneg(s.emission_rate_kg_s), indexed("sources", i, "emission_rate_kg_s"),
            "must be finite and >= 0", s.emission_rate_kg_s);
    require(finite_nonneg(s.diameter_m), indexed("sources", i, "diameter_m"), "must be finite and >= 0",
            s.diameter_m);
    require(finite_nonneg(s.exit_velocity_m_s), indexed("sources", i, "exit_velocity_m_s"),
            "must be finite and >= 0", s.exit_velocity_m_s);
    require(finite_nonneg(s.exit_temperature_K), indexed("sources", i, "exit_temperature_K"),
            "must be finite and >= 0 (0 = ambient)", s.exit_temperature_K);
    try {  // site geometry: the keys of the source's type
      validate_source_geometry(s);
    } catch (const base::InputError& e) {
      throw base::InputError({"", 0, 0, "dispersion.sources[" + std::to_string(i) + "]." + e.where().key}, e.message());
    }
    for (std::size_t k = 0; k < s.schedule.size(); ++k) {
      const std::string key = "sources[" + std::to_string(i) + "].schedule[" + std::to_string(k) + "]";
      require(finite_nonneg(s.schedule[k].rate_kg_s), key + ".rate_kg_s", "must be finite and >= 0",
              s.schedule[k].rate_kg_s);
      require(std::isfinite(s.schedule[k].time_s) && (k == 0 || s.schedule[k].time_s > s.schedule[k - 1].time_s),
              key + ".time_s", "must be finite and increase strictly", s.schedule[k].time_s);
    }
  }
  for (std::size_t i = 0; i < c.receptors.size(); ++i) {
    const Receptor& r = c.receptors[i];
    require(std::isfinite(r.x_m) && std::isfinite(r.y_m), indexed("receptors", i, "x_m"),
            "x_m and y_m must be finite", r.x_m);
    require(finite_nonneg(r.z_m), indexed("receptors", i, "z_m"), "must be finite and >= 0", r.z_m);
  }
  require(finite_nonneg(c.pollutant.decay_rate_1_s), "pollutant.decay_rate_1_s", "must be finite and >= 0",
          c.pollutant.decay_rate_1_s);
}

double period_duration_s(const Config& config, std::size_t index) {
  const auto& periods = config.meteorology.periods;
  if (index + 1 < periods.size()) return periods[index + 1].start_s - periods[index].start_s;
  const double start = periods.at(index).start_s;
  const double end = config.eulerian.duration_s;
  return end > start ? end - start : kLastPeriodFallback_s;
}

double mean_emission_rate_kg_s(const Source& source, double start_s, double end_s) {
  if (source.schedule.empty()) return source.emission_rate_kg_s;
  if (!(end_s > start_s)) return emission_rate_at(source, start_s);
  // Integrate the piecewise-constant schedule: rate_at(t) holds from each breakpoint to the next.
  double mass = 0.0, t = start_s;
  for (const EmissionPoint& p : source.schedule) {
    if (p.time_s <= t) continue;
    const double next = std::min(p.time_s, end_s);
    mass += emission_rate_at(source, t) * (next - t);
    t = next;
    if (t >= end_s) break;
  }
  if (t < end_s) mass += emission_rate_at(source, t) * (end_s - t);
  return mass / (end_s - start_s);
}

std::vector<PlumeSource> plume_sources_for_period(const Config& config, std::size_t index) {
  const Meteorology& met = config.meteorology;
  const MeteorologyPeriod& period = met.periods.at(index);
  const WindProfile wind = wind_profile_for(met, period);
  const SigmaCoefficients sigma = briggs_sigma_coefficients(period.stability, met.terrain);
  const double start = period.start_s, end = start + period_duration_s(config, index);

  std::vector<PlumeSource> out;
  out.reserve(config.sources.size());
  const bool similarity = met.turbulence == TurbulenceModel::Similarity;
  const BoundaryLayerState layer = similarity ? resolve_boundary_layer(met, period) : BoundaryLayerState{};
  for (const Source& s : config.sources) {
    const StackExit exit{s.diameter_m, s.exit_velocity_m_s, s.exit_temperature_K};
    const double stack_wind = similarity ? layer.wind_speed_m_s(s.height_m) : wind.speed_at(s.height_m);
    const PlumeRise rise = briggs_plume_rise(exit, period_ambient_temperature_K(met, period), stack_wind, period.stability);
    PlumeSource p;
    p.x_m = s.x_m;
    p.y_m = s.y_m;
    p.emission_rate_kg_s = mean_emission_rate_kg_s(s, start, end);
    p.effective_height_m = s.height_m + rise.final_rise_m;
    p.wind_speed_m_s = wind.speed_at(p.effective_height_m);
    p.wind_direction_deg = period.wind_direction_deg;
    p.sigma = sigma;
    if (similarity) {
      const double far = farthest_distance_m(config, s);
      const SimilarityPlumeCurves curves =
          similarity_plume_curves(layer, p.effective_height_m, far / kSimilarityFitDecades, far);
      p.sigma = curves.sigma;
      p.wind_speed_m_s = curves.wind_speed_m_s;
    }
    p.mixing_height_m = period.mixing_height_m;
    p.decay_rate_1_s = config.pollutant.decay_rate_1_s;
    out.push_back(p);
  }
  return out;
}

bool keeps_full_grids(const Config& config) {
  const double values = static_cast<double>(config.meteorology.periods.size()) * config.plume.grid_nx *
                        static_cast<double>(config.plume.grid_ny);
  switch (config.plume.grid_series) {
    case GridSeries::All: return true;
    case GridSeries::Statistics: return false;
    case GridSeries::Auto: return values <= kFullGridValues;
  }
  return true;
}

PlumeResult run_plume_model(const Config& config) {
  validate_plume_config(config);
  const auto nx = static_cast<std::size_t>(config.plume.grid_nx);
  const auto ny = static_cast<std::size_t>(config.plume.grid_ny);
  const std::size_t nodes = nx * ny;
  const std::size_t periods = config.meteorology.periods.size();
  const std::size_t nrec = config.receptors.size();

  PlumeResult r;
  r.x_m = linspace(config.domain.x_min_m, config.domain.x_max_m, config.plume.grid_nx);
  r.y_m = linspace(config.domain.y_min_m, config.domain.y_max_m, config.plume.grid_ny);
  r.grid_height_m = config.plume.grid_height_m;
  r.full_grids = keeps_full_grids(config);
  if (r.full_grids) r.concentration.assign(periods * nodes, 0.0);
  r.receptor_concentration.assign(periods * nrec, 0.0);
  r.effective_height_m.reserve(periods * config.sources.size());

  // Grid nodes as a structure of arrays, [y][x] order like the output.
  std::vector<double> gx(nodes), gy(nodes), gz(nodes, config.plume.grid_height_m);
  for (std::size_t j = 0; j < ny; ++j) {
    for (std::size_t i = 0; i < nx; ++i) {
      gx[j * nx + i] = r.x_m[i];
      gy[j * nx + i] = r.y_m[j];
    }
  }
  std::vector<double> rx(nrec), ry(nrec), rz(nrec);
  for (std::size_t k = 0; k < nrec; ++k) {
    rx[k] = config.receptors[k].x_m;
    ry[k] = config.receptors[k].y_m;
    rz[k] = config.receptors[k].z_m;
  }
  const ReceptorSpan grid{gx.data(), gy.data(), gz.data(), nodes};
  const ReceptorSpan named{rx.data(), ry.data(), rz.data(), nrec};
  validate_receptors(grid);
  validate_receptors(named);

  // Calm and missing periods are skipped (concentration 0, left out of every statistic: averaging.hpp).
  std::vector<std::vector<PreparedPlumeSource>> prepared(periods);
  const bool extended = std::any_of(config.sources.begin(), config.sources.end(),
                                    [](const Source& s) { return s.type != SourceType::Point; });
  std::vector<std::vector<PlumeSource>> extended_sources(extended ? periods : 0);
  for (std::size_t t = 0; t < periods; ++t) {
    r.times_s.push_back(config.meteorology.periods[t].start_s);
    r.period_duration_s.push_back(period_duration_s(config, t));
    if (config.meteorology.periods[t].status != PeriodStatus::Valid) {
      // Calm or missing hour (regulatory practice): no concentration, no plume; counted by the reports.
      r.effective_height_m.insert(r.effective_height_m.end(), config.sources.size(), kNotGiven);
      continue;
    }
    const std::vector<PlumeSource> sources = plume_sources_for_period(config, t);
    for (const PlumeSource& s : sources) r.effective_height_m.push_back(s.effective_height_m);
    // Site geometry: point sources through the prepared (vectorised) kernel; areas, lines and volumes by
    // their own units (site_sources.hpp), which the grid then gets through a full series (below).
    prepared[t] = prepare_plume_sources(point_plume_sources(config, sources));
    accumulate_prepared_plume(prepared[t], named, r.receptor_concentration.data() + t * nrec);
    accumulate_extended_sources(config, sources, named, r.receptor_concentration.data() + t * nrec);
    if (extended) extended_sources[t] = sources;
  }
  PeriodClock clock = period_clock(config);
  clock.day_origin_s = config.compliance.day_origin_s;
  const auto ranks = static_cast<std::size_t>(config.compliance.ranks);
  r.receptor_statistics = series_statistics(r.receptor_concentration.data(), nrec, clock, config.compliance.limits,
                                            ranks);
  if (extended) {
    // Area, line and volume sources are outside the prepared kernel: the grid's series is built whole (kept
    // when full grids are kept, else a temporary) and its statistics taken from it.
    std::vector<double> temporary;
    double* series = r.concentration.data();
    if (!r.full_grids) {
      temporary.assign(periods * nodes, 0.0);
      series = temporary.data();
    }
    for (std::size_t t = 0; t < periods; ++t) {
      if (config.meteorology.periods[t].status != PeriodStatus::Valid) continue;
      accumulate_prepared_plume(prepared[t], grid, series + t * nodes);
      accumulate_extended_sources(config, extended_sources[t], grid, series + t * nodes);
    }
    r.grid_statistics = series_statistics(series, nodes, clock, config.compliance.limits, 0);
    return r;
  }
  SeriesRequest request;
  request.threads = 0;
  request.full_series = r.full_grids ? r.concentration.data() : nullptr;
  r.grid_statistics = plume_series_statistics(prepared, grid, clock, config.compliance.limits, request);
  return r;
}

}  // namespace twinlab::twins::dispersion
