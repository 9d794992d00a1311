#include "twins/production_line/validate.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/distributions.hpp"
#include "base/error.hpp"
#include "twins/production_line/kpis.hpp"

namespace twinlab::twins::production_line {

namespace {

std::string number(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

[[noreturn]] void fail(const std::string& key, const std::string& message) {
  throw base::InputError(base::InputLocation{{}, 0, 0, key}, message);
}

void require(bool ok, const std::string& key, const std::string& what, double got) {
  if (!ok) fail(key, "must be " + what + " (got " + number(got) + ")");
}

bool finite_nonnegative(double x) { return std::isfinite(x) && x >= 0.0; }

// Compiles the distribution (checking its parameters) and requires a positive mean where asked.
void check_distribution(const DistributionSpec& spec, const std::string& key, bool positive_mean, const char* what) {
  const sim::Distribution d(spec, key);
  if (positive_mean && !(d.mean() > 0.0))
    fail(key, std::string("the mean ") + what + " must be > 0 (got " + number(d.mean()) + ")");
}

void check_station(const StationConfig& s, const std::string& key) {
  if (s.machines < 1) fail(key + ".machines", "must be >= 1 (got " + std::to_string(s.machines) + ")");
  if (s.buffer_capacity < 0)
    fail(key + ".buffer_capacity", "must be >= 0 (got " + std::to_string(s.buffer_capacity) + "); use unlimited for an infinite buffer");
  check_distribution(s.processing_time, key + ".processing_time", true, "processing time");
  require(finite_nonnegative(s.ideal_cycle_time_s), key + ".ideal_cycle_time_s", "finite and >= 0", s.ideal_cycle_time_s);

  const auto& f = s.failure;
  if (f.basis != FailureBasis::None) {
    check_distribution(f.life, key + ".failure.life", true, "life");
    check_distribution(f.time_to_repair, key + ".failure.time_to_repair", true, "time to repair (MTTR)");
    require(finite_nonnegative(f.repair_cost), key + ".failure.repair_cost", "finite and >= 0", f.repair_cost);
    if (f.basis == FailureBasis::Wear && !(s.wear.rate_1_s > 0.0))
      fail(key + ".failure.basis", "wear-based failures need wear: set wear.rate_1_s > 0");
  }

  require(finite_nonnegative(s.wear.rate_1_s), key + ".wear.rate_1_s", "finite and >= 0", s.wear.rate_1_s);
  require(finite_nonnegative(s.wear.acceleration), key + ".wear.acceleration", "finite and >= 0", s.wear.acceleration);

  const auto& m = s.maintenance;
  if (m.policy != MaintenancePolicy::RunToFailure) {
    check_distribution(m.duration, key + ".maintenance.duration", true, "maintenance duration");
    require(finite_nonnegative(m.cost), key + ".maintenance.cost", "finite and >= 0", m.cost);
  }
  if (m.policy == MaintenancePolicy::Preventive)
    require(std::isfinite(m.interval_s) && m.interval_s > 0.0, key + ".maintenance.interval_s", "finite and > 0", m.interval_s);
  if (m.policy == MaintenancePolicy::ConditionBased) {
    require(m.wear_threshold > 0.0 && m.wear_threshold <= 1.0, key + ".maintenance.wear_threshold", "in (0, 1]",
            m.wear_threshold);
    if (!(s.wear.rate_1_s > 0.0))
      fail(key + ".maintenance.policy", "condition-based maintenance needs wear: set wear.rate_1_s > 0");
  }

  const auto& q = s.quality;
  require(q.defect_probability >= 0.0 && q.defect_probability <= 1.0, key + ".quality.defect_probability", "in [0, 1]",
          q.defect_probability);
  require(finite_nonnegative(q.defect_probability_per_wear), key + ".quality.defect_probability_per_wear",
          "finite and >= 0", q.defect_probability_per_wear);
  require(std::isfinite(q.rework_time_factor) && q.rework_time_factor > 0.0, key + ".quality.rework_time_factor",
          "finite and > 0", q.rework_time_factor);
  if (q.handling == DefectHandling::Rework && q.defect_probability >= 1.0)
    fail(key + ".quality.defect_probability", "must be < 1 with rework (every part would be reworked forever)");

  const auto& p = s.power;
  require(finite_nonnegative(p.off_W), key + ".power.off_W", "finite and >= 0", p.off_W);
  require(finite_nonnegative(p.idle_W), key + ".power.idle_W", "finite and >= 0", p.idle_W);
  require(finite_nonnegative(p.busy_W), key + ".power.busy_W", "finite and >= 0", p.busy_W);
  require(finite_nonnegative(p.down_W), key + ".power.down_W", "finite and >= 0", p.down_W);
  require(finite_nonnegative(p.blocked_W), key + ".power.blocked_W", "finite and >= 0", p.blocked_W);
  require(finite_nonnegative(s.emission_kg_per_operation), key + ".emission_kg_per_operation", "finite and >= 0",
          s.emission_kg_per_operation);
}

void check_shifts(const ShiftCalendar& c, const std::string& key) {
  if (c.windows.empty()) return;
  require(std::isfinite(c.period_s) && c.period_s > 0.0, key + ".period_s", "finite and > 0", c.period_s);
  double previous_end = 0.0;
  for (std::size_t i = 0; i < c.windows.size(); ++i) {
    const auto& w = c.windows[i];
    const std::string k = key + ".windows[" + std::to_string(i) + "]";
    require(w.start_s >= previous_end, k + ".start_s",
            ">= the end of the previous window (" + number(previous_end) + ") and >= 0", w.start_s);
    require(w.end_s > w.start_s && w.end_s <= c.period_s, k + ".end_s",
            "> start_s (" + number(w.start_s) + ") and <= period_s (" + number(c.period_s) + ")", w.end_s);
    previous_end = w.end_s;
  }
}

std::string station_names(const LineConfig& config) {
  std::string names;
  for (const auto& s : config.stations) names += (names.empty() ? "" : ", ") + s.name;
  return names;
}

int loop_station(const LineConfig& config, const std::string& name, const std::string& key) {
  const int i = find_station(config, name);
  if (i < 0) fail(key, "names no station (got '" + name + "'); use one of: " + station_names(config));
  return i;
}

// Pull control needs to know which parts hold which cards from the station alone: kanban loops are
// serial chains, and no loop may contain assembly (an assembly consumes parts that hold cards).
void check_pull(const LineConfig& config, const LineGraph& graph, const std::string& prefix) {
  const PullConfig& p = config.pull;
  const std::string key = prefix + ".pull";
  switch (p.policy) {
    case PullPolicy::Push: return;
    case PullPolicy::Conwip:
      if (p.conwip_cards < 1) fail(key + ".conwip_cards", "must be >= 1 (got " + std::to_string(p.conwip_cards) + ")");
      for (std::size_t i = 0; i < config.stations.size(); ++i)
        if (config.stations[i].assembly)
          fail(key + ".policy", "conwip cannot be used with assembly stations (station '" + config.stations[i].name +
                                    "'); use push or kanban loops before the assembly");
      return;
    case PullPolicy::BaseStock:
      if (p.base_stock < 0) fail(key + ".base_stock", "must be >= 0 (got " + std::to_string(p.base_stock) + ")");
      if (config.source.kind != SourceKind::Arrivals)
        fail(key + ".policy", "base_stock needs demands: set line.source.kind: arrivals (each arrival is a demand)");
      for (const int s : graph.fed)
        if (config.stations[static_cast<std::size_t>(s)].buffer_capacity != kUnlimitedCapacity)
          fail(key + ".policy", "base_stock releases every demand into the line: make the buffer of station '" +
                                    config.stations[static_cast<std::size_t>(s)].name + "' unlimited (buffer_unlimited: true)");
      return;
    case PullPolicy::Kanban: break;
  }
  if (p.kanban.empty()) fail(key + ".kanban", "kanban control needs at least one loop (from, to, cards)");
  for (std::size_t l = 0; l < p.kanban.size(); ++l) {
    const KanbanLoop& loop = p.kanban[l];
    const std::string k = key + ".kanban[" + std::to_string(l) + "]";
    if (loop.cards < 1)
      fail(k + ".cards", "must be >= 1 (got " + std::to_string(loop.cards) + "); a loop without cards never starts a part");
    const int from = loop_station(config, loop.from, k + ".from");
    const int to = loop_station(config, loop.to, k + ".to");
    int s = from;
    for (;;) {
      if (config.stations[static_cast<std::size_t>(s)].assembly)
        fail(k + ".from", "a kanban loop cannot contain the assembly station '" + config.stations[static_cast<std::size_t>(s)].name + "'");
      if (s != from && graph.predecessors[static_cast<std::size_t>(s)].size() != 1)
        fail(k + ".to", "a kanban loop must be a serial chain, but station '" + config.stations[static_cast<std::size_t>(s)].name +
                            "' inside it has several predecessors");
      const auto& next = graph.successors[static_cast<std::size_t>(s)];
      if (s == to) {
        if (next.size() > 1)
          fail(k + ".to", "the last station of a kanban loop must have one successor or the sink (station '" + loop.to + "' splits)");
        if (next.size() == 1) {
          const auto after = static_cast<std::size_t>(next.front());
          if (graph.predecessors[after].size() != 1 || config.stations[after].assembly)
            fail(k + ".to", "the station after a kanban loop (" + config.stations[after].name +
                                ") must have that loop as its only predecessor and not be an assembly");
        }
        break;
      }
      if (next.size() != 1)
        fail(k + ".to", "station '" + loop.to + "' is not downstream of '" + loop.from +
                            "' along single successors; a kanban loop is a serial chain from -> ... -> to");
      s = next.front();
    }
  }
}

}  // namespace

LineGraph validate_line(const LineConfig& config, const std::string& prefix) {
  for (std::size_t i = 0; i < config.stations.size(); ++i)
    check_station(config.stations[i], prefix + ".stations[" + std::to_string(i) + "]");
  if (config.source.kind == SourceKind::Arrivals)
    check_distribution(config.source.interarrival_time, prefix + ".source.interarrival_time", true, "interarrival time");
  if (config.repair_crews < 0)
    fail(prefix + ".repair_crews", "must be >= 0, 0 meaning unlimited (got " + std::to_string(config.repair_crews) + ")");
  check_shifts(config.shifts, prefix + ".shifts");
  require(finite_nonnegative(config.emissions.grid_kg_per_kwh), prefix + ".emissions.grid_kg_per_kwh", "finite and >= 0",
          config.emissions.grid_kg_per_kwh);

  const auto& r = config.run;
  const std::string rk = prefix + ".run";
  require(finite_nonnegative(r.warmup_s), rk + ".warmup_s", "finite and >= 0", r.warmup_s);
  require(std::isfinite(r.horizon_s) && r.horizon_s > 0.0, rk + ".horizon_s", "finite and > 0", r.horizon_s);
  if (!r.replications_auto && r.replications < 1)
    fail(rk + ".replications", "must be >= 1 or auto (got " + std::to_string(r.replications) + ")");
  if (r.replications_auto) {
    const std::string pk = rk + ".precision";
    if (r.min_replications < 2)
      fail(pk + ".min_replications", "must be >= 2 (got " + std::to_string(r.min_replications) + "): an interval needs two");
    if (r.max_replications < r.min_replications)
      fail(pk + ".max_replications", "must be >= min_replications (" + std::to_string(r.min_replications) + ") (got " +
                                         std::to_string(r.max_replications) + ")");
    require(r.precision_relative_half_width > 0.0 && r.precision_relative_half_width < 1.0, pk + ".relative_half_width",
            "in (0, 1)", r.precision_relative_half_width);
    if (r.precision_kpis.empty()) fail(pk + ".kpis", "needs at least one line KPI name (e.g. throughput_per_s)");
    const std::vector<std::string> names = line_kpi_names();
    for (std::size_t i = 0; i < r.precision_kpis.size(); ++i)
      if (std::find(names.begin(), names.end(), r.precision_kpis[i]) == names.end()) {
        std::string all;
        for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
        fail(pk + ".kpis[" + std::to_string(i) + "]", "is not a line KPI (got '" + r.precision_kpis[i] + "'); use one of: " + all);
      }
  }
  require(r.confidence_level > 0.0 && r.confidence_level < 1.0, rk + ".confidence_level", "in (0, 1)", r.confidence_level);
  require(finite_nonnegative(r.time_series_interval_s) && r.time_series_interval_s <= r.horizon_s,
          rk + ".time_series_interval_s", "finite, >= 0 and <= horizon_s", r.time_series_interval_s);
  if (r.time_series_interval_s > 0.0 && r.horizon_s / r.time_series_interval_s > 1e6)
    fail(rk + ".time_series_interval_s", "gives more than a million samples; choose a longer interval");

  LineGraph graph = build_line_graph(config, prefix);
  check_pull(config, graph, prefix);
  return graph;
}

}  // namespace twinlab::twins::production_line
