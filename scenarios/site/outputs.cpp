#include <string>

#include "base/atomic_file.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/dispersion/dataset.hpp"
#include "scenarios/dispersion/summary.hpp"
#include "scenarios/dispersion/vtk.hpp"
#include "scenarios/production_line/dataset.hpp"
#include "scenarios/production_line/stored_scenario.hpp"
#include "scenarios/production_line/summary.hpp"
#include "scenarios/production_line/vtk.hpp"
#include "scenarios/provenance.hpp"
#include "scenarios/site/job.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

namespace {

// A twin's dataset under `prefix`/: its groups moved there, and its root attributes that are not the
// provenance the site file carries once at its root (the dispersion's `crs`) on the prefix group. The site's
// root attributes must be set before.
void add_under(io::Dataset& site, io::Dataset part, const std::string& prefix) {
  io::Group& top = site.add_group(prefix);
  top.attributes.set("twin", prefix == "line" ? "production_line" : prefix);
  for (const auto& [name, value] : part.attributes)
    if (!site.attributes.contains(name)) top.attributes.set(name, value);
  for (io::Group& g : part.groups) {
    g.path = prefix + "/" + g.path;
    site.groups.push_back(std::move(g));
  }
}

void add_coupling(io::Dataset& ds, const CouplingConfig& c, const CoupledSeries& s) {
  io::Group& g = ds.add_group("coupling");
  g.attributes.set("source", c.source);
  g.attributes.set("pollutant", c.pollutant);
  g.attributes.set("factor_kg_per_kg", c.factor_kg_per_kg);
  g.attributes.set("schedule", c.replication_mean ? "replication_mean" : "replication");
  if (!c.replication_mean) g.attributes.set("replication", static_cast<std::int64_t>(c.replication));
  g.attributes.set("start_s", c.start_s);
  g.attributes.set("end_s", c.start_s + c.line_horizon_s);
  g.attributes.set("line_direct_emissions_kg", s.line_direct_kg);
  g.attributes.set("source_emissions_kg", s.source_kg);
  const std::size_t n = s.dispersion_time_s.size();
  g.add_coordinate("time", s.dispersion_time_s, "s",
                   "start of the interval, dispersion-run time (line time + start_s); the source emits nothing "
                   "outside [start_s, end_s]");
  g.add_variable("line_time", {"time"}, {n}, s.line_time_s, "s", "start of the interval, line time (from the end "
                 "of its warm-up)");
  g.add_variable("interval", {"time"}, {n}, s.interval_s, "s", "length of the interval");
  g.add_variable("line_direct_emission_rate", {"time"}, {n}, s.line_direct_rate_kg_s, "kg s-1",
                 "the line's direct emission rate used");
  g.add_variable("source_emission_rate", {"time"}, {n}, s.source_rate_kg_s, "kg s-1",
                 "the dispersion source's emission rate: factor x line rate");
}

}  // namespace

void write_site_outputs(const Scenario& scenario, const pl::LineConfig& line, const CouplingConfig& coupling,
                        const SiteOutcome& outcome, const std::filesystem::path& dir) {
  io::Dataset ds;
  add_provenance(ds, scenario, "site");
  ds.attributes.set("scenario", stored_line_scenario(scenario, line));  // CSV data inline: re-runs anywhere
  add_under(ds, line_dataset(scenario, line, outcome.line), "line");
  add_under(ds, dispersion_dataset(scenario, outcome.dispersion_config, outcome.dispersion), "dispersion");
  add_coupling(ds, coupling, outcome.coupled);
  io::write_hdf5(ds, dir / "results.h5");
  write_eulerian_fields(outcome.dispersion_config, outcome.dispersion, dir / "results.h5", "dispersion/eulerian");

  nlohmann::json summary = summary_header(scenario, "site");
  summary["line"] = line_summary(scenario, line, outcome.line);
  summary["dispersion"] = dispersion_summary(scenario, outcome.dispersion_config, outcome.dispersion);
  summary["coupling"] = {{"source", coupling.source},
                         {"pollutant", coupling.pollutant},
                         {"factor_kg_per_kg", coupling.factor_kg_per_kg},
                         {"schedule", coupling.replication_mean ? "replication_mean" : "replication"},
                         {"start_s", coupling.start_s},
                         {"end_s", coupling.start_s + coupling.line_horizon_s},
                         {"line_direct_emissions_kg", outcome.coupled.line_direct_kg},
                         {"source_emissions_kg", outcome.coupled.source_kg}};
  if (!coupling.replication_mean) summary["coupling"]["replication"] = coupling.replication;
  base::write_text_atomic(dir / "summary.json", summary.dump(2) + "\n");
  write_line_vtk(line, outcome.line, dir / "vtk" / "line");
  write_dispersion_vtk(outcome.dispersion_config, outcome.dispersion, dir / "vtk" / "dispersion");
}

}  // namespace twinlab::scenarios
