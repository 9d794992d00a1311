#include "scenarios/site/coupling.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "io/scenario_schema.hpp"
#include "twins/dispersion/plume_model.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;
namespace pl = twins::production_line;

double dispersion_run_end_s(const dsp::Config& config) {
  double end = std::numeric_limits<double>::infinity();
  if (config.eulerian.enabled) end = config.eulerian.duration_s;
  if (config.plume.enabled && !config.meteorology.periods.empty()) {
    const std::size_t last = config.meteorology.periods.size() - 1;
    end = std::min(end, config.meteorology.periods[last].start_s + dsp::period_duration_s(config, last));
  }
  return end;
}

std::size_t coupled_source_index(const io::ScenarioNode& coupling, const io::ScenarioNode& dispersion_section) {
  const io::ScenarioNode key = coupling.at("source");
  const std::string name = key.text();
  const io::ScenarioNode sources = dispersion_section.at("sources");
  std::vector<std::string> names;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    names.push_back(sources.item(i).at("name").text());
    if (names.back() == name) return i;
  }
  std::string listed;
  for (const auto& n : names) listed += (listed.empty() ? "" : ", ") + n;
  std::string message = "names no dispersion source (got " + name + "; dispersion.sources has " + listed + ")";
  const std::string near = io::nearest_key(name, names);
  message += near.empty() ? "; name one of them" : "; did you mean '" + near + "'?";
  key.fail(message);
}

namespace {

// The coupled source's rate comes from the line run: a rate written in the file would be silently replaced.
void refuse_own_rate(const io::ScenarioNode& source, const std::string& name) {
  for (const char* key : {"emission_rate_kg_s", "emission_rate_kg_s_m2", "emission_rate_kg_s_m"})
    if (source.has(key))
      source.at(key).fail("source " + name + " is fed by coupling.source: its rate comes from the line run; "
                          "remove this key");
  if (source.has("schedule") && source.at("schedule").size() > 0)
    source.at("schedule").fail("source " + name + " is fed by coupling.source: its schedule comes from the line "
                               "run; remove the schedule");
}

}  // namespace

CouplingConfig read_coupling(const io::ScenarioNode& coupling, const io::ScenarioNode& dispersion_section,
                             const dsp::Config& dispersion, const pl::LineConfig& line) {
  CouplingConfig c;
  c.source_index = coupled_source_index(coupling, dispersion_section);
  c.source = dispersion.sources[c.source_index].name;
  refuse_own_rate(dispersion_section.at("sources").item(c.source_index), c.source);

  c.pollutant = dispersion.pollutant.name;
  const io::ScenarioNode factors = coupling.at("factors");
  bool found = false;
  std::string listed;
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const io::ScenarioNode f = factors.item(i);
    const std::string pollutant = f.at("pollutant").text();
    for (std::size_t j = 0; j < i; ++j)
      if (factors.item(j).at("pollutant").text() == pollutant)
        f.at("pollutant").fail("repeats pollutant " + pollutant + " (factors[" + std::to_string(j) +
                               "]); give one factor per pollutant");
    listed += (listed.empty() ? "" : ", ") + pollutant;
    if (pollutant != c.pollutant) continue;
    c.factor_kg_per_kg = f.at("kg_per_kg").number();
    found = true;
  }
  if (!found)
    factors.fail("has no factor for the dispersion pollutant " + c.pollutant + " (got " + listed +
                 "); add {pollutant: " + c.pollutant + ", kg_per_kg: ...}");

  c.replication_mean = coupling.at("schedule").text() == "replication_mean";
  c.replication = static_cast<int>(coupling.at("replication").integer());
  if (!c.replication_mean && c.replication >= line.run.replications)
    coupling.at("replication").fail(fmt::format("is not a line replication (got {}; line.run.replications is {}); "
                                                "choose 0 to {}", c.replication, line.run.replications,
                                                line.run.replications - 1));

  c.start_s = coupling.at("start_s").number();
  c.line_horizon_s = line.run.horizon_s;
  c.dispersion_end_s = dispersion_run_end_s(dispersion);
  // Relative slack for a window that ends exactly at the run's end, written with round-off.
  if (c.start_s + c.line_horizon_s > c.dispersion_end_s * (1.0 + 1e-12))
    coupling.at("start_s").fail(fmt::format(
        "puts the line's window [{:g}, {:g}] s outside the dispersion run [0, {:g}] s (line.run.horizon_s is {:g} s); "
        "choose start_s <= {:g}, a shorter line.run.horizon_s or a longer dispersion run",
        c.start_s, c.start_s + c.line_horizon_s, c.dispersion_end_s, c.line_horizon_s,
        std::max(0.0, c.dispersion_end_s - c.line_horizon_s)));
  return c;
}

CoupledSeries coupled_series(const CouplingConfig& c, const pl::LineResult& line) {
  const pl::TimeSeries* ts = &line.series;
  if (!c.replication_mean) {
    if (c.replication < 0 || static_cast<std::size_t>(c.replication) >= line.per_replication.size())
      throw std::runtime_error(fmt::format("the line run has no replication {} (it ran {})", c.replication,
                                           line.per_replication.size()));
    ts = &line.per_replication[static_cast<std::size_t>(c.replication)].series;
  }
  CoupledSeries s;
  const std::size_t n = ts->times_s.size();
  for (std::size_t k = 0; k < n; ++k) {
    const double t0 = ts->times_s[k];
    const double t1 = k + 1 < n ? ts->times_s[k + 1] : c.line_horizon_s;
    const double rate = ts->direct_emission_rate_kg_s[k];
    s.line_time_s.push_back(t0);
    s.interval_s.push_back(t1 - t0);
    s.line_direct_rate_kg_s.push_back(rate);
    s.dispersion_time_s.push_back(c.start_s + t0);
    s.source_rate_kg_s.push_back(c.factor_kg_per_kg * rate);
    s.line_direct_kg += rate * (t1 - t0);
    s.source_kg += c.factor_kg_per_kg * rate * (t1 - t0);
  }
  return s;
}

std::vector<dsp::EmissionPoint> source_schedule(const CouplingConfig& c, const CoupledSeries& s) {
  std::vector<dsp::EmissionPoint> schedule;
  if (s.dispersion_time_s.empty() || s.dispersion_time_s.front() > 0.0) schedule.push_back({0.0, 0.0});
  for (std::size_t k = 0; k < s.dispersion_time_s.size(); ++k)
    schedule.push_back({s.dispersion_time_s[k], s.source_rate_kg_s[k]});
  const double end = c.start_s + c.line_horizon_s;
  if (end < c.dispersion_end_s) schedule.push_back({end, 0.0});
  return schedule;
}

}  // namespace twinlab::scenarios
