#pragma once
// Aggregation of replications: the KPI table and the station table (means with Student-t half-widths),
// the mean time series, and the most frequent bottleneck.
#include <string>
#include <vector>

#include "twins/production_line/compiled_line.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::twins::production_line {

// Fills result.kpis, result.stations, result.series and result.bottleneck_station from
// result.per_replication (which must hold at least one replication).
void aggregate_replications(const CompiledLine& line, LineResult& result);

// Fills result.warmup: MSER-5 per time series (throughput, wip, power) of result.per_replication.
void check_warmup(const CompiledLine& line, LineResult& result);

// The names of the line KPIs, and the value of the one called `name` in a replication (std::out_of_range
// for an unknown name).
std::vector<std::string> line_kpi_names();
double line_kpi_value(const ReplicationResult& replication, const std::string& name);

}  // namespace twinlab::twins::production_line
