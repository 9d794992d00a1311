#include "scenarios/dispersion/estimate_outputs.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "base/atomic_file.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/provenance.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double sd_of(const dsp::PeriodEstimate& p, std::size_t k) {
  const auto i = static_cast<Eigen::Index>(k);
  return std::sqrt(std::max(0.0, p.covariance(i, i)));
}

const std::string& source_name(const EstimationRun& run, std::size_t k) {
  return run.config.sources[run.estimated[k]].name;
}

nlohmann::json number_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

}  // namespace

RunMean run_mean(const EstimationRun& run, std::size_t k) {
  RunMean m;
  double weight = 0.0, var = 0.0;
  for (const auto& p : run.estimate.periods) {
    if (!p.estimated) continue;
    const double w = p.duration_s;
    weight += w;
    m.mean_kg_s += w * p.mean_kg_s(static_cast<Eigen::Index>(k));
    m.nnls_kg_s += w * p.nnls_kg_s(static_cast<Eigen::Index>(k));
    var += w * w * sd_of(p, k) * sd_of(p, k);
    ++m.periods;
  }
  if (weight <= 0.0) return {kNaN, kNaN, kNaN, 0};
  m.mean_kg_s /= weight;
  m.nnls_kg_s /= weight;
  m.sd_kg_s = std::sqrt(var) / weight;
  return m;
}

nlohmann::json estimate_summary(const Scenario& scenario, const EstimationRun& run) {
  nlohmann::json j = summary_header(scenario, "dispersion");
  j["filetype"] = "twinlab-estimate";
  j["model"] = run.model == dsp::CouplingModel::Plume ? "plume" : "eulerian";
  j["observations"] = {{"file", run.table.file},
                       {"rows", run.table.rows.size()},
                       {"unused_calm_or_missing", run.estimate.unused},
                       {"unit", run.table.unit},
                       {"relative_error", run.relative_error},
                       {"error_floor_kg_m3", run.error_floor_kg_m3}};
  nlohmann::json sources = nlohmann::json::array();
  for (std::size_t k = 0; k < run.estimated.size(); ++k) {
    const RunMean m = run_mean(run, k);
    nlohmann::json s = {{"name", source_name(run, k)},
                        {"prior_mean_kg_s", run.priors[k].mean_kg_s},
                        {"prior_sd_kg_s", number_or_null(run.priors[k].sd_kg_s)},
                        {"mean_kg_s", number_or_null(m.mean_kg_s)},
                        {"sd_kg_s", number_or_null(m.sd_kg_s)},
                        {"lower95_kg_s", number_or_null(m.mean_kg_s - kZ95 * m.sd_kg_s)},
                        {"upper95_kg_s", number_or_null(m.mean_kg_s + kZ95 * m.sd_kg_s)},
                        {"nnls_kg_s", number_or_null(m.nnls_kg_s)}};
    nlohmann::json periods = nlohmann::json::array();
    for (const auto& p : run.estimate.periods) {
      const double mean = p.mean_kg_s(static_cast<Eigen::Index>(k)), sd = sd_of(p, k);
      periods.push_back({{"start_s", p.start_s},
                         {"duration_s", p.duration_s},
                         {"observations", p.observations},
                         {"estimated", p.estimated},
                         {"mean_kg_s", number_or_null(mean)},
                         {"sd_kg_s", number_or_null(sd)},
                         {"lower95_kg_s", number_or_null(mean - kZ95 * sd)},
                         {"upper95_kg_s", number_or_null(mean + kZ95 * sd)},
                         {"nnls_kg_s", number_or_null(p.nnls_kg_s(static_cast<Eigen::Index>(k)))}});
    }
    s["periods"] = periods;
    sources.push_back(s);
  }
  j["sources"] = sources;
  if (run.location) {
    const auto& l = *run.location;
    j["location"] = {{"source", run.config.sources[*run.located_source].name}, {"x_m", l.x_m}, {"y_m", l.y_m},
                     {"sd_x_m", l.sd_x_m}, {"sd_y_m", l.sd_y_m}, {"chi_square", l.chi_square}};
  }
  return j;
}

std::string calibrated_scenario(const Scenario& scenario, const EstimationRun& run, const std::filesystem::path& dir) {
  YAML::Node root = YAML::Load(scenario.document.resolved_yaml());
  root["name"] = scenario.name + "-calibrated";
  // Files the scenario names relative to itself, made relative to where calibrated.yaml is written.
  YAML::Node met = root["dispersion"]["meteorology"];
  for (const char* key : {"file", "profile_file"}) {
    if (!met[key] || !met[key].IsScalar()) continue;
    const std::filesystem::path p = met[key].as<std::string>();
    if (p.is_absolute()) continue;
    const std::filesystem::path target = std::filesystem::absolute(scenario.directory() / p);
    met[key] = std::filesystem::relative(target, std::filesystem::absolute(dir)).generic_string();
  }
  YAML::Node sources = root["dispersion"]["sources"];
  std::ostringstream header;
  header << "# Calibrated by `twinlab estimate` from " << run.table.file << " (" << run.table.rows.size()
         << " observations, model " << (run.model == dsp::CouplingModel::Plume ? "plume" : "eulerian") << ").\n"
         << "# Posterior means of the estimated sources with their 95 % intervals (kg/s):\n";
  std::size_t estimated_periods = 0;
  for (const auto& p : run.estimate.periods) estimated_periods += p.estimated ? 1 : 0;
  for (std::size_t k = 0; k < run.estimated.size(); ++k) {
    YAML::Node s = sources[run.estimated[k]];
    const RunMean m = run_mean(run, k);
    header << fmt::format("#   {}: {:.6g} [{:.6g}, {:.6g}]", source_name(run, k), m.mean_kg_s,
                          m.mean_kg_s - kZ95 * m.sd_kg_s, m.mean_kg_s + kZ95 * m.sd_kg_s);
    if (run.estimate.periods.size() == 1 || estimated_periods == 0) {
      header << "\n";
      const double rate = std::isfinite(m.mean_kg_s) ? std::max(0.0, m.mean_kg_s) : run.priors[k].mean_kg_s;
      s.remove("schedule");
      s["emission_rate_kg_s"] = rate;
      continue;
    }
    header << " (run mean; per period in the schedule, unobserved periods keep the prior mean)\n";
    YAML::Node schedule(YAML::NodeType::Sequence);
    for (const auto& p : run.estimate.periods) {
      YAML::Node item;
      item["time_s"] = p.start_s;
      item["rate_kg_s"] = std::max(0.0, p.mean_kg_s(static_cast<Eigen::Index>(k)));  // the prior where unobserved
      schedule.push_back(item);
    }
    s.remove("emission_rate_kg_s");
    s.remove("emission_rate_kg_s_m2");
    s.remove("emission_rate_kg_s_m");
    s["schedule"] = schedule;
  }
  if (run.location) {
    YAML::Node s = sources[*run.located_source];
    s["x_m"] = run.location->x_m;
    s["y_m"] = run.location->y_m;
    s["location"] = "known";
    header << fmt::format("# Location of {} searched: ({:.1f}, {:.1f}) m, posterior spread {:.1f} x {:.1f} m\n",
                          run.config.sources[*run.located_source].name, run.location->x_m, run.location->y_m,
                          run.location->sd_x_m, run.location->sd_y_m);
  }
  YAML::Emitter out;
  out << root;
  return header.str() + out.c_str() + "\n";
}

std::string estimate_kpi_table(const EstimationRun& run) {
  std::string t = fmt::format("Estimated emission rates ({} model, {} observations, {} estimation period(s))\n",
                              run.model == dsp::CouplingModel::Plume ? "plume" : "eulerian",
                              run.observations.size() - run.estimate.unused, run.estimate.periods.size());
  t += fmt::format("{:<20} {:>8} {:>12} {:>12} {:>12} {:>27}\n", "source", "periods", "prior kg/s", "NNLS kg/s",
                   "posterior", "95 % interval kg/s");
  for (std::size_t k = 0; k < run.estimated.size(); ++k) {
    const RunMean m = run_mean(run, k);
    t += fmt::format("{:<20} {:>8} {:>12.4g} {:>12.4g} {:>12.4g}   [{:>10.4g}, {:>10.4g}]\n", source_name(run, k),
                     m.periods, run.priors[k].mean_kg_s, m.nnls_kg_s, m.mean_kg_s, m.mean_kg_s - kZ95 * m.sd_kg_s,
                     m.mean_kg_s + kZ95 * m.sd_kg_s);
  }
  if (run.location)
    t += fmt::format("location of {}: x = {:.1f} m +- {:.1f}, y = {:.1f} m +- {:.1f} (posterior sd; searched box "
                     "{:g}..{:g} x {:g}..{:g} m)\n",
                     run.config.sources[*run.located_source].name, run.location->x_m, run.location->sd_x_m,
                     run.location->y_m, run.location->sd_y_m, run.search_box.x_min_m, run.search_box.x_max_m,
                     run.search_box.y_min_m, run.search_box.y_max_m);
  // Fit quality: chi-square per used observation (about 1 when the stated errors are right).
  double chi2 = 0.0;
  std::size_t used = 0;
  for (const auto& p : run.estimate.periods) chi2 += p.chi_square, used += p.observations;
  t += fmt::format("fit: chi-square / observation = {:.3g} (about 1 when the observation errors are right)", used ? chi2 / used : kNaN);
  if (run.estimate.unused) t += fmt::format("; {} observation(s) in calm or missing periods not used", run.estimate.unused);
  return t + "\n";
}

void write_estimate_outputs(const Scenario& scenario, const EstimationRun& run, const std::filesystem::path& dir,
                            const std::filesystem::path& final_dir) {
  io::Dataset d;
  add_provenance(d, scenario, "dispersion");
  d.attributes.set("filetype", "twinlab-estimate");
  d.attributes.set("model", run.model == dsp::CouplingModel::Plume ? "plume" : "eulerian");
  d.attributes.set("observations_file", run.table.file);

  const std::size_t n = run.estimated.size(), periods = run.estimate.periods.size();
  io::Group& g = d.add_group("estimate");
  std::vector<std::string> names;
  for (std::size_t k = 0; k < n; ++k) names.push_back(source_name(run, k));
  std::vector<double> starts, durations;
  std::vector<std::int64_t> used;
  for (const auto& p : run.estimate.periods) {
    starts.push_back(p.start_s);
    durations.push_back(p.duration_s);
    used.push_back(static_cast<std::int64_t>(p.observations));
  }
  g.add_coordinate("period", starts, "s", "start of the estimation period");
  g.add_coordinate("source", names, "", "estimated source");
  std::vector<double> mean, sd, lo, hi, nnls, chi;
  for (const auto& p : run.estimate.periods) {
    chi.push_back(p.estimated ? p.chi_square : kNaN);
    for (std::size_t k = 0; k < n; ++k) {
      const double m = p.estimated ? p.mean_kg_s(static_cast<Eigen::Index>(k)) : kNaN, s = p.estimated ? sd_of(p, k) : kNaN;
      mean.push_back(m);
      sd.push_back(s);
      lo.push_back(m - kZ95 * s);
      hi.push_back(m + kZ95 * s);
      nnls.push_back(p.nnls_kg_s(static_cast<Eigen::Index>(k)));
    }
  }
  const std::vector<std::string> ps{"period", "source"};
  const std::vector<std::size_t> shape{periods, n};
  g.add_variable("rate_mean", ps, shape, mean, "kg s-1", "posterior mean emission rate");
  g.add_variable("rate_sd", ps, shape, sd, "kg s-1", "posterior standard deviation of the rate");
  g.add_variable("rate_lower95", ps, shape, lo, "kg s-1", "lower end of the 95 % interval");
  g.add_variable("rate_upper95", ps, shape, hi, "kg s-1", "upper end of the 95 % interval");
  g.add_variable("rate_nnls", ps, shape, nnls, "kg s-1", "non-negative least-squares rate");
  g.add_variable("period_duration", {"period"}, {periods}, durations, "s", "duration of the estimation period");
  g.add_variable("observations_used", {"period"}, {periods}, used, "1", "observations in the period");
  g.add_variable("chi_square", {"period"}, {periods}, chi, "1", "sum of squared weighted residuals");
  std::vector<double> pm, psd;
  for (const auto& p : run.priors) pm.push_back(p.mean_kg_s), psd.push_back(p.sd_kg_s);
  g.add_variable("prior_mean", {"source"}, {n}, pm, "kg s-1", "prior mean (the scenario's rate)");
  g.add_variable("prior_sd", {"source"}, {n}, psd, "kg s-1", "prior standard deviation (inf: flat)");
  std::vector<double> cov;
  for (const auto& p : run.estimate.periods)
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b)
        cov.push_back(p.estimated ? p.covariance(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) : kNaN);
  g.add_variable("rate_covariance", {"period", "source", "source_2"}, {periods, n, n}, cov, "kg2 s-2",
                 "posterior covariance of the rates");

  // Residuals: per observation, and per sensor (count, mean and rms of observed - predicted).
  io::Group& r = d.add_group("residuals");
  const std::size_t m = run.observations.size();
  std::vector<double> t, obs, pred, sig, res;
  std::vector<std::string> sensor;
  std::vector<std::int64_t> line;
  for (std::size_t i = 0; i < m; ++i) {
    const auto& o = run.observations[i];
    t.push_back(o.time_s);
    sensor.push_back(run.config.receptors[o.receptor].name);
    obs.push_back(o.value_kg_m3);
    pred.push_back(run.estimate.predicted_kg_m3[i]);
    sig.push_back(o.sigma_kg_m3);
    res.push_back(o.value_kg_m3 - run.estimate.predicted_kg_m3[i]);
    line.push_back(run.table.rows[i].line);
  }
  r.add_variable("time", {"observation"}, {m}, t, "s", "time of the observation");
  r.add_variable("sensor", {"observation"}, {m}, sensor, "", "sensor name");
  r.add_variable("observed", {"observation"}, {m}, obs, "kg m-3", "observed concentration");
  r.add_variable("predicted", {"observation"}, {m}, pred, "kg m-3", "concentration at the posterior mean (NaN: unused)");
  r.add_variable("sigma", {"observation"}, {m}, sig, "kg m-3", "observation error used in the fit");
  r.add_variable("residual", {"observation"}, {m}, res, "kg m-3", "observed - predicted");
  r.add_variable("csv_line", {"observation"}, {m}, line, "1", "line of the observation in the CSV file");
  std::map<std::string, std::vector<double>> by_sensor;
  for (std::size_t i = 0; i < m; ++i)
    if (std::isfinite(res[i])) by_sensor[sensor[i]].push_back(res[i]);
  std::vector<std::string> sensors;
  std::vector<double> mean_res, rms_res;
  std::vector<std::int64_t> count;
  for (const auto& [name, v] : by_sensor) {
    double s = 0.0, s2 = 0.0;
    for (double x : v) s += x, s2 += x * x;
    sensors.push_back(name);
    count.push_back(static_cast<std::int64_t>(v.size()));
    mean_res.push_back(s / v.size());
    rms_res.push_back(std::sqrt(s2 / v.size()));
  }
  io::Group& ps_group = d.add_group("sensors");
  ps_group.add_coordinate("sensor", sensors, "", "sensor name");
  ps_group.add_variable("observations", {"sensor"}, {sensors.size()}, count, "1", "observations used");
  ps_group.add_variable("residual_mean", {"sensor"}, {sensors.size()}, mean_res, "kg m-3", "mean of observed - predicted");
  ps_group.add_variable("residual_rms", {"sensor"}, {sensors.size()}, rms_res, "kg m-3", "rms of observed - predicted");
  if (run.location) {
    const auto& l = *run.location;
    for (std::size_t level = 0; level < l.maps.size(); level += std::max<std::size_t>(1, l.maps.size() - 1)) {
      const auto& map = l.maps[level];
      io::Group& lg = d.add_group(level == 0 ? "location" : "location_refined");
      lg.attributes.set("source", run.config.sources[*run.located_source].name);
      lg.attributes.set("best_x_m", l.x_m);
      lg.attributes.set("best_y_m", l.y_m);
      lg.attributes.set("sd_x_m", l.sd_x_m);
      lg.attributes.set("sd_y_m", l.sd_y_m);
      lg.add_coordinate("y", map.y_m, "m", "candidate northing");
      lg.add_coordinate("x", map.x_m, "m", "candidate easting");
      lg.add_variable("chi_square", {"y", "x"}, {map.y_m.size(), map.x_m.size()}, map.chi_square, "1",
                      "misfit with the rates at their best non-negative fit");
      lg.add_variable("posterior", {"y", "x"}, {map.y_m.size(), map.x_m.size()}, map.posterior, "1",
                      "posterior probability of each candidate (sums to 1 over the grid)");
    }
  }
  io::write_hdf5(d, dir / "estimate.h5");
  base::write_text_atomic(dir / "estimate.json", estimate_summary(scenario, run).dump(2) + "\n");
  base::write_text_atomic(dir / "calibrated.yaml", calibrated_scenario(scenario, run, final_dir));
}

}  // namespace twinlab::scenarios
