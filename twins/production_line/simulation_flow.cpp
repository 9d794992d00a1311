// The event loop and the part flow: completions, taking and putting parts, blocking, starting operations,
// arrivals, departures. The loop and the common path of a completion live in this one file so that the
// compiler can inline them into each other.
#include <limits>

#include "twins/production_line/simulation_hot_path.hpp"

namespace twinlab::twins::production_line {

namespace {
using detail::priority_of;

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
  for (std::size_t l = 0; l < line_.loops.size(); ++l) free_cards_[l] = line_.loops[l].cards;
  stock_ = line_.base_stock > 0 ? line_.base_stock : 0.0;
  backorders_ = demands_ = demands_filled_ = 0.0;
  stock_level_ = sim::TimeWeightedStat(0.0, stock_);
  backorder_level_ = sim::TimeWeightedStat(0.0, 0.0);
  for (std::size_t i = 0; i < stations_.size(); ++i) draw_next_processing(stations_[i], line_.stations[i]);
  next_bookkeeping_ = 0;
  calendar_.schedule(bookkeeping_slot_, bookkeeping_.front().time_s, priority_of(bookkeeping_.front().type));
  if (line_.source_kind == SourceKind::Arrivals)
    calendar_.schedule(arrival_slot_, line_.interarrival.sample(arrival_stream_), priority_of(EventType::Arrival));
  for (std::uint32_t m = 0; m < machines_.size(); ++m) find_work(m);
  // Chosen once per replication (the event log, if any, is on from the start).
  return plain_ && !logging_ ? event_loop<true>() : event_loop<false>();
}

template <bool kPlain>
ReplicationResult LineSimulation::event_loop() {
  for (;;) {
    const sim::Event e = calendar_.take();
    now_ = e.time_s;
    events_ += 1.0;
    // Nearly every event is a completion: test that before the switch. On a plain line, a machine's slot
    // only ever holds completions, so the slot number tells, one dependent load before the priority would.
    const bool completion = kPlain ? e.target < first_life_slot_ : e.priority() == priority_of(EventType::Completion);
    if (completion) [[likely]] {
      on_completion<kPlain>(e.target);
      continue;
    }
    const auto type = static_cast<EventType>(e.priority());
    switch (type) {
      case EventType::Completion: break;  // handled above
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

template <bool kPlain>
inline void LineSimulation::on_completion(std::uint32_t m) {
  Machine& x = machines_[m];
  const CompiledStation& s = *x.cs;
  x.operations += 1.0;
  if (!kPlain && s.completion_checks) {
    account_busy(m, now_ - x.busy_start_s);
    completion_checks(m);
    if (s.has_quality && defective(m)) {
      x.defective_operations += 1.0;
      if (s.quality.handling == DefectHandling::Rework) {
        log(EventKind::Rework, m);
        begin_operation(m, x.part_entry_s, s.quality.rework_time_factor);
        return;
      }
      log(EventKind::Scrap, m);
      x.holding = false;
      scrapped_ += 1.0;
      job_depart(x.part_entry_s);
      if (pull_) part_leaves(s, false);
      find_work(m);
      return;
    }
  }
  if (!kPlain) log(EventKind::Complete, m);
  Buffer* out = x.output;
  if (out == nullptr) {
    if (kPlain || s.route == kSink) {
      x.holding = false;
      part_to_sink<kPlain>(x.part_entry_s, m);
      find_work<kPlain>(m);
      return;
    }
    out = &buffers_[s.route_buffers[pick(s.route_cumulative, x.st->routing.uniform())]];  // a split
  }
  x.finished = true;
  if (put<kPlain>(x.part_entry_s, *out, m)) {
    x.holding = false;
    x.finished = false;
    find_work<kPlain>(m);
  }
}

void LineSimulation::on_arrival() {
  arrivals_ += 1.0;
  if (line_.base_stock >= 0) on_demand();
  std::uint32_t b = line_.feed_buffers.front();
  if (line_.feed_buffers.size() > 1) b = line_.feed_buffers[pick(line_.feed_cumulative, source_routing_stream_.uniform())];
  job_enter();
  if (put(now_, buffers_[b], kFromSource)) {
    log(EventKind::Arrival, kFromSource);
  } else {
    wip_.add(now_, -1.0);  // never entered
    arrivals_lost_ += 1.0;
    log(EventKind::ArrivalLost, kFromSource);
  }
  calendar_.schedule(arrival_slot_, now_ + line_.interarrival.sample(arrival_stream_), priority_of(EventType::Arrival));
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

}  // namespace twinlab::twins::production_line
