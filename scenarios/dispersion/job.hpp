#pragma once
// Runs the dispersion twin's models and turns their plain results into the user's files:
// results.h5 (io), vtk/ (viz), summary.json, and the KPI table on stdout.
#include <filesystem>
#include <memory>
#include <optional>

#include "scenarios/dispersion/field_spool.hpp"
#include "scenarios/scenario.hpp"
#include "twins/dispersion/config.hpp"
#include "twins/dispersion/kpis.hpp"
#include "twins/dispersion/results.hpp"

namespace twinlab::scenarios {

struct DispersionOutcome {
  std::optional<twins::dispersion::PlumeResult> plume;
  std::optional<twins::dispersion::EulerianResult> eulerian;
  // The Eulerian fields, streamed out of the run as produced (eulerian->concentration is then empty):
  // one record per output time, read back one at a time when the outputs are written.
  std::shared_ptr<FieldSpool> eulerian_fields;
  std::vector<twins::dispersion::ModelKpis> kpis;  // one per model run, plume first
  double plume_seconds = 0.0, eulerian_seconds = 0.0;  // wall-clock time of each model
};

// interactive: a progress line and one info line per model (off in sweeps, which run thousands).
DispersionOutcome run_dispersion(const twins::dispersion::Config& config, bool interactive = true);

// Writes results.h5, summary.json and vtk/ into dir (a staging directory).
void write_dispersion_outputs(const Scenario& scenario, const twins::dispersion::Config& config,
                              const DispersionOutcome& outcome, const std::filesystem::path& dir);

// Appends the Eulerian fields streamed to the spool as `concentration` (time, z, y, x) of `group` in the
// results file already written (the group of the Eulerian dataset: "eulerian", "dispersion/eulerian").
void write_eulerian_fields(const twins::dispersion::Config& config, const DispersionOutcome& outcome,
                           const std::filesystem::path& results_file, const std::string& group);

// The KPI table people read (ug/m^3, the models side by side, trusted ranges).
std::string dispersion_kpi_table(const twins::dispersion::Config& config, const DispersionOutcome& outcome);

}  // namespace twinlab::scenarios
