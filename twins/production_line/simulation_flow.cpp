// The event loop and the part flow: completions, taking and putting parts, blocking, starting operations,
// arrivals, departures. The loop and the common path of a completion live in this one file so that the
// compiler can inline them into each other.
#include <limits>

#include "twins/production_line/simulation.hpp"

namespace twinlab::twins::production_line {

namespace {
constexpr auto priority_of(EventType t) { return static_cast<std::uint8_t>(t); }

std::size_t pick(const std::vector<double>& cumulative, double u) {
  std::size_t i = 0;
  while (i + 1 < cumulative.size() && u >= cumulative[i]) ++i;
  return i;
}
}  // namespace

ReplicationResult LineSimulation::run() {
  calendar_.reset(calendar_.slots(), 0.0);
  now_ = 0.0;
  for (std::uint32_t m = 0; m < machines_.size(); ++m) renew(m);
  next_bookkeeping_ = 0;
  calendar_.schedule(bookkeeping_slot_, bookkeeping_.front().time_s, priority_of(bookkeeping_.front().type));
  if (line_.source_kind == SourceKind::Arrivals)
    calendar_.schedule(arrival_slot_, line_.interarrival.sample(arrival_stream_), priority_of(EventType::Arrival));
  for (std::uint32_t m = 0; m < machines_.size(); ++m) find_work(m);

  for (;;) {
    const sim::Event e = calendar_.take();
    now_ = e.time_s;
    events_ += 1.0;
    switch (static_cast<EventType>(e.priority())) {
      case EventType::Completion: on_completion(e.target); break;
      case EventType::Interrupt: go_down(e.target, machines_[e.target].interrupt_reason); break;
      case EventType::LifeEnd: go_down(life_machine_[e.target - first_life_slot_], DownReason::Failure); break;
      case EventType::RepairEnd:
      case EventType::MaintenanceEnd: on_crew_job_end(e.target); break;
      case EventType::Arrival: on_arrival(); break;
      case EventType::WarmupEnd:
      case EventType::Sample: on_bookkeeping(static_cast<EventType>(e.priority())); break;
      case EventType::End: return collect();
    }
  }
}

void LineSimulation::on_completion(std::uint32_t m) {
  Machine& x = machines_[m];
  const CompiledStation& s = line_.stations[x.station];
  x.operations += 1.0;
  if (s.completion_checks) {
    account_busy(m, now_ - x.busy_start_s);
    completion_checks(m);
    if (s.has_quality && defective(m)) {
      if (s.quality.handling == DefectHandling::Rework) {
        log(EventKind::Rework, m);
        begin_operation(m, x.part_entry_s, s.quality.rework_time_factor);
        return;
      }
      log(EventKind::Scrap, m);
      x.holding = false;
      scrapped_ += 1.0;
      job_depart(x.part_entry_s);
      find_work(m);
      return;
    }
  }
  x.good_operations += 1.0;
  log(EventKind::Complete, m);
  std::uint32_t b = s.route;
  if (b == kSink) {
    x.holding = false;
    part_to_sink(x.part_entry_s, m);
    find_work(m);
    return;
  }
  if (b == kSplit) b = s.route_buffers[pick(s.route_cumulative, stations_[x.station].routing.uniform())];
  x.finished = true;
  if (put(x.part_entry_s, b, m)) {
    x.holding = false;
    x.finished = false;
    find_work(m);
  }
}

void LineSimulation::on_arrival() {
  arrivals_ += 1.0;
  std::uint32_t b = line_.feed_buffers.front();
  if (line_.feed_buffers.size() > 1) b = line_.feed_buffers[pick(line_.feed_cumulative, source_routing_stream_.uniform())];
  job_enter();
  if (put(now_, b, kFromSource)) {
    log(EventKind::Arrival, kFromSource);
  } else {
    wip_.add(now_, -1.0);  // never entered
    arrivals_lost_ += 1.0;
    log(EventKind::ArrivalLost, kFromSource);
  }
  calendar_.schedule(arrival_slot_, now_ + line_.interarrival.sample(arrival_stream_), priority_of(EventType::Arrival));
}

// Machine m is up and empty: it takes its next part or becomes idle. Taking a part may free an upstream
// machine blocked on the same buffer, which then looks for work in turn (a loop, not a recursion, so that
// the common path inlines).
void LineSimulation::find_work(std::uint32_t m) {
  for (;;) {
    Machine& x = machines_[m];
    const CompiledStation& s = line_.stations[x.station];
    if (s.raw_supply) {
      job_enter();
      begin_operation(m, now_);
      return;
    }
    if (s.assembly) {
      double entry_s;
      if (take_input(x.station, entry_s)) {
        begin_operation(m, entry_s);
      } else {
        set_state(m, MachineState::Starved);
        stations_[x.station].idle.push_back(m);
      }
      return;
    }
    Buffer& B = buffers_[s.inputs.front()];
    std::uint32_t up;
    if (!B.parts.empty()) {
      const double entry_s = B.parts.pop_front();
      if (B.blocked.empty()) {
        B.level.add(now_, -1.0);
        begin_operation(m, entry_s);
        return;
      }
      up = B.blocked.pop_front();  // the longest-blocked upstream machine moves its part in
      B.parts.push_back(machines_[up].part_entry_s);
      begin_operation(m, entry_s);
    } else if (!B.blocked.empty()) {  // empty (or capacity-0) buffer: straight from a blocked machine
      up = B.blocked.pop_front();
      begin_operation(m, machines_[up].part_entry_s);
    } else {
      set_state(m, MachineState::Starved);
      stations_[x.station].idle.push_back(m);
      return;
    }
    Machine& u = machines_[up];
    u.holding = false;
    u.finished = false;
    if (u.state != MachineState::Blocked) return;  // it went down while blocked and stays down
    m = up;
  }
}

// Assembly only: takes one part from each input (all must be available).
bool LineSimulation::take_input(std::uint32_t station, double& entry_s) {
  const CompiledStation& s = line_.stations[station];
  if (!inputs_available(s)) return false;
  // The assembly carries on as the job of the oldest component; the others end their time in the line
  // here (for Little's law).
  double oldest = std::numeric_limits<double>::infinity();
  for (const std::uint32_t b : s.inputs) {
    double e = 0.0;
    take_from(b, e);
    if (e < oldest) {
      if (oldest != std::numeric_limits<double>::infinity()) job_depart(oldest);
      oldest = e;
    } else {
      job_depart(e);
    }
  }
  entry_s = oldest;
  return true;
}

bool LineSimulation::inputs_available(const CompiledStation& s) const {
  for (const std::uint32_t b : s.inputs)
    if (buffers_[b].parts.empty() && buffers_[b].blocked.empty()) return false;
  return true;
}

bool LineSimulation::take_from(std::uint32_t b, double& entry_s) {
  Buffer& B = buffers_[b];
  if (!B.parts.empty()) {
    entry_s = B.parts.pop_front();
    if (B.blocked.empty()) {
      B.level.add(now_, -1.0);
    } else {
      const std::uint32_t up = B.blocked.pop_front();
      B.parts.push_back(machines_[up].part_entry_s);
      release(up);
    }
    return true;
  }
  if (!B.blocked.empty()) {
    const std::uint32_t up = B.blocked.pop_front();
    entry_s = machines_[up].part_entry_s;
    release(up);
    return true;
  }
  return false;
}

void LineSimulation::release(std::uint32_t m) {
  Machine& x = machines_[m];
  x.holding = false;
  x.finished = false;
  if (x.state == MachineState::Blocked) find_work(m);  // a machine down while blocked stays down
}

void LineSimulation::try_start_assembly(std::uint32_t station) {
  Station& S = stations_[station];
  const CompiledStation& s = line_.stations[station];
  while (!S.idle.empty() && inputs_available(s)) {
    const std::uint32_t m = S.idle.back();
    S.idle.pop_back();
    double entry_s = 0.0;
    take_input(station, entry_s);
    begin_operation(m, entry_s);
  }
}

bool LineSimulation::put(double entry_s, std::uint32_t b, std::uint32_t from) {
  Buffer& B = buffers_[b];
  Station& S = stations_[B.station];
  if (!B.assembly) {
    if (!S.idle.empty()) {  // an idle machine means an empty buffer: hand the part over
      const std::uint32_t m = S.idle.back();
      S.idle.pop_back();
      begin_operation(m, entry_s);
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
  log(EventKind::Blocked, from);
  if (B.assembly && !S.idle.empty()) try_start_assembly(B.station);  // may take the part at once (capacity 0)
  return false;
}

void LineSimulation::begin_operation(std::uint32_t m, double entry_s, double time_factor) {
  Machine& x = machines_[m];
  x.holding = true;
  x.finished = false;
  x.part_entry_s = entry_s;
  const double d = time_factor * line_.stations[x.station].processing.sample(stations_[x.station].processing);
  if (x.fail_pending || x.pm_pending) {
    x.remaining_s = d;
    down_at_start(m, x.fail_pending ? DownReason::Failure : DownReason::Maintenance);
    return;
  }
  log(EventKind::Start, m);
  start_busy(m, d);
}

void LineSimulation::start_busy(std::uint32_t m, double duration_s) {
  Machine& x = machines_[m];
  set_state(m, MachineState::Busy);
  x.busy_start_s = now_;
  x.op_end_s = now_ + duration_s;
  const CompiledStation& s = line_.stations[x.station];
  if (s.busy_clocks) {
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
      calendar_.schedule(m, now_ + (limit > 0.0 ? limit : 0.0), priority_of(EventType::Interrupt));
      return;
    }
  }
  calendar_.schedule(m, x.op_end_s, priority_of(EventType::Completion));
}

void LineSimulation::job_depart(double entry_s) {
  wip_.add(now_, -1.0);
  departures_ += 1.0;
  sojourn_sum_s_ += now_ - entry_s;
  if (entry_s < line_.warmup_working_s) before_window_s_ += line_.warmup_working_s - entry_s;
}

void LineSimulation::part_to_sink(double entry_s, std::uint32_t m) {
  job_depart(entry_s);
  good_parts_ += 1.0;
  const double lead_s = line_.working.always_working()
                            ? now_ - entry_s
                            : line_.working.to_calendar(now_) - line_.working.to_calendar(entry_s);
  lead_times_.add(lead_s);
  log(EventKind::Exit, m);
}

}  // namespace twinlab::twins::production_line
