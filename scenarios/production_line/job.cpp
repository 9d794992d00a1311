#include "scenarios/production_line/job.hpp"

#include <chrono>
#include <iostream>

#include <omp.h>
#include <spdlog/spdlog.h>

#include "base/atomic_file.hpp"
#include "base/progress.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/production_line/dataset.hpp"
#include "scenarios/production_line/event_export.hpp"
#include "scenarios/production_line/kpi_table.hpp"
#include "scenarios/production_line/summary.hpp"
#include "scenarios/production_line/vtk.hpp"
#include "twins/production_line/run_line.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

LineOutcome run_line_job(const pl::LineConfig& config, std::uint64_t seed, int threads, bool interactive) {
  const auto start = std::chrono::steady_clock::now();
  base::ProgressLine bar("production line");
  const pl::ProgressCallback progress = [&bar](double fraction) { bar.update(fraction); };
  const bool show = interactive && base::progress_enabled();
  LineOutcome outcome{
      pl::run_line(config, seed, threads > 0 ? threads : omp_get_max_threads(), show ? progress : nullptr), 0.0};
  bar.finish();
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (interactive)
    spdlog::info("production line: {} stations, {} replications of {:.0f} s (+{:.0f} s warm-up) in {:.2f} s",
                 config.stations.size(), outcome.result.replications, config.run.horizon_s, config.run.warmup_s,
                 outcome.seconds);
  return outcome;
}

// events.csv (the machine-state log `twinlab calibrate` reads) when the run kept an event log; not for a
// line with shifts, whose frozen off-shift time the twin's log does not mark.
static void write_line_events_csv(const pl::LineConfig& config, const LineOutcome& outcome, const std::filesystem::path& dir) {
  const auto& log = outcome.result.event_log;
  if (log.empty()) return;
  if (!config.shifts.windows.empty()) {
    spdlog::warn("events.csv not written: the line has shifts, which its event log does not mark");
    return;
  }
  const bool cut = log.size() >= config.run.event_log_max;
  const double end_s = cut ? log.back().time_s : config.run.warmup_s + config.run.horizon_s;
  base::write_text_atomic(dir / "events.csv", line_event_log_csv(config, log, end_s));
}

void write_line_outputs(const Scenario& scenario, const pl::LineConfig& config, const LineOutcome& outcome,
                        const std::filesystem::path& dir) {
  io::write_hdf5(line_dataset(scenario, config, outcome), dir / "results.h5");
  base::write_text_atomic(dir / "summary.json", line_summary(scenario, config, outcome).dump(2) + "\n");
  write_line_vtk(config, outcome, dir / "vtk");
  write_line_events_csv(config, outcome, dir);
}

}  // namespace twinlab::scenarios
