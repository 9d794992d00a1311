#pragma once
// The hot path of the engine (taking and putting parts, starting operations, departures), defined inline
// so that the event loop and the failure handlers get them inlined (measured: 15-20 % of the time per
// service went into calls and re-derived addresses). Included only by simulation_*.cpp.
#include <limits>

#include "twins/production_line/simulation.hpp"

namespace twinlab::twins::production_line {

namespace detail {
constexpr auto priority_of(EventType t) { return static_cast<std::uint8_t>(t); }
}  // namespace detail

// Machine m is up and empty: it takes its next part or becomes idle. Taking a part may free an upstream
// machine blocked on the same buffer, which then looks for work in turn (a loop, not a recursion, so that
// the common path inlines).
template <bool kPlain>
inline void LineSimulation::find_work(std::uint32_t m) {
  for (;;) {
    Machine& x = machines_[m];
    if (!kPlain && !x.cs->gate_loops.empty() && !cards_free(*x.cs)) {  // pull control: no card, no start
      set_state(x, MachineState::Starved);
      x.st->idle.push_back(m);
      return;
    }
    if (x.input == nullptr) {  // raw supply or assembly (never in a plain line)
      if (kPlain || x.cs->raw_supply) {
        job_enter();
        begin_operation<kPlain>(m, now_);
        if (!kPlain) took_part(*x.cs);
        return;
      }
      double entry_s;
      if (take_input(x.station, entry_s)) {
        begin_operation(m, entry_s);
      } else {
        set_state(x, MachineState::Starved);
        x.st->idle.push_back(m);
      }
      return;
    }
    Buffer& B = *x.input;
    std::uint32_t up;
    if (!B.parts.empty()) {
      const double entry_s = B.parts.pop_front();
      if (B.blocked.empty()) {
        B.level.add(now_, -1.0);
        begin_operation<kPlain>(m, entry_s);
        if (!kPlain) took_part(*x.cs);
        return;
      }
      up = B.blocked.pop_front();  // the longest-blocked upstream machine moves its part in
      B.parts.push_back(machines_[up].part_entry_s);
      begin_operation<kPlain>(m, entry_s);
    } else if (!B.blocked.empty()) {  // empty (or capacity-0) buffer: straight from a blocked machine
      up = B.blocked.pop_front();
      begin_operation<kPlain>(m, machines_[up].part_entry_s);
    } else {
      set_state(x, MachineState::Starved);
      x.st->idle.push_back(m);
      return;
    }
    Machine& u = machines_[up];
    u.holding = false;
    u.finished = false;
    // Cards after the hand-over is complete (giving one back may start machines upstream, up's too).
    if (!kPlain) took_part(*x.cs);
    if (u.state != MachineState::Blocked) return;  // it went down while blocked and stays down
    m = up;
  }
}

template <bool kPlain>
inline bool LineSimulation::put(double entry_s, Buffer& B, std::uint32_t from) {
  Station& S = *B.st;
  if (kPlain || !B.assembly) {
    // An idle machine means an empty buffer (or, under pull control, no free card): hand the part over.
    if (!S.idle.empty() && (kPlain || cards_free(*machines_[S.idle.back()].cs))) {
      const std::uint32_t m = S.idle.back();
      S.idle.pop_back();
      begin_operation<kPlain>(m, entry_s);
      if (!kPlain) took_part(*machines_[m].cs);
      return true;
    }
    if (B.parts.size() < B.capacity) {
      B.parts.push_back(entry_s);
      B.level.add(now_, 1.0);
      return true;
    }
  } else if (B.parts.size() < B.capacity) {
    B.parts.push_back(entry_s);
    B.level.add(now_, 1.0);
    if (!S.idle.empty()) try_start_assembly(B.station);
    return true;
  }
  if (from == kFromSource) return false;
  set_state(from, MachineState::Blocked);
  B.blocked.push_back(from);
  if (kPlain) return false;
  log(EventKind::Blocked, from);
  if (B.assembly && !S.idle.empty()) try_start_assembly(B.station);  // may take the part at once (capacity 0)
  return false;
}

template <bool kPlain>
inline void LineSimulation::begin_operation(std::uint32_t m, double entry_s, double time_factor) {
  Machine& x = machines_[m];
  x.holding = true;
  x.finished = false;
  x.part_entry_s = entry_s;
  Station& S = *x.st;
  const double d = time_factor * S.next_processing_s;
  draw_next_processing(S, *x.cs);
  if (kPlain) {
    start_busy<true>(m, d);
    return;
  }
  if (x.fail_pending || x.pm_pending) {
    x.remaining_s = d;
    down_at_start(m, x.fail_pending ? DownReason::Failure : DownReason::Maintenance);
    return;
  }
  log(EventKind::Start, m);
  start_busy(m, d);
}

template <bool kPlain>
inline void LineSimulation::start_busy(std::uint32_t m, double duration_s) {
  Machine& x = machines_[m];
  set_state(x, MachineState::Busy);
  x.busy_start_s = now_;
  x.op_end_s = now_ + duration_s;
  const CompiledStation& s = *x.cs;
  if (!kPlain && s.busy_clocks) {
    double limit = duration_s;
    DownReason why = DownReason::None;
    if (s.basis == FailureBasis::Operation && x.busy_life_left_s < limit) {
      limit = x.busy_life_left_s;
      why = DownReason::Failure;
    }
    if (s.policy == MaintenancePolicy::Preventive && x.pm_left_s < limit) {
      limit = x.pm_left_s;
      why = DownReason::Maintenance;
    }
    if (why != DownReason::None) {
      x.interrupt_reason = why;
      calendar_.schedule(m, now_ + (limit > 0.0 ? limit : 0.0), detail::priority_of(EventType::Interrupt));
      return;
    }
  }
  calendar_.schedule(m, x.op_end_s, detail::priority_of(EventType::Completion));
}

inline void LineSimulation::job_depart(double entry_s) {
  wip_.add(now_, -1.0);
  departures_ += 1.0;
  sojourn_sum_s_ += now_ - entry_s;
  if (entry_s < line_.warmup_working_s) before_window_s_ += line_.warmup_working_s - entry_s;
}

template <bool kPlain>
inline void LineSimulation::part_to_sink(double entry_s, std::uint32_t m) {
  job_depart(entry_s);
  good_parts_ += 1.0;
  if (!kPlain && pull_) part_leaves(*machines_[m].cs, true);
  const double lead_s = kPlain || line_.working.always_working()
                            ? now_ - entry_s
                            : line_.working.to_calendar(now_) - line_.working.to_calendar(entry_s);
  lead_times_.add(lead_s);
  if (!kPlain) log(EventKind::Exit, m);
}

}  // namespace twinlab::twins::production_line
