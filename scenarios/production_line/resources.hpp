#pragma once
// What a production-line run needs (scenarios/twin.hpp ResourceEstimate), from its configuration alone.
#include "scenarios/twin.hpp"
#include "twins/production_line/config.hpp"

namespace twinlab::scenarios {

// Memory: the time series (7 values per sample, per replication and their mean) and the event log (24 B
// per event). Time: station services over warm-up + horizon at the bottleneck's rate (machines / mean
// processing time, the fastest the line can go) in every replication, at 3e7 services per CPU second
// (bench/bench_line.cpp's best figure, docs/performance.md).
ResourceEstimate line_resources(const twins::production_line::LineConfig& config);

}  // namespace twinlab::scenarios
