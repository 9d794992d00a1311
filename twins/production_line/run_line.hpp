#pragma once
// Public entry of the production-line twin.
//
//   LineConfig config = ...;                      // plain structs (config.hpp), filled by scenarios/
//   LineResult result = run_line(config, seed);   // validates, runs the replications, aggregates
//
// Replication r runs with the master seed replication_seed(seed, r); every random stream inside is derived
// from it and the station names, so results depend only on (config, seed), never on the thread count.
// Invalid input throws twinlab::base::InputError naming the key (e.g. "line.stations[2].next").
#include <cstdint>
#include <functional>

#include "twins/production_line/compiled_line.hpp"
#include "twins/production_line/config.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::twins::production_line {

// Fraction (0..1) of all replications' simulated time done; called from the worker threads, so it must be
// thread-safe.
using ProgressCallback = std::function<void(double fraction_done)>;

// Runs config.run.replications replications (on up to `threads` OpenMP threads) and aggregates them.
LineResult run_line(const LineConfig& config, std::uint64_t seed, int threads = 1,
                    const ProgressCallback& progress = {});

// The master seed of replication r of a run with seed `seed`.
std::uint64_t replication_seed(std::uint64_t seed, int replication);

// One replication of an already compiled line (for sweeps and the benchmark). With event_log non-null,
// its first event_log_max events are appended to it.
ReplicationResult run_replication(const CompiledLine& line, std::uint64_t replication_seed,
                                  std::vector<EventRecord>* event_log = nullptr, std::size_t event_log_max = 0,
                                  const std::function<void(double)>& progress = {});

}  // namespace twinlab::twins::production_line
