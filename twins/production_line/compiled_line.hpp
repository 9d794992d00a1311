#pragma once
// A validated LineConfig turned into what the engine reads in its hot loop: indices instead of names,
// compiled distributions, cumulative routing probabilities, one record per buffer, and the measurement
// window in working time. Built once per run and shared (read-only) by all replications.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/distributions.hpp"
#include "twins/production_line/config.hpp"
#include "twins/production_line/shifts.hpp"

namespace twinlab::twins::production_line {

// Machine states that take time and draw power (outside shifts machines are off, handled separately).
enum class MachineState : std::uint8_t { Starved = 0, Busy, Blocked, Down, Maintenance };
inline constexpr int kMachineStates = 5;
inline constexpr std::uint32_t kSink = 0xFFFFFFFFu;
inline constexpr std::uint32_t kSplit = 0xFFFFFFFEu;

struct CompiledStation {
  std::string name;
  int machines = 1;
  std::uint32_t first_machine = 0;  // global index of its first machine
  sim::Distribution processing;
  double ideal_cycle_time_s = 0.0;
  bool raw_supply = false;          // fed by an unlimited source: never starved, no input buffer
  bool assembly = false;
  std::vector<std::uint32_t> inputs;         // its input buffers (one, or one per predecessor)
  std::vector<std::uint32_t> route_buffers;  // destination buffer per successor; empty: the sink
  std::vector<double> route_cumulative;      // cumulative routing probabilities (last = 1)
  std::uint32_t route = kSink;      // the single destination buffer, kSink, or kSplit (route_buffers)

  FailureBasis basis = FailureBasis::None;
  sim::Distribution life, repair;
  double repair_cost = 0.0;
  WearConfig wear;
  MaintenancePolicy policy = MaintenancePolicy::RunToFailure;
  double pm_interval_s = 0.0, wear_threshold = 0.0;
  sim::Distribution pm_duration;
  double pm_cost = 0.0;
  QualityConfig quality;
  double power_W[kMachineStates] = {};  // per machine, indexed by MachineState
  double off_W = 0.0;
  double emission_kg_per_operation = 0.0;

  // Pull control (card loops, see PullConfig). A part taken to start here needs a free card of every
  // gate loop and takes one; it gives back the cards of the release loops; a part leaving the line from
  // here (sink or scrap) gives back the cards of the exit loops.
  std::vector<std::uint32_t> gate_loops, release_loops, exit_loops;

  // Which per-operation work the station needs (all false: the fast path).
  bool busy_clocks = false;       // operation-based failures or preventive maintenance: interrupts in busy time
  bool has_wear = false;
  bool has_quality = false;
  bool completion_checks = false; // anything to check at the end of an operation
};

struct CompiledBuffer {
  std::uint32_t station = 0;  // the station it feeds
  int capacity = 0;
};

struct CompiledLoop {
  int cards = 0;
  std::vector<std::uint32_t> starts;  // its gate stations
};

struct CompiledLine {
  std::vector<CompiledStation> stations;
  std::vector<CompiledLoop> loops;  // kanban loops, or the one CONWIP loop
  int base_stock = -1;              // >= 0: base-stock control with this initial finished-goods stock
  std::vector<CompiledBuffer> buffers;
  std::uint32_t machines = 0;
  SourceKind source_kind = SourceKind::Unlimited;
  sim::Distribution interarrival;
  std::vector<std::uint32_t> feed_buffers;  // Arrivals: destination buffer per fed station
  std::vector<double> feed_cumulative;
  int repair_crews = 0;  // 0: unlimited
  WorkingTime working;
  double grid_kg_per_J = 0.0;
  RunControl run;
  // Measured window and time-series samples, calendar and working time.
  double warmup_working_s = 0.0, end_working_s = 0.0;
  double planned_time_s = 0.0;  // end_working_s - warmup_working_s
  double sample_interval_s = 0.0;
  std::vector<double> sample_calendar_s, sample_working_s;  // K + 1 instants from warm-up to the end
};

// Validates config (validate_line) and compiles it.
CompiledLine compile_line(const LineConfig& config, const std::string& prefix = "line");

}  // namespace twinlab::twins::production_line
