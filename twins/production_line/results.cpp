#include "twins/production_line/results.hpp"

#include <stdexcept>
#include <string>

namespace twinlab::twins::production_line {

std::string_view event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::Arrival: return "arrival";
    case EventKind::ArrivalLost: return "arrival_lost";
    case EventKind::Start: return "start";
    case EventKind::Complete: return "complete";
    case EventKind::Blocked: return "blocked";
    case EventKind::Failure: return "failure";
    case EventKind::RepairStart: return "repair_start";
    case EventKind::RepairEnd: return "repair_end";
    case EventKind::MaintenanceStart: return "maintenance_start";
    case EventKind::MaintenanceEnd: return "maintenance_end";
    case EventKind::Scrap: return "scrap";
    case EventKind::Rework: return "rework";
    case EventKind::Exit: return "exit";
  }
  return "unknown";
}

const KpiRow& find_kpi(const LineResult& result, std::string_view name) {
  for (const auto& k : result.kpis)
    if (k.name == name) return k;
  throw std::out_of_range("no KPI called '" + std::string(name) + "'");
}

const StationColumn& find_station_column(const LineResult& result, std::string_view name) {
  for (const auto& c : result.stations.columns)
    if (c.name == name) return c;
  throw std::out_of_range("no station column called '" + std::string(name) + "'");
}

}  // namespace twinlab::twins::production_line
