#pragma once
// The coupling of the site twin: the line's direct emissions (kg/s, piecewise constant over its series
// intervals) times a factor per pollutant become a dispersion source's emission schedule, with the line's
// measured window [0, horizon] moved to [start_s, start_s + horizon] of the dispersion run. Outside that
// window the source emits nothing, so the source's mass is exactly factor x the line's integrated direct
// emissions (the Eulerian model steps to every schedule change; the plume integrates the schedule per period).
#include <cstddef>
#include <string>
#include <vector>

#include "io/scenario_document.hpp"
#include "twins/dispersion/config.hpp"
#include "twins/production_line/config.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::scenarios {

struct CouplingConfig {
  std::string source;            // the dispersion source's name
  std::size_t source_index = 0;  // in dispersion Config::sources
  std::string pollutant;         // the dispersion pollutant whose factor is used
  double factor_kg_per_kg = 1.0;
  bool replication_mean = true;  // false: one replication's series
  int replication = 0;
  double start_s = 0.0;          // dispersion time of the line's t = 0 (end of its warm-up)
  double line_horizon_s = 0.0;   // the line's measured window
  double dispersion_end_s = 0.0; // the dispersion run covers [0, dispersion_end_s]
};

// The end of the dispersion run: the Eulerian duration, or the end of the plume's last meteorology period,
// the earlier of the two when both models run.
double dispersion_run_end_s(const twins::dispersion::Config& config);

// The index of coupling.source in dispersion.sources, read from the document (before the dispersion config is
// built, so that a wrong name is the first and only message); base::InputError at coupling.source otherwise.
std::size_t coupled_source_index(const io::ScenarioNode& coupling, const io::ScenarioNode& dispersion_section);

// Reads and checks `coupling:` against the other two sections; base::InputError located at the offending key:
// a source that does not exist, a source with its own rate in the file, no factor for the dispersion
// pollutant, a replication the line does not run, a line window outside the dispersion run.
CouplingConfig read_coupling(const io::ScenarioNode& coupling, const io::ScenarioNode& dispersion_section,
                             const twins::dispersion::Config& dispersion,
                             const twins::production_line::LineConfig& line);

// The series the coupling used: the line's direct emission rate per interval and the source's rate.
struct CoupledSeries {
  std::vector<double> line_time_s;             // interval starts, line time (from the end of its warm-up)
  std::vector<double> interval_s;              // interval lengths (the last may be shorter)
  std::vector<double> line_direct_rate_kg_s;   // the line's direct emission rate in each interval
  std::vector<double> dispersion_time_s;       // interval starts, dispersion time (line time + start_s)
  std::vector<double> source_rate_kg_s;        // factor x line rate
  double line_direct_kg = 0.0;                 // integral of the line rate over its window
  double source_kg = 0.0;                      // integral of the source rate (= factor x line_direct_kg)
};

// throws std::runtime_error when the line result lacks the chosen replication's series.
CoupledSeries coupled_series(const CouplingConfig& coupling, const twins::production_line::LineResult& line);

// The dispersion source's piecewise-constant schedule: 0 before start_s (when > 0), the coupled rates, 0 after
// the line's window (when it ends before the dispersion run).
std::vector<twins::dispersion::EmissionPoint> source_schedule(const CouplingConfig& coupling,
                                                              const CoupledSeries& series);

}  // namespace twinlab::scenarios
