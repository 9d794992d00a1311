#pragma once
// One replication of a production line: the discrete-event engine's state and its event handlers.
// Internal to the twin (run_line() is the public entry); exposed in a header for the tests and the bench.
//
// The engine runs in working time (shifts are mapped by WorkingTime). Events live in a sim::SlotCalendar:
// every machine has one slot for its next completion, interruption, or end of repair/maintenance (it never
// has two of these pending), machines with time-based failures have a second slot for the failure, and the
// source and the bookkeeping (end of warm-up, time-series samples, end) have one each. The event's
// priority is its kind, which also breaks ties at equal times: repairs and maintenance end first, then
// failures, interruptions, completions, arrivals, and the bookkeeping last. Parts are their entry times
// (doubles) moving through ring buffers; nothing is allocated per event once the buffers are sized.
//
// Operation semantics (documented for the tests that check them against Markov chains):
// - A machine that becomes free takes the oldest part of its input buffer; if that is empty it takes the
//   finished part of the longest-blocked upstream machine directly (this is how a capacity-0 buffer works).
//   A part taken from a full buffer lets the longest-blocked upstream machine move its part in.
// - A finished part goes to the chosen destination buffer, or straight to an idle machine of that
//   station; if the buffer is full the machine is blocked, holding the part (blocking after service).
// - Busy-time clocks (operation-based life, preventive interval) interrupt an operation strictly before
//   its end; a clock that runs out exactly at the end of an operation takes effect when the machine starts
//   its next operation (it then goes down holding that part, unprocessed). Wear-based failures and
//   condition-based maintenance are also checked at the end of an operation and take effect at the next
//   start. Time-based failures happen at any moment the machine is up (busy, starved or blocked).
// - An interrupted operation resumes with its remaining time after repair/maintenance. Repairs and
//   maintenance need a crew (first come, first served) and renew the machine: wear 0, new life drawn.
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/slot_calendar.hpp"
#include "sim/quantile_histogram.hpp"
#include "sim/random_streams.hpp"
#include "sim/ring_buffer.hpp"
#include "sim/time_weighted_stat.hpp"
#include "twins/production_line/compiled_line.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::twins::production_line {

enum class EventType : std::uint8_t {
  RepairEnd = 0, MaintenanceEnd, LifeEnd, Interrupt, Completion, Arrival, WarmupEnd, Sample, End
};

class LineSimulation {
 public:
  // seed: the replication's master seed; every stream is derived from it and the station names.
  LineSimulation(const CompiledLine& line, std::uint64_t seed, std::size_t event_log_max = 0);
  LineSimulation(const LineSimulation&) = delete;  // machines and buffers point into each other
  LineSimulation& operator=(const LineSimulation&) = delete;

  ReplicationResult run();
  const std::vector<EventRecord>& event_log() const { return log_; }

  // Called with the fraction of the replication's working time simulated so far, at each time-series
  // sample (about 200 per replication: progress costs nothing on the per-event path).
  void on_progress(std::function<void(double fraction_done)> report) { progress_ = std::move(report); }

 private:
  static constexpr std::uint32_t kFromSource = 0xFFFFFFFFu;
  static constexpr std::uint32_t kNoSlot = 0xFFFFFFFFu;
  enum class DownReason : std::uint8_t { None, Failure, Maintenance };

  struct Station;
  struct Buffer;
  struct Machine {
    // Where it belongs, as pointers: the hot path follows them instead of re-indexing vectors.
    const CompiledStation* cs = nullptr;
    Station* st = nullptr;
    Buffer* input = nullptr;  // its station's single input buffer (null: raw supply or assembly)
    // Its station's single destination buffer (null: the sink or a split). Held in the machine so that a
    // completion reaches the downstream buffer in one load instead of a chain of three (station, route,
    // buffer table): on the bench line that chain was the longest stall of an event.
    Buffer* output = nullptr;
    MachineState state = MachineState::Starved;
    bool holding = false;        // holds a part: in process, interrupted, unstarted or finished
    bool finished = false;       // the held part is finished (the machine is or was blocked)
    bool fail_pending = false;   // go down for repair at the next start
    bool pm_pending = false;     // go down for maintenance at the next start
    DownReason interrupt_reason = DownReason::None;
    std::uint32_t station = 0;
    std::uint32_t life_slot = kNoSlot;  // calendar slot of its time-based failure
    double since_s = 0.0;            // entered `state` at
    double part_entry_s = 0.0;
    double remaining_s = 0.0;        // processing left on an interrupted or unstarted operation
    double busy_start_s = 0.0, op_end_s = 0.0;
    double busy_life_left_s = 0.0;   // Operation basis
    double pm_left_s = 0.0;          // Preventive
    double wear = 0.0, wear_at_failure = 0.0;
    double state_time_s[kMachineStates] = {};
    double operations = 0.0, defective_operations = 0.0, failures = 0.0, pm_actions = 0.0;  // good = the difference
    double repair_cost = 0.0, pm_cost = 0.0;
    sim::RandomStream failure_stream, repair_stream;
  };
  struct Station {
    std::vector<std::uint32_t> idle;  // idle (starved) machines
    // The processing time of its next operation, drawn one operation ahead: the stream's sequence and
    // its use are unchanged, but a starting operation then reads a number instead of waiting for the
    // generator, which takes the draw off the chain of dependent steps from one event to the next
    // (measured on the bench line: that chain, not the instruction count, bounds the event rate).
    double next_processing_s = 0.0;
    sim::RandomStream processing, quality, routing, maintenance;
  };
  struct Buffer {
    Station* st = nullptr;                   // the station it feeds
    sim::RingBuffer<double> parts;           // entry times, oldest first
    sim::RingBuffer<std::uint32_t> blocked;  // machines blocked on this buffer, longest first
    sim::TimeWeightedStat level;
    std::size_t capacity = 0;
    std::uint32_t station = 0;  // the station it feeds
    bool assembly = false;      // that station is an assembly station
  };
  struct Bookkeeping {
    double time_s;
    EventType type;
  };
  struct Sample {
    double good_parts, energy_J, direct_kg, wip_area, wip;
  };

  // Flow (simulation_flow.cpp; the hot path in simulation_hot_path.hpp). The hot-path functions are
  // templates on kPlain: true compiles them for a plain line (plain_: no failures, wear, maintenance,
  // quality, assembly, splits or shifts, and no event log), without the checks for those features
  // (measured: a fifth of the instructions per service on the bench line). Both versions make the same
  // random draws in the same order, so the results are bit-for-bit the same.
  template <bool kPlain>
  ReplicationResult event_loop();
  template <bool kPlain>
  [[gnu::always_inline]] void on_completion(std::uint32_t m);  // inlined into the event loop
  void on_arrival();
  template <bool kPlain = false>
  [[gnu::always_inline]] void find_work(std::uint32_t m);
  bool take_input(std::uint32_t station, double& entry_s);
  bool take_from(std::uint32_t buffer, double& entry_s);
  bool inputs_available(const CompiledStation& s) const;
  void try_start_assembly(std::uint32_t station);
  template <bool kPlain = false>
  [[gnu::always_inline]] bool put(double entry_s, Buffer& buffer, std::uint32_t from_machine);
  void release(std::uint32_t m);
  template <bool kPlain = false>
  [[gnu::always_inline]] void begin_operation(std::uint32_t m, double entry_s, double time_factor = 1.0);
  template <bool kPlain = false>
  [[gnu::always_inline]] void start_busy(std::uint32_t m, double duration_s);
  // Draws the processing time of the station's next operation into S.next_processing_s (see Station).
  static void draw_next_processing(Station& S, const CompiledStation& s) {
    S.next_processing_s = s.processing.sample(S.processing);
  }
  void job_enter() { wip_.add(now_, 1.0); }
  [[gnu::always_inline]] void job_depart(double entry_s);
  template <bool kPlain = false>
  [[gnu::always_inline]] void part_to_sink(double entry_s, std::uint32_t m);
  static bool is_plain(const CompiledLine& line);

  // Pull control (simulation_pull.cpp): card loops (kanban, CONWIP) and the base-stock store.
  bool cards_free(const CompiledStation& s) const {
    for (const std::uint32_t l : s.gate_loops)
      if (free_cards_[l] <= 0) return false;
    return true;
  }
  void took_part(const CompiledStation& s);               // a part was taken to start at s
  void part_leaves(const CompiledStation& s, bool good);  // a part leaves the line from s (sink or scrap)
  void give_back(std::uint32_t loop);
  bool part_waiting(std::uint32_t station) const;
  void on_demand();  // base stock: an arrival is a demand

  // Failures, repairs, maintenance (simulation_failures.cpp).
  void renew(std::uint32_t m);
  void account_busy(std::uint32_t m, double elapsed_s);
  void completion_checks(std::uint32_t m);
  bool defective(std::uint32_t m);
  void go_down(std::uint32_t m, DownReason reason);
  void down_at_start(std::uint32_t m, DownReason reason);
  void enter_down(std::uint32_t m, DownReason reason);
  void request_crew(std::uint32_t m);
  void start_crew_job(std::uint32_t m);
  void on_crew_job_end(std::uint32_t m);

  // Statistics (simulation_stats.cpp).
  void set_state(Machine& x, MachineState s) {
    x.state_time_s[static_cast<int>(x.state)] += now_ - x.since_s;
    x.since_s = now_;
    x.state = s;
  }
  void set_state(std::uint32_t m, MachineState s) { set_state(machines_[m], s); }
  // Event log of replication 0 (a no-op branch otherwise). m: a machine, or kFromSource.
  void log(EventKind kind, std::uint32_t m) {
    if (logging_) record(kind, m);
  }
  void record(EventKind kind, std::uint32_t m);
  void on_bookkeeping(EventType type);
  void on_warmup_end();
  Sample sample_now() const;
  ReplicationResult collect();

  const CompiledLine& line_;
  sim::SlotCalendar calendar_;
  double now_ = 0.0;
  std::vector<Machine> machines_;
  std::vector<Station> stations_;
  std::vector<Buffer> buffers_;
  std::vector<std::uint32_t> life_machine_;  // [life slot - first_life_slot_] -> machine
  std::uint32_t first_life_slot_ = 0, arrival_slot_ = 0, bookkeeping_slot_ = 0;  // machine slots: [0, first_life_slot_)
  std::vector<Bookkeeping> bookkeeping_;     // sorted; the calendar holds the next one
  std::size_t next_bookkeeping_ = 0;
  sim::RandomStream arrival_stream_, source_routing_stream_;
  int free_crews_ = 0;
  sim::RingBuffer<std::uint32_t> crew_queue_;

  // Window counters (zeroed at the end of the warm-up).
  sim::TimeWeightedStat wip_;
  sim::QuantileHistogram lead_times_;
  double good_parts_ = 0.0, scrapped_ = 0.0, arrivals_ = 0.0, arrivals_lost_ = 0.0;
  double departures_ = 0.0, sojourn_sum_s_ = 0.0, before_window_s_ = 0.0;
  std::vector<Sample> samples_;
  double events_ = 0.0;

  // Pull control state.
  std::vector<int> free_cards_;  // [loop]
  double stock_ = 0.0, backorders_ = 0.0, demands_ = 0.0, demands_filled_ = 0.0;
  sim::TimeWeightedStat stock_level_, backorder_level_;

  bool pull_ = false;   // card loops or base stock
  bool plain_ = false;  // is_plain(line_): the event loop may run the kPlain hot path
  bool logging_ = false;
  std::function<void(double)> progress_;
  std::size_t log_max_ = 0;
  std::vector<EventRecord> log_;
};

}  // namespace twinlab::twins::production_line
