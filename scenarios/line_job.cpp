#include "scenarios/line_job.hpp"

#include <chrono>
#include <cmath>
#include <iostream>

#include <fmt/format.h>
#include <omp.h>
#include <spdlog/spdlog.h>

#include "base/atomic_file.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/line_dataset.hpp"
#include "scenarios/line_summary.hpp"
#include "scenarios/line_vtk.hpp"
#include "twins/production_line/run_line.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

LineOutcome run_line_job(const pl::LineConfig& config, std::uint64_t seed) {
  const auto start = std::chrono::steady_clock::now();
  LineOutcome outcome{pl::run_line(config, seed, omp_get_max_threads()), 0.0};
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("production line: {} stations, {} replications of {:.0f} s (+{:.0f} s warm-up) in {:.2f} s",
               config.stations.size(), config.run.replications, config.run.horizon_s, config.run.warmup_s,
               outcome.seconds);
  return outcome;
}

void write_line_outputs(const Scenario& scenario, const pl::LineConfig& config, const LineOutcome& outcome,
                        const std::filesystem::path& dir) {
  io::write_hdf5(line_dataset(scenario, config, outcome), dir / "results.h5");
  base::write_text_atomic(dir / "summary.json", line_summary(scenario, config, outcome).dump(2) + "\n");
  write_line_vtk(config, outcome, dir / "vtk");
}

void print_line_kpis(const pl::LineConfig& config, const LineOutcome& outcome) {
  const auto& r = outcome.result;
  std::string table = fmt::format("{:<30} {:>14} {:>14}  {}\n", "KPI",
                                  "mean", fmt::format("+/- ({:.0f}% CI)", 100.0 * r.confidence_level), "unit");
  for (const auto& k : r.kpis) {
    const std::string half = std::isnan(k.value.half_width) ? "-" : fmt::format("{:.4g}", k.value.half_width);
    table += fmt::format("{:<30} {:>14.6g} {:>14}  {}\n", k.name, k.value.mean, half, k.unit);
  }
  if (r.bottleneck_station >= 0)
    table += fmt::format("{:<30} {:>14}\n", "bottleneck station", config.stations[r.bottleneck_station].name);
  table += fmt::format("\n{:<16} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "station", "busy", "starved",
                       "blocked", "down", "oee", "buffer");
  auto col = [&](const char* name) -> const pl::StationColumn& { return pl::find_station_column(r, name); };
  for (std::size_t s = 0; s < r.stations.names.size(); ++s)
    table += fmt::format("{:<16} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.2f}\n", r.stations.names[s],
                         col("busy_fraction").mean[s], col("starved_fraction").mean[s],
                         col("blocked_fraction").mean[s], col("down_fraction").mean[s], col("oee").mean[s],
                         col("buffer_mean").mean[s]);
  std::cout << table;
}

}  // namespace twinlab::scenarios
