#include "scenarios/dispersion/estimate_follow.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "base/input_file.hpp"
#include "base/interrupt.hpp"
#include "sim/gaussian_inversion.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

// The file's complete lines, as a private copy read by the normal reader (messages name the real file).
io::SensorTable read_complete_lines(const std::filesystem::path& path, const io::SensorCsvExpectations& base) {
  std::string text = base::read_input_file(path, "sensor CSV file", "name a .csv file of sensor observations");
  text.resize(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1);
  const std::filesystem::path copy =
      std::filesystem::temp_directory_path() / fmt::format("twinlab-follow-{}.csv", static_cast<long>(::getpid()));
  {
    std::ofstream f(copy, std::ios::binary | std::ios::trunc);
    f << text;
  }
  io::SensorCsvExpectations expect = base;
  expect.file_label = path.string();
  try {
    io::SensorTable t = io::read_sensor_csv(copy, expect);
    std::filesystem::remove(copy);
    return t;
  } catch (...) {
    std::filesystem::remove(copy);
    throw;
  }
}

}  // namespace

void follow_estimation(EstimationRun& run, const std::filesystem::path& observations, const FollowSettings& settings,
                       std::ostream& out) {
  run.coupling = dsp::source_receptor_coupling(run.config, run.estimated, run.model);
  const std::size_t n = run.estimated.size();
  Eigen::VectorXd m0(static_cast<Eigen::Index>(n)), s0(static_cast<Eigen::Index>(n));
  for (std::size_t k = 0; k < n; ++k) {
    m0(static_cast<Eigen::Index>(k)) = run.priors[k].mean_kg_s;
    s0(static_cast<Eigen::Index>(k)) =
        std::isfinite(run.priors[k].sd_kg_s) ? run.priors[k].sd_kg_s : kFollowFlatPriorSd_kg_s;
  }
  const std::size_t periods = run.model == dsp::CouplingModel::Plume ? run.coupling.times_s.size() : 1;
  std::vector<sim::GaussianPosterior> state(periods, sim::gaussian_prior(m0, s0));
  std::vector<std::size_t> seen(periods, 0);

  io::SensorCsvExpectations expect;
  for (const auto& r : run.config.receptors) expect.sensors.push_back(r.name);
  expect.run_end_s = dsp::coupling_run_end_s(run.config, run.model);
  const double end = expect.run_end_s;

  std::size_t done = 0;
  bool finished = false;
  auto last_growth = std::chrono::steady_clock::now();
  io::SensorTable table = run.table;
  while (true) {
    // Fold in the rows not yet used, period by period, one line per period touched.
    std::map<std::size_t, std::size_t> touched;
    for (; done < table.rows.size(); ++done) {
      const auto& row = table.rows[done];
      const double rel = run.relative_error * row.concentration_kg_m3;
      const double sigma = std::sqrt(row.uncertainty_kg_m3 * row.uncertainty_kg_m3 + rel * rel +
                                     run.error_floor_kg_m3 * run.error_floor_kg_m3);
      const dsp::SensorObservation o{row.time_s, row.sensor, row.concentration_kg_m3, sigma};
      if (!(sigma > 0.0))
        throw base::InputError({observations.string(), row.line, 0, "uncertainty"},
                               "this observation has no error; add an uncertainty column or give --relative-error");
      run.observations.resize(done);
      run.observations.push_back(o);
      Eigen::VectorXd h;
      double background = 0.0;
      std::size_t p = 0;
      if (row.time_s >= end) finished = true;
      if (!dsp::coupling_row(run.coupling, o, h, background, p)) continue;
      sim::kalman_update(state[p], h, o.value_kg_m3 - background, sigma);
      ++seen[p];
      ++touched[p];
    }
    for (const auto& [p, count] : touched) {
      const auto& s = state[p];
      std::string line = fmt::format("update: period {} (from {:g} s), +{} observation(s), {} in all:", p,
                                     run.coupling.model == dsp::CouplingModel::Plume ? run.coupling.times_s[p] : 0.0,
                                     count, seen[p]);
      for (std::size_t k = 0; k < n; ++k) {
        const double mean = s.mean(static_cast<Eigen::Index>(k)), sd = s.std_dev()(static_cast<Eigen::Index>(k));
        line += fmt::format(" {} {:.4g} [{:.4g}, {:.4g}] kg/s", run.config.sources[run.estimated[k]].name, mean,
                            mean - kZ95 * sd, mean + kZ95 * sd);
      }
      out << line << std::endl;
    }
    if (finished || base::interrupted()) break;
    const auto now = std::chrono::steady_clock::now();
    if (std::chrono::duration<double>(now - last_growth).count() >= settings.idle_timeout_s) break;
    std::this_thread::sleep_for(std::chrono::duration<double>(settings.poll_s));
    io::SensorTable next = read_complete_lines(observations, expect);
    if (next.rows.size() < table.rows.size())
      throw base::InputError({observations.string(), 0, 0, ""},
                             "rows already read have disappeared (the file was truncated or replaced); --follow needs "
                             "a file that only grows");
    if (next.rows.size() > table.rows.size()) last_growth = std::chrono::steady_clock::now();
    table = std::move(next);
  }
  run.table = table;
  run.table.rows.resize(done);
  run.observations.resize(done);
  try {
    run.estimate = dsp::estimate_sources(run.coupling, run.observations, run.priors);
  } catch (const std::domain_error&) {
    throw std::runtime_error("a source with a flat prior (scenario rate 0) is seen by no sensor in a period with "
                             "observations: give it a rate in the scenario (the prior mean)");
  }
}

}  // namespace twinlab::scenarios
