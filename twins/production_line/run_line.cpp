#include "twins/production_line/run_line.hpp"

#include <atomic>
#include <exception>
#include <vector>

#include "sim/random_streams.hpp"
#include "twins/production_line/kpis.hpp"
#include "twins/production_line/simulation.hpp"

namespace twinlab::twins::production_line {

std::uint64_t replication_seed(std::uint64_t seed, int replication) {
  return sim::derive_seed(seed, "replication", static_cast<std::uint64_t>(replication));
}

ReplicationResult run_replication(const CompiledLine& line, std::uint64_t seed, std::vector<EventRecord>* event_log,
                                  std::size_t event_log_max, const std::function<void(double)>& progress) {
  LineSimulation simulation(line, seed, event_log ? event_log_max : 0);
  if (progress) simulation.on_progress(progress);
  ReplicationResult r = simulation.run();
  r.seed = seed;
  if (event_log) event_log->insert(event_log->end(), simulation.event_log().begin(), simulation.event_log().end());
  return r;
}

LineResult run_line(const LineConfig& config, std::uint64_t seed, int threads, const ProgressCallback& progress) {
  const CompiledLine line = compile_line(config);
  LineResult result;
  result.seed = seed;
  result.replications = config.run.replications;
  result.confidence_level = config.run.confidence_level;
  result.per_replication.resize(static_cast<std::size_t>(config.run.replications));

  std::exception_ptr failure;
  const int n = config.run.replications;
  // Each replication's share of the work done; the callback gets their mean.
  std::vector<std::atomic<double>> done(static_cast<std::size_t>(n));
  auto report = [&](int r, double fraction) {
    done[static_cast<std::size_t>(r)].store(fraction, std::memory_order_relaxed);
    double sum = 0.0;
    for (const auto& d : done) sum += d.load(std::memory_order_relaxed);
    progress(sum / n);
  };
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : 1)
  for (int r = 0; r < n; ++r) {
    try {
      const bool log = r == 0 && config.run.event_log_max > 0;
      const std::function<void(double)> on_progress = [&, r](double f) { report(r, f); };
      result.per_replication[static_cast<std::size_t>(r)] =
          run_replication(line, replication_seed(seed, r), log ? &result.event_log : nullptr, config.run.event_log_max,
                          progress ? on_progress : std::function<void(double)>{});
      if (progress) report(r, 1.0);
    } catch (...) {
#pragma omp critical(twinlab_line_failure)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
  aggregate_replications(line, result);
  return result;
}

}  // namespace twinlab::twins::production_line
