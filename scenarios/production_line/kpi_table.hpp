#pragma once
// The production line's KPI table for people (stdout): the line KPIs in the units a plant reads (parts/h,
// min, kWh, currency/h) with their confidence half-widths, the bottleneck, and per station the fraction of
// planned machine time in each state (busy, starved, blocked, down, maintenance: they sum to 1), OEE, mean
// buffer level and throughput. Files (results.h5, summary.json) keep SI units with units attributes.
#include <string>

#include "twins/production_line/config.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::scenarios {

std::string line_kpi_table(const twins::production_line::LineConfig& config,
                           const twins::production_line::LineResult& result);

}  // namespace twinlab::scenarios
