#include "scenarios/production_line/resources.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/distributions.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

namespace {

constexpr double series_values = 7.0;       // times, throughput, wip, power, three emission rates
constexpr double services_per_s = 3e7;      // bench_line's best engine rate (docs/performance.md)

}  // namespace

ResourceEstimate line_resources(const pl::LineConfig& c) {
  ResourceEstimate e;
  const auto& run = c.run;
  const double replications = run.replications;
  const double samples = run.time_series_interval_s > 0.0 ? std::ceil(run.horizon_s / run.time_series_interval_s) : 200.0;
  const double series_bytes = samples * series_values * 8.0 * (replications + 1.0);
  const double log_bytes = static_cast<double>(run.event_log_max) * sizeof(pl::EventRecord);
  e.memory_bytes = series_bytes + log_bytes;
  e.memory_detail = "time series of " + std::to_string(static_cast<long long>(std::min(samples, 9e18))) +
                    " samples x 7 values x (" + std::to_string(run.replications) + " replications + mean) x 8 B";
  if (log_bytes > 0.0) e.memory_detail += ", event log of " + std::to_string(run.event_log_max) + " events x 24 B";
  e.memory_key = series_bytes >= log_bytes ? "line.run.time_series_interval_s" : "line.run.event_log_max";

  double rate = std::numeric_limits<double>::infinity();  // parts per second through the bottleneck
  for (const auto& s : c.stations) {
    const double mean = sim::Distribution(s.processing_time).mean();
    if (mean > 0.0) rate = std::min(rate, s.machines / mean);
  }
  if (c.source.kind == pl::SourceKind::Arrivals) {
    const double mean = sim::Distribution(c.source.interarrival_time).mean();
    if (mean > 0.0) rate = std::min(rate, 1.0 / mean);
  }
  if (std::isfinite(rate)) {
    const double services = rate * (run.warmup_s + run.horizon_s) * static_cast<double>(c.stations.size()) * replications;
    e.time_s = services / services_per_s;
    e.time_detail = "about " + std::to_string(static_cast<long long>(std::min(services, 9e18))) +
                    " station services (" + std::to_string(c.stations.size()) + " stations, " +
                    std::to_string(run.replications) + " replications) at 3e7 services/s";
    e.time_key = "line.run.horizon_s";
  }
  return e;
}

}  // namespace twinlab::scenarios
