#include "twins/dispersion/source_receptor.hpp"

#include <exception>
#include <stdexcept>

#include "twins/dispersion/eulerian_model.hpp"
#include "twins/dispersion/plume_model.hpp"

namespace twinlab::twins::dispersion {

namespace {

// The configuration of one coupling run: only the receptors matter (a 2 x 2 statistics grid, no limits).
Config lean(const Config& config, std::vector<Source> sources) {
  Config c = config;
  c.sources = std::move(sources);
  c.plume.grid_nx = 2;
  c.plume.grid_ny = 2;
  c.plume.grid_series = GridSeries::Statistics;
  c.compliance.limits.clear();
  c.compliance.ranks = 0;
  return c;
}

struct Series {
  std::vector<double> times_s, values;
};
Series receptor_series(const Config& c, CouplingModel model) {
  if (c.sources.empty()) return {};
  if (model == CouplingModel::Plume) {
    PlumeResult r = run_plume_model(c);
    return {std::move(r.times_s), std::move(r.receptor_concentration)};
  }
  EulerianResult r = run_eulerian_model(c, {}, [](double, const double*, std::size_t) {});  // fields dropped
  return {std::move(r.times_s), std::move(r.receptor_concentration)};
}

}  // namespace

double coupling_run_end_s(const Config& config, CouplingModel model) {
  if (model == CouplingModel::Eulerian) return config.eulerian.duration_s;
  const std::size_t last = config.meteorology.periods.size() - 1;
  return config.meteorology.periods[last].start_s + period_duration_s(config, last);
}

SourceReceptorCoupling source_receptor_coupling(const Config& config, const std::vector<std::size_t>& estimated,
                                                CouplingModel model) {
  SourceReceptorCoupling out;
  out.model = model;
  out.receptors = config.receptors.size();
  std::vector<bool> is_estimated(config.sources.size(), false);
  for (const std::size_t k : estimated) is_estimated.at(k) = true;
  std::vector<Source> fixed;
  for (std::size_t k = 0; k < config.sources.size(); ++k)
    if (!is_estimated[k]) fixed.push_back(config.sources[k]);

  // Runs: 0 .. n-1 the unit sources, n the background. Errors are carried out of the parallel loop.
  const std::size_t n = estimated.size();
  std::vector<Series> series(n + 1);
  std::vector<std::exception_ptr> errors(n + 1);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t r = 0; r <= n; ++r) {
    try {
      if (r < n) {
        Source unit = config.sources[estimated[r]];
        unit.schedule.clear();
        unit.emission_rate_kg_s = 1.0;
        series[r] = receptor_series(lean(config, {unit}), model);
      } else {
        series[r] = receptor_series(lean(config, fixed), model);
      }
    } catch (...) {
      errors[r] = std::current_exception();
    }
  }
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);

  if (model == CouplingModel::Plume) {
    for (std::size_t p = 0; p < config.meteorology.periods.size(); ++p) {
      out.times_s.push_back(config.meteorology.periods[p].start_s);
      out.durations_s.push_back(period_duration_s(config, p));
      out.valid.push_back(config.meteorology.periods[p].status == PeriodStatus::Valid ? 1 : 0);
    }
  } else {
    out.times_s = n > 0 ? series[0].times_s : series[n].times_s;  // the model's output times
    out.valid.assign(out.times_s.size(), 1);
  }
  const std::size_t values = out.times_s.size() * out.receptors;
  for (std::size_t r = 0; r < n; ++r) {
    if (series[r].values.size() != values)
      throw std::logic_error("source_receptor_coupling: a unit run has an unexpected number of values");
    out.unit.push_back(std::move(series[r].values));
  }
  out.background = series[n].values.empty() ? std::vector<double>(values, 0.0) : std::move(series[n].values);
  if (out.background.size() != values)
    throw std::logic_error("source_receptor_coupling: the background run has an unexpected number of values");
  return out;
}

}  // namespace twinlab::twins::dispersion
