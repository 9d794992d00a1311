#include "twins/production_line/compiled_line.hpp"

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "twins/production_line/validate.hpp"

namespace twinlab::twins::production_line {

namespace {

std::vector<double> cumulative(const std::vector<double>& p) {
  std::vector<double> c(p.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) c[i] = (sum += p[i]);
  if (!c.empty()) c.back() = 1.0;  // exact, whatever the rounding of the sum
  return c;
}

// Card loops of kanban and CONWIP control (validated: kanban loops are serial chains, no assembly).
void compile_pull(const LineConfig& config, const LineGraph& graph, CompiledLine& line) {
  const PullConfig& p = config.pull;
  auto index = [](int i) { return static_cast<std::size_t>(i); };
  if (p.policy == PullPolicy::BaseStock) line.base_stock = p.base_stock;
  if (p.policy == PullPolicy::Conwip) {
    CompiledLoop loop{p.conwip_cards, {}};
    for (const int s : graph.fed) {
      loop.starts.push_back(static_cast<std::uint32_t>(s));
      line.stations[index(s)].gate_loops.push_back(0);
    }
    for (auto& s : line.stations) s.exit_loops.push_back(0);
    line.loops.push_back(loop);
  }
  if (p.policy != PullPolicy::Kanban) return;
  for (const KanbanLoop& k : p.kanban) {
    const auto l = static_cast<std::uint32_t>(line.loops.size());
    const int from = find_station(config, k.from), to = find_station(config, k.to);
    line.loops.push_back(CompiledLoop{k.cards, {static_cast<std::uint32_t>(from)}});
    line.stations[index(from)].gate_loops.push_back(l);
    for (int s = from;; s = graph.successors[index(s)].front()) {
      line.stations[index(s)].exit_loops.push_back(l);
      if (s == to) break;
    }
    const auto& after = graph.successors[index(to)];
    if (!after.empty()) line.stations[index(after.front())].release_loops.push_back(l);
  }
}

}  // namespace

CompiledLine compile_line(const LineConfig& config, const std::string& prefix) {
  const LineGraph graph = validate_line(config, prefix);
  CompiledLine line;
  const std::size_t n = config.stations.size();
  line.stations.resize(n);

  // Buffers: one per station (one per predecessor for assembly), none for raw-supply stations.
  std::vector<std::vector<std::uint32_t>> edge_buffer(n);  // [station] parallel to graph.predecessors
  for (std::size_t i = 0; i < n; ++i) {
    const StationConfig& s = config.stations[i];
    CompiledStation& c = line.stations[i];
    c.raw_supply = graph.fed_by_source[i] && config.source.kind == SourceKind::Unlimited;
    c.assembly = s.assembly;
    if (c.raw_supply) continue;
    const std::size_t inputs = s.assembly ? graph.predecessors[i].size() : 1;
    for (std::size_t k = 0; k < inputs; ++k) {
      c.inputs.push_back(static_cast<std::uint32_t>(line.buffers.size()));
      line.buffers.push_back(CompiledBuffer{static_cast<std::uint32_t>(i), s.buffer_capacity});
    }
    for (std::size_t k = 0; k < graph.predecessors[i].size(); ++k)
      edge_buffer[i].push_back(c.inputs[s.assembly ? k : 0]);
  }
  auto buffer_of_edge = [&](int from, int to) {
    const auto& preds = graph.predecessors[to];
    const auto k = std::find(preds.begin(), preds.end(), from) - preds.begin();
    return edge_buffer[to][static_cast<std::size_t>(k)];
  };

  for (std::size_t i = 0; i < n; ++i) {
    const StationConfig& s = config.stations[i];
    CompiledStation& c = line.stations[i];
    const std::string key = prefix + ".stations[" + std::to_string(i) + "]";
    c.name = s.name;
    c.machines = s.machines;
    c.first_machine = line.machines;
    line.machines += static_cast<std::uint32_t>(s.machines);
    c.processing = sim::Distribution(s.processing_time, key + ".processing_time");
    c.ideal_cycle_time_s = s.ideal_cycle_time_s > 0.0 ? s.ideal_cycle_time_s : c.processing.mean();
    for (const int j : graph.successors[i]) c.route_buffers.push_back(buffer_of_edge(static_cast<int>(i), j));
    c.route_cumulative = cumulative(graph.probabilities[i]);
    c.route = c.route_buffers.empty() ? kSink : c.route_buffers.size() == 1 ? c.route_buffers.front() : kSplit;

    c.basis = s.failure.basis;
    if (c.basis != FailureBasis::None) {
      c.life = sim::Distribution(s.failure.life, key + ".failure.life");
      c.repair = sim::Distribution(s.failure.time_to_repair, key + ".failure.time_to_repair");
      c.repair_cost = s.failure.repair_cost;
    }
    c.wear = s.wear;
    c.policy = s.maintenance.policy;
    if (c.policy != MaintenancePolicy::RunToFailure) {
      c.pm_duration = sim::Distribution(s.maintenance.duration, key + ".maintenance.duration");
      c.pm_cost = s.maintenance.cost;
      c.pm_interval_s = s.maintenance.interval_s;
      c.wear_threshold = s.maintenance.wear_threshold;
    }
    c.quality = s.quality;
    c.power_W[static_cast<int>(MachineState::Starved)] = s.power.idle_W;
    c.power_W[static_cast<int>(MachineState::Busy)] = s.power.busy_W;
    c.power_W[static_cast<int>(MachineState::Blocked)] = s.power.blocked_W;
    c.power_W[static_cast<int>(MachineState::Down)] = s.power.down_W;
    c.power_W[static_cast<int>(MachineState::Maintenance)] = s.power.down_W;
    c.off_W = s.power.off_W;
    c.emission_kg_per_operation = s.emission_kg_per_operation;

    c.busy_clocks = c.basis == FailureBasis::Operation || c.policy == MaintenancePolicy::Preventive;
    c.has_wear = s.wear.rate_1_s > 0.0;
    c.has_quality = s.quality.defect_probability > 0.0 || (c.has_wear && s.quality.defect_probability_per_wear > 0.0);
    c.completion_checks = c.busy_clocks || c.has_wear || c.has_quality || c.basis == FailureBasis::Wear;
  }

  compile_pull(config, graph, line);

  line.source_kind = config.source.kind;
  if (line.source_kind == SourceKind::Arrivals) {
    line.interarrival = sim::Distribution(config.source.interarrival_time, prefix + ".source.interarrival_time");
    for (const int s : graph.fed) line.feed_buffers.push_back(line.stations[s].inputs.front());
    line.feed_cumulative = cumulative(graph.feed_probabilities);
  }
  line.repair_crews = config.repair_crews;
  line.working = WorkingTime(config.shifts);
  line.grid_kg_per_J = config.emissions.grid_kg_per_kwh / 3.6e6;
  line.run = config.run;

  const double warmup = config.run.warmup_s, end = warmup + config.run.horizon_s;
  line.warmup_working_s = line.working.to_working(warmup);
  line.end_working_s = line.working.to_working(end);
  line.planned_time_s = line.end_working_s - line.warmup_working_s;
  if (!(line.planned_time_s > 0.0))
    throw base::InputError(base::InputLocation{{}, 0, 0, prefix + ".run.horizon_s"},
                          "the measured window (after warm-up) contains no working time of the shifts");
  const double interval = config.run.time_series_interval_s > 0.0 ? config.run.time_series_interval_s
                                                                   : config.run.horizon_s / 200.0;
  const auto intervals = static_cast<std::size_t>(std::max(1.0, std::floor(config.run.horizon_s / interval + 1e-9)));
  line.sample_interval_s = interval;
  for (std::size_t k = 0; k <= intervals; ++k) {
    const double c = std::min(warmup + static_cast<double>(k) * interval, end);
    line.sample_calendar_s.push_back(c);
    line.sample_working_s.push_back(line.working.to_working(c));
  }
  return line;
}

}  // namespace twinlab::twins::production_line
