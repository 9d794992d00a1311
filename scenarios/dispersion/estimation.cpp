#include "scenarios/dispersion/estimation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "base/error.hpp"
#include "scenarios/dispersion/config.hpp"
#include "twins/dispersion/plume_model.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

dsp::CouplingModel model_of(const dsp::Config& config, const std::string& name) {
  if (name == "plume") return dsp::CouplingModel::Plume;
  if (name == "eulerian") return dsp::CouplingModel::Eulerian;
  if (!name.empty())
    throw base::InputError({"--model", 0, 0, ""}, "must be plume or eulerian (got " + name + ")");
  return config.plume.enabled || !config.eulerian.enabled ? dsp::CouplingModel::Plume : dsp::CouplingModel::Eulerian;
}

}  // namespace

EstimationRun prepare_estimation(const Scenario& scenario, const std::filesystem::path& observations,
                                 const EstimateOptions& options) {
  EstimationRun run;
  const io::ScenarioNode section = scenario.document.root().at("dispersion");
  run.config = dispersion_config(section);
  run.model = model_of(run.config, options.model);
  const io::ScenarioNode sources = section.at("sources");
  for (std::size_t k = 0; k < sources.size(); ++k)
    if (sources.item(k).at("estimate").boolean()) run.estimated.push_back(k);
  if (run.estimated.empty())
    for (std::size_t k = 0; k < run.config.sources.size(); ++k) run.estimated.push_back(k);
  for (std::size_t k = 0; k < sources.size(); ++k) {
    const io::ScenarioNode src = sources.item(k);
    if (src.at("location").text() != "unknown") continue;
    if (run.located_source)
      src.at("location").fail("only one source may have an unknown location; give the others' positions");
    if (run.config.sources[k].type != dsp::SourceType::Point)
      src.at("location").fail("only a point source's location can be searched; make it type: point");
    if (std::find(run.estimated.begin(), run.estimated.end(), k) == run.estimated.end())
      src.at("location").fail("a source of unknown location must be estimated: add estimate: true");
    const io::ScenarioNode box = src.at("search_box");
    for (const char* key : {"x_min_m", "x_max_m", "y_min_m", "y_max_m"})
      if (!box.has(key))
        box.fail(std::string("location: unknown needs search_box.") + key + ": give the box to search (inside the domain)");
    run.search_box = {box.at("x_min_m").number(), box.at("x_max_m").number(), box.at("y_min_m").number(),
                      box.at("y_max_m").number(), static_cast<int>(box.at("nodes").integer()),
                      static_cast<int>(box.at("nodes").integer()), static_cast<int>(box.at("refinements").integer())};
    const auto& b = run.search_box;
    const auto& d = run.config.domain;
    if (!(b.x_min_m < b.x_max_m)) box.at("x_max_m").fail("must be > x_min_m");
    if (!(b.y_min_m < b.y_max_m)) box.at("y_max_m").fail("must be > y_min_m");
    if (b.x_min_m < d.x_min_m || b.x_max_m > d.x_max_m || b.y_min_m < d.y_min_m || b.y_max_m > d.y_max_m)
      box.fail("the search box must lie inside the domain; shrink it or enlarge dispersion.domain");
    run.located_source = k;
  }
  if (run.config.receptors.empty())
    throw base::InputError(scenario.document.locate("dispersion"),
                           "the scenario has no receptors: name the sensors under dispersion.receptors");

  if (!(options.prior_spread > 0.0) || !std::isfinite(options.prior_spread))
    throw base::InputError({"--prior-spread", 0, 0, ""},
                           fmt::format("must be a finite number > 0 (got {})", options.prior_spread));
  if (std::isfinite(options.relative_error) && !(options.relative_error >= 0.0))
    throw base::InputError({"--relative-error", 0, 0, ""},
                           fmt::format("must be >= 0 (got {})", options.relative_error));
  if (std::isfinite(options.error_floor_kg_m3) && !(options.error_floor_kg_m3 >= 0.0))
    throw base::InputError({"--error-floor-ug-m3", 0, 0, ""},
                           fmt::format("must be >= 0 (got {})", options.error_floor_kg_m3));

  io::SensorCsvExpectations expect;
  for (const dsp::Receptor& r : run.config.receptors) expect.sensors.push_back(r.name);
  expect.run_start_s = 0.0;
  expect.run_end_s = dsp::coupling_run_end_s(run.config, run.model);
  run.table = io::read_sensor_csv(observations, expect);

  double largest = 0.0;
  for (const auto& o : run.table.rows) largest = std::max(largest, std::abs(o.concentration_kg_m3));
  run.relative_error = std::isnan(options.relative_error) ? (run.table.has_uncertainty ? 0.0 : 0.3) : options.relative_error;
  run.error_floor_kg_m3 = std::isnan(options.error_floor_kg_m3) ? (run.table.has_uncertainty ? 0.0 : 0.01 * largest)
                                                                : options.error_floor_kg_m3;
  for (const auto& o : run.table.rows) {
    const double rel = run.relative_error * o.concentration_kg_m3;
    const double sigma = std::sqrt(o.uncertainty_kg_m3 * o.uncertainty_kg_m3 + rel * rel +
                                   run.error_floor_kg_m3 * run.error_floor_kg_m3);
    if (!(sigma > 0.0))
      throw base::InputError({run.table.file, o.line, 0, "uncertainty"},
                             "this observation has no error (0 with no uncertainty column, relative error and floor "
                             "all 0); add an uncertainty column or give --relative-error / --error-floor");
    run.observations.push_back({o.time_s, o.sensor, o.concentration_kg_m3, sigma});
  }

  const double end = expect.run_end_s;
  for (const std::size_t k : run.estimated) {
    const double mean = dsp::mean_emission_rate_kg_s(run.config.sources[k], 0.0, end);
    run.priors.push_back({mean, mean > 0.0 ? options.prior_spread * mean : std::numeric_limits<double>::infinity()});
  }
  return run;
}

void solve_estimation(EstimationRun& run) {
  if (run.located_source) {
    run.location = dsp::search_source_location(run.config, *run.located_source, run.estimated, run.model,
                                               run.observations, run.search_box);
    run.config.sources[*run.located_source].x_m = run.location->x_m;
    run.config.sources[*run.located_source].y_m = run.location->y_m;
  }
  run.coupling = dsp::source_receptor_coupling(run.config, run.estimated, run.model);
  try {
    run.estimate = dsp::estimate_sources(run.coupling, run.observations, run.priors);
  } catch (const std::domain_error&) {
    throw std::runtime_error(
        "a source with a flat prior (scenario rate 0) is seen by no sensor in a period with observations: give it "
        "a rate in the scenario (the prior mean), or mark only the sources the sensors see with estimate: true");
  }
}

}  // namespace twinlab::scenarios
