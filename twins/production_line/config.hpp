#pragma once
// Plain configuration of the production-line twin, filled by scenarios/ from a validated scenario file.
// Every field documents its unit and default; validate_line() (validate.hpp) checks them all and names the
// offending key as "line.stations[2].buffer_capacity" (the prefix "line" can be changed).
//
// The line is a directed acyclic graph of stations. A part enters at a station fed by the source, is
// processed by one of the station's parallel machines, and then goes to one successor chosen by
// probability (a split) or, when `next` is empty, leaves to the sink. A station with several
// predecessors either merges their parts into one input buffer, or (assembly = true) keeps one input
// buffer per predecessor and consumes one part from each per operation.
//
// Flow rules: buffers are in front of stations (capacity 0 allowed); blocking after service (a machine
// whose finished part finds its destination full keeps the part and waits); a machine that is free takes
// the oldest part of its input buffer, or directly the part of the longest-blocked upstream machine.
//
// Time: all durations are in seconds of calendar time. With shifts, the line is frozen outside the working
// windows (no processing, no arrivals, no failures or repairs; machines draw `off_W`); rates and fractions
// are per planned (working) second, lead times are calendar time.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/distributions.hpp"

namespace twinlab::twins::production_line {

using sim::DistributionKind;
using sim::DistributionSpec;

inline constexpr int kUnlimitedCapacity = std::numeric_limits<int>::max();  // an infinite buffer

struct Successor {
  std::string station;        // name of the next station
  double probability = 1.0;   // routing probability; those of one station's `next` sum to 1
};

enum class FailureBasis {
  None,       // never fails
  Time,       // life counts up time (every state but down, maintenance and off): fails when idle too
  Operation,  // life counts busy time only; a failure interrupts the operation, which resumes after repair
  Wear        // life is the wear level at failure (dimensionless, see WearConfig); checked at the end of
              // each operation, the machine fails when it starts its next one
};

struct FailureConfig {
  FailureBasis basis = FailureBasis::None;
  // Time/Operation: seconds of up/busy time to failure; Wear: wear level at failure (a Weibull life in
  // wear units gives a failure hazard that grows with wear as a power law).
  DistributionSpec life = DistributionSpec::exponential(3600.0);
  DistributionSpec time_to_repair = DistributionSpec::exponential(300.0);  // s, once a crew has arrived
  double repair_cost = 0.0;  // currency per repair (parts, labour)
};

// Tool wear w (dimensionless; 0 = new tool, 1 = nominal end of life) grows while the machine is busy:
//   dw/dt = rate_1_s * (1 + acceleration * w).
// A repair or a maintenance action restores w = 0. With acceleration > 0 the law is integrated with
// Boost.Odeint over each busy interval (see wear.hpp).
struct WearConfig {
  double rate_1_s = 0.0;      // growth per busy second at w = 0; 0 = no wear
  double acceleration = 0.0;  // >= 0
};

enum class MaintenancePolicy {
  RunToFailure,    // repair only after failures
  Preventive,      // maintain every interval_s of busy (operating) time since the last renewal
  ConditionBased   // maintain when wear reaches wear_threshold (checked at the end of each operation)
};

struct MaintenanceConfig {
  MaintenancePolicy policy = MaintenancePolicy::RunToFailure;
  double interval_s = 28800.0;  // Preventive: busy seconds between renewals (an interrupted operation resumes)
  double wear_threshold = 0.8;  // ConditionBased: in (0, 1]
  DistributionSpec duration = DistributionSpec::deterministic(1800.0);  // s, once a crew has arrived
  double cost = 0.0;            // currency per maintenance action
};

enum class DefectHandling {
  Scrap,  // a defective part leaves the line as scrap
  Rework  // it is processed again on the same machine (time = rework_time_factor * a new processing time)
};

// Defect probability of an operation, p = defect_probability + defect_probability_per_wear * w (at the
// wear at the end of the operation), clamped to [0, 1].
struct QualityConfig {
  double defect_probability = 0.0;
  double defect_probability_per_wear = 0.0;
  DefectHandling handling = DefectHandling::Scrap;
  double rework_time_factor = 1.0;
};

// Electrical power of ONE machine in each state, W.
struct PowerConfig {
  double off_W = 0.0;      // outside shifts
  double idle_W = 0.0;     // starved (waiting for a part)
  double busy_W = 0.0;     // processing
  double down_W = 0.0;     // failed, waiting for or under repair, or under maintenance
  double blocked_W = 0.0;  // holding a finished part its destination cannot take
};

struct StationConfig {
  std::string name;                 // unique; routing and reports use it
  int machines = 1;                 // identical parallel machines sharing the input buffer(s)
  DistributionSpec processing_time = DistributionSpec::deterministic(60.0);  // s per part per machine
  double ideal_cycle_time_s = 0.0;  // per part per machine for OEE performance; 0 = mean processing time
  int buffer_capacity = 10;         // parts in the input buffer (each input buffer for assembly); may be 0
                                    // or kUnlimitedCapacity. Unused for a station fed by an unlimited source.
  bool assembly = false;            // one part from each predecessor per operation
  std::vector<Successor> next;      // empty: finished parts go to the sink
  FailureConfig failure;
  WearConfig wear;
  MaintenanceConfig maintenance;
  QualityConfig quality;
  PowerConfig power;
  double emission_kg_per_operation = 0.0;  // direct process emission per completed operation, kg
};

enum class SourceKind {
  Unlimited,  // raw material always available at the fed stations (they are never starved)
  Arrivals    // parts arrive one by one; an arrival that finds the fed station's buffer full is lost
};

struct SourceConfig {
  SourceKind kind = SourceKind::Unlimited;
  DistributionSpec interarrival_time = DistributionSpec::exponential(60.0);  // s, Arrivals only
  // Stations fed by the source. Unlimited: each listed station has its own endless supply (probabilities
  // ignored). Arrivals: each arrival goes to one listed station chosen by probability.
  std::vector<Successor> feeds;
};

// Planned production time: a pattern of working windows repeated every period_s (e.g. two 8-hour shifts a
// day: period 86400, windows [21600, 50400] and [50400, 79200]). No windows: always working.
struct ShiftWindow {
  double start_s = 0.0;  // from the start of the period
  double end_s = 0.0;
};
struct ShiftCalendar {
  double period_s = 86400.0;
  std::vector<ShiftWindow> windows;  // sorted, non-overlapping, inside [0, period_s]
};

struct EmissionConfig {
  double grid_kg_per_kwh = 0.0;  // indirect emission per kWh of electricity drawn (e.g. CO2e)
};

struct RunControl {
  double warmup_s = 0.0;           // discarded start of every replication, calendar s
  double horizon_s = 86400.0;      // measured window after the warm-up, calendar s
  int replications = 10;           // independent replications (CIs need >= 2)
  double confidence_level = 0.95;  // of the Student-t intervals
  double time_series_interval_s = 0.0;  // sampling interval of the time series; 0 = horizon / 200
  std::size_t event_log_max = 0;   // events of replication 0 to record (0 = no event log)
  // replications: auto. Replications are added until every KPI named in precision_kpis has a Student-t
  // half-width <= precision_relative_half_width x |mean| (Law & Kelton's sequential procedure, see
  // sim/sequential_replications.hpp), checked from min_replications on, at most max_replications.
  bool replications_auto = false;
  std::vector<std::string> precision_kpis = {"throughput_per_s"};  // line KPI names (kpis.hpp)
  double precision_relative_half_width = 0.05;
  int min_replications = 5;
  int max_replications = 200;
};

// Production control: how parts are authorised to start (see docs/production_line.md, "Pull control").
//   Push (default): a machine starts whenever it has a part.
//   Kanban: each loop holds `cards` cards; a part takes a card of the loop when a machine of `from` starts
//     it and gives it back when a machine of the station after `to` starts it (it holds the card in that
//     station's input buffer, the loop's output store), or when it leaves the line from `to` (sink). The
//     loop's stations must be a serial chain (from -> ... -> to, single successors, single predecessors,
//     no assembly). A station of a loop with no free card does not start a part (its machine is starved).
//   CONWIP: one loop over the whole line: a card is taken when a part starts at a station fed by the
//     source and given back when the part leaves the line (sink or scrap); no assembly stations.
//   Base stock: the source must be `arrivals`, its arrivals are demands: each demand releases one raw
//     part into the line (as in push) and takes a finished part from a finished-goods store that starts
//     with `base_stock` parts, or is backordered; a finished part fills the oldest backorder first.
enum class PullPolicy { Push, Kanban, Conwip, BaseStock };

struct KanbanLoop {
  std::string from;  // first station of the loop
  std::string to;    // last station of the loop (may equal from: a single-stage loop)
  int cards = 1;     // >= 1
};

struct PullConfig {
  PullPolicy policy = PullPolicy::Push;
  std::vector<KanbanLoop> kanban;  // Kanban: the loops (at least one)
  int conwip_cards = 1;            // Conwip: cards over the whole line, >= 1
  int base_stock = 0;              // BaseStock: finished parts in stock at the start, >= 0
};

struct LineConfig {
  std::vector<StationConfig> stations;
  PullConfig pull;
  SourceConfig source;
  int repair_crews = 0;  // shared by repairs and maintenance, first come first served; 0 = unlimited
  ShiftCalendar shifts;
  EmissionConfig emissions;
  RunControl run;
};

}  // namespace twinlab::twins::production_line
