#pragma once
// Plain results of the production-line twin: what io/ and viz/ are handed (through scenarios/).
//
// `LineResult` holds the aggregated tables (each number a mean over replications with the half-width of
// its Student-t confidence interval), a time series on a common time axis, the optional event log, and
// every replication's raw figures. Units: SI (s, J, W, kg); rates and fractions are per planned (working)
// second of the measured window; counts are per replication over the measured window.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/confidence_interval.hpp"

namespace twinlab::twins::production_line {

// ---- one replication ---------------------------------------------------------------------------------

struct StationReplication {
  // Fractions of the station's planned machine time (machines x working seconds); they sum to 1.
  double busy_fraction = 0.0;         // processing (utilisation)
  double starved_fraction = 0.0;      // idle, waiting for a part
  double blocked_fraction = 0.0;      // holding a finished part that cannot leave
  double down_fraction = 0.0;         // failed: waiting for a crew or under repair
  double maintenance_fraction = 0.0;  // waiting for a crew or under maintenance
  // OEE = availability x performance x quality = ideal_cycle_time x good operations / planned machine time.
  double availability = 0.0;  // 1 - down - maintenance
  double performance = 0.0;   // ideal_cycle_time x operations / (available machine time)
  double quality = 0.0;       // good operations / operations (1 if none)
  double oee = 0.0;
  double buffer_mean = 0.0;   // time-average parts in the input buffer(s)
  double operations = 0.0;    // completed operations (reworks included)
  double good_operations = 0.0;
  double throughput_per_s = 0.0;  // completed operations per working second
  double failures = 0.0;
  double maintenance_actions = 0.0;
  double repair_cost = 0.0;
  double maintenance_cost = 0.0;
  double energy_J = 0.0;          // all its machines, off-shift included
  double direct_emissions_kg = 0.0;
};

struct TimeSeries {
  double interval_s = 0.0;
  // Start of each interval, calendar seconds from the end of the warm-up. Every series below is
  // piecewise constant: value[k] holds over [times_s[k], times_s[k] + interval_s).
  std::vector<double> times_s;
  std::vector<double> throughput_per_s;   // good parts to the sink per second
  std::vector<double> wip;                // time-average parts in the line
  std::vector<double> power_W;            // mean electrical power of the line
  std::vector<double> emission_rate_kg_s;           // direct + indirect
  std::vector<double> direct_emission_rate_kg_s;    // process emissions at the plant (a stack source)
  std::vector<double> indirect_emission_rate_kg_s;  // electricity x grid factor (emitted at the power plant)
};

struct ReplicationResult {
  std::uint64_t seed = 0;        // this replication's master seed (derived from the run seed)
  double planned_time_s = 0.0;   // working seconds in the measured window
  double throughput_per_s = 0.0; // good parts to the sink per working second
  double good_parts = 0.0;
  double scrapped_parts = 0.0;
  double wip_mean = 0.0;         // time-average parts in the line (working time)
  double lead_time_mean_s = 0.0; // entry to sink, calendar s, good parts leaving in the window
  double lead_time_p50_s = 0.0, lead_time_p90_s = 0.0, lead_time_p95_s = 0.0, lead_time_p99_s = 0.0;
  // Line OEE is measured at the bottleneck station (availability, performance) with the line's quality.
  double availability = 0.0, performance = 0.0, quality = 0.0, oee = 0.0;
  double energy_J = 0.0;
  double energy_per_good_part_J = 0.0;
  double emissions_kg = 0.0, direct_emissions_kg = 0.0, indirect_emissions_kg = 0.0;
  double emissions_per_good_part_kg = 0.0;
  double failures = 0.0, maintenance_actions = 0.0;
  double maintenance_cost = 0.0;           // repairs + maintenance actions
  double maintenance_cost_rate_per_s = 0.0;  // per working second
  double arrivals = 0.0, arrivals_lost = 0.0, arrival_loss_fraction = 0.0;  // Arrivals source only
  // Base-stock control only: fraction of demands served from stock at once, time-average finished goods in
  // stock and backordered demands (working time).
  double fill_rate = 0.0, finished_goods_mean = 0.0, backorders_mean = 0.0;
  int bottleneck_station = -1;  // most active station (busy + down + maintenance): Roser's active-period idea
  // Little's law, L = lambda W, over every job (a part or an assembly component) in working time:
  // lambda = departures (sink, scrap, consumed by assembly) per second, W = their mean time in the line.
  // On any sample path L = lambda W + little_boundary_correction exactly (jobs present at the window's ends).
  double little_departure_rate_per_s = 0.0;
  double little_sojourn_mean_s = 0.0;
  double little_boundary_correction = 0.0;  // parts
  double operations = 0.0;   // completed station services in the window, all stations
  double events = 0.0;       // events handled in the whole replication (warm-up included)
  std::vector<StationReplication> stations;
  TimeSeries series;
};

// ---- aggregated over replications --------------------------------------------------------------------

struct KpiRow {
  std::string name;         // e.g. "throughput_per_s"
  std::string unit;         // e.g. "1/s"
  std::string description;  // one line
  sim::Estimate value;      // mean, half_width (NaN with one replication), std_dev, n
  std::vector<double> per_replication;  // the value of each replication (paired what-if comparisons)
};

struct StationColumn {
  std::string name, unit, description;
  std::vector<double> mean;        // [station]
  std::vector<double> half_width;  // [station]
};

struct StationTable {
  std::vector<std::string> names;
  std::vector<int> machines;
  std::vector<int> buffer_capacity;     // kUnlimitedCapacity for an infinite buffer, -1 for none (unlimited source)
  std::vector<double> bottleneck_share; // fraction of replications in which the station was the bottleneck
  std::vector<StationColumn> columns;
};

enum class EventKind : std::uint8_t {
  Arrival, ArrivalLost, Start, Complete, Blocked, Failure, RepairStart, RepairEnd,
  MaintenanceStart, MaintenanceEnd, Scrap, Rework, Exit
};
std::string_view event_kind_name(EventKind kind);

struct EventRecord {
  double time_s = 0.0;  // calendar s from the start of the replication (warm-up included)
  EventKind kind = EventKind::Start;
  int station = -1;     // -1: the source
  int machine = -1;     // index within the station, -1: none
};

// Warm-up check of one time series (MSER-5 on the mean over replications of the series sampled after the
// given warm-up; see sim/warmup_detection.hpp). A cut > 0 says the given warm-up was shorter than
// detected; `transient` says the cut part's mean differs from the rest's beyond the Student-t interval of
// the per-replication differences (independent replications make that interval valid, whatever the
// autocorrelation inside a run): only then is the warm-up reported as too short.
struct WarmupCheck {
  std::string series;            // e.g. "wip"
  double given_s = 0.0;          // run.warmup_s
  double detected_s = 0.0;       // given_s + cut samples x the sampling interval (calendar s)
  std::size_t cut_samples = 0;   // samples MSER-5 discards after the given warm-up
  bool reliable = false;         // the cut is below half the series (else: the run is too short to tell)
  bool transient = false;        // the cut part differs significantly from the rest (needs >= 2 replications)
  double difference = 0.0;       // mean of the cut part - mean of the rest, over replications (series unit)
  double difference_half_width = 0.0;  // its Student-t half-width (NaN with one replication)
  // The line runs on a shift calendar: its series repeat every shift period, which MSER-5 takes for a
  // transient (a false "too short"), so the cut is reported but not judged.
  bool shift_calendar = false;
  bool too_short() const { return cut_samples > 0 && transient && !shift_calendar; }
};

// How the number of replications was chosen.
struct ReplicationChoice {
  bool automatic = false;            // replications: auto
  bool target_met = true;            // false: the cap was reached first
  std::vector<std::string> kpis;     // the KPIs watched
  double relative_half_width = 0.0;  // the target
  int max_replications = 0;
  int run = 0;                       // replications run (those beyond the stopping point are dropped)
};

struct LineResult {
  std::uint64_t seed = 0;
  int replications = 0;
  double confidence_level = 0.95;
  std::vector<KpiRow> kpis;
  StationTable stations;
  TimeSeries series;  // mean over replications
  int bottleneck_station = -1;  // the station most often the bottleneck
  std::vector<EventRecord> event_log;  // replication 0, first RunControl::event_log_max events
  std::vector<ReplicationResult> per_replication;
  std::vector<WarmupCheck> warmup;  // one per time series: throughput, wip, power
  ReplicationChoice replication_choice;
};

// The row/column called `name`; throw std::out_of_range if there is none.
const KpiRow& find_kpi(const LineResult& result, std::string_view name);
const StationColumn& find_station_column(const LineResult& result, std::string_view name);

}  // namespace twinlab::twins::production_line
