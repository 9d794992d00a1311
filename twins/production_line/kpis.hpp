#pragma once
// Aggregation of replications: the KPI table and the station table (means with Student-t half-widths),
// the mean time series, and the most frequent bottleneck.
#include "twins/production_line/compiled_line.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::twins::production_line {

// Fills result.kpis, result.stations, result.series and result.bottleneck_station from
// result.per_replication (which must hold at least one replication).
void aggregate_replications(const CompiledLine& line, LineResult& result);

}  // namespace twinlab::twins::production_line
