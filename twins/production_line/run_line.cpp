#include "twins/production_line/run_line.hpp"

#include <algorithm>
#include <atomic>
#include <span>
#include <exception>
#include <vector>

#include "sim/random_streams.hpp"
#include "sim/sequential_replications.hpp"
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

namespace {

// Runs replications [first, last) into result.per_replication (already sized), on up to `threads` threads.
void run_replications(const LineConfig& config, const CompiledLine& line, std::uint64_t seed, int threads, int first,
                      int last, int planned, LineResult& result, const ProgressCallback& progress) {
  std::exception_ptr failure;
  // Each replication's share of the work done; the callback gets their mean over the planned count.
  std::vector<std::atomic<double>> done(static_cast<std::size_t>(last - first));
  auto report = [&](int r, double fraction) {
    done[static_cast<std::size_t>(r - first)].store(fraction, std::memory_order_relaxed);
    double sum = first;
    for (const auto& d : done) sum += d.load(std::memory_order_relaxed);
    progress(std::min(1.0, sum / planned));
  };
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : 1)
  for (int r = first; r < last; ++r) {
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
}

}  // namespace

LineResult run_line(const LineConfig& config, std::uint64_t seed, int threads, const ProgressCallback& progress) {
  const CompiledLine line = compile_line(config);
  LineResult result;
  result.seed = seed;
  result.confidence_level = config.run.confidence_level;
  const RunControl& run = config.run;
  ReplicationChoice& choice = result.replication_choice;
  if (!run.replications_auto) {
    result.per_replication.resize(static_cast<std::size_t>(run.replications));
    run_replications(config, line, seed, threads, 0, run.replications, run.replications, result, progress);
    choice.run = run.replications;
  } else {
    // Sequential procedure: the stopping point is the first n >= min that meets the target, checked in
    // replication order, so it does not depend on the batch size (= the thread count): replications a
    // batch ran beyond it are dropped.
    choice.automatic = true;
    choice.kpis = run.precision_kpis;
    choice.relative_half_width = run.precision_relative_half_width;
    choice.max_replications = run.max_replications;
    const sim::SequentialTarget target{run.precision_relative_half_width, run.confidence_level,
                                       static_cast<std::size_t>(run.min_replications),
                                       static_cast<std::size_t>(run.max_replications)};
    const int batch = std::max(1, threads);
    int available = 0;
    std::size_t stop = 0;
    std::vector<std::vector<double>> values(run.precision_kpis.size());
    while (stop == 0 && available < run.max_replications) {
      const int next = std::min(run.max_replications, std::max(available + batch, run.min_replications));
      result.per_replication.resize(static_cast<std::size_t>(next));
      run_replications(config, line, seed, threads, available, next, next, result, progress);
      for (std::size_t k = 0; k < values.size(); ++k)
        for (int r = available; r < next; ++r)
          values[k].push_back(line_kpi_value(result.per_replication[static_cast<std::size_t>(r)], run.precision_kpis[k]));
      available = next;
      std::vector<std::span<const double>> series(values.begin(), values.end());
      stop = sim::sequential_stop(series, static_cast<std::size_t>(available), target);
    }
    choice.target_met = stop != 0;
    choice.run = available;
    if (stop != 0) result.per_replication.resize(stop);
  }
  result.replications = static_cast<int>(result.per_replication.size());
  aggregate_replications(line, result);
  return result;
}

}  // namespace twinlab::twins::production_line
