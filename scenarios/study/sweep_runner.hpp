#pragma once
// Runs the pending runs of a sweep on worker threads (each run single-threaded inside, so N workers use N
// cores) and journals each as it finishes. A run that throws, or reports a NaN or infinite KPI, is recorded
// as failed with its message, and the sweep goes on until more than max_failures runs failed.
#include <cstddef>
#include <vector>

#include "io/scenario_document.hpp"
#include "scenarios/study/journal.hpp"
#include "scenarios/study/study_file.hpp"

namespace twinlab::scenarios {

struct SweepStats {
  std::size_t ok = 0, failed = 0, skipped = 0;  // skipped: not started after max_failures was exceeded
  double wall_time_s = 0.0;                     // of the whole sweep
  double run_time_s = 0.0;                      // summed over runs (the twins' own time and per-run set-up)
};

// One run of the design: the base scenario (read once per worker: read_scenario_document) with the run's
// overrides, built, run, its outputs selected.
RunRecord run_study_point(const StudySpec& spec, const StudyDesign& design, const io::ScenarioDocument& base,
                          std::size_t run, JournalOutputs* outputs_seen);

SweepStats run_sweep(const StudySpec& spec, const StudyDesign& design, const std::vector<std::size_t>& pending,
                     int workers, Journal& journal, long long failures_so_far);

}  // namespace twinlab::scenarios
