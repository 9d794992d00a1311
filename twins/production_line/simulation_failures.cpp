// Failures, wear, quality, repair crews and maintenance.
#include <algorithm>

#include "twins/production_line/simulation_hot_path.hpp"
#include "twins/production_line/wear.hpp"

namespace twinlab::twins::production_line {

namespace {
constexpr auto kRepairEnd = static_cast<std::uint8_t>(EventType::RepairEnd);
constexpr auto kMaintenanceEnd = static_cast<std::uint8_t>(EventType::MaintenanceEnd);
constexpr auto kLifeEnd = static_cast<std::uint8_t>(EventType::LifeEnd);
}  // namespace

// As good as new: wear 0 and a fresh life for the failure basis and the preventive interval.
void LineSimulation::renew(std::uint32_t m) {
  Machine& x = machines_[m];
  const CompiledStation& s = line_.stations[x.station];
  x.wear = 0.0;
  x.fail_pending = x.pm_pending = false;
  switch (s.basis) {
    case FailureBasis::Time:
      calendar_.schedule(x.life_slot, now_ + s.life.sample(x.failure_stream), kLifeEnd);
      break;
    case FailureBasis::Operation: x.busy_life_left_s = s.life.sample(x.failure_stream); break;
    case FailureBasis::Wear: x.wear_at_failure = s.life.sample(x.failure_stream); break;
    case FailureBasis::None: break;
  }
  if (s.policy == MaintenancePolicy::Preventive) x.pm_left_s = s.pm_interval_s;
}

void LineSimulation::account_busy(std::uint32_t m, double elapsed_s) {
  Machine& x = machines_[m];
  const CompiledStation& s = line_.stations[x.station];
  if (s.basis == FailureBasis::Operation) x.busy_life_left_s -= elapsed_s;
  if (s.policy == MaintenancePolicy::Preventive) x.pm_left_s -= elapsed_s;
  if (s.has_wear) x.wear = advance_wear(s.wear, x.wear, elapsed_s);
}

// At the end of an operation: clocks that ran out and wear limits take effect at the next start.
void LineSimulation::completion_checks(std::uint32_t m) {
  Machine& x = machines_[m];
  const CompiledStation& s = line_.stations[x.station];
  if (s.basis == FailureBasis::Operation && x.busy_life_left_s <= 0.0) x.fail_pending = true;
  if (s.basis == FailureBasis::Wear && x.wear >= x.wear_at_failure) x.fail_pending = true;
  if (s.policy == MaintenancePolicy::Preventive && x.pm_left_s <= 0.0) x.pm_pending = true;
  if (s.policy == MaintenancePolicy::ConditionBased && x.wear >= s.wear_threshold) x.pm_pending = true;
}

bool LineSimulation::defective(std::uint32_t m) {
  const Machine& x = machines_[m];
  const QualityConfig& q = line_.stations[x.station].quality;
  const double p = q.defect_probability + q.defect_probability_per_wear * x.wear;
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  return stations_[x.station].quality.uniform() < p;
}

// The machine is up (starved, busy or blocked) and goes down now.
void LineSimulation::go_down(std::uint32_t m, DownReason reason) {
  Machine& x = machines_[m];
  switch (x.state) {
    case MachineState::Busy:
      account_busy(m, now_ - x.busy_start_s);
      x.remaining_s = x.op_end_s - now_;
      calendar_.cancel(m);  // its completion or interruption
      break;
    case MachineState::Starved: {
      auto& idle = stations_[x.station].idle;
      idle.erase(std::find(idle.begin(), idle.end(), m));
      break;
    }
    case MachineState::Blocked: break;  // it keeps its place in the blocked queue; the part may still leave
    default: return;
  }
  enter_down(m, reason);
}

// The machine was about to start an operation (holding its part, remaining_s set) and goes down instead.
void LineSimulation::down_at_start(std::uint32_t m, DownReason reason) { enter_down(m, reason); }

void LineSimulation::enter_down(std::uint32_t m, DownReason reason) {
  Machine& x = machines_[m];
  const CompiledStation& s = line_.stations[x.station];
  if (reason == DownReason::Failure) {
    set_state(m, MachineState::Down);
    x.failures += 1.0;
    x.repair_cost += s.repair_cost;
    log(EventKind::Failure, m);
  } else {
    set_state(m, MachineState::Maintenance);
    x.pm_actions += 1.0;
    x.pm_cost += s.pm_cost;
  }
  x.fail_pending = x.pm_pending = false;
  // A time-based life stops while the machine is down (and restarts at the renewal).
  if (x.life_slot != kNoSlot) calendar_.cancel(x.life_slot);
  request_crew(m);
}

void LineSimulation::request_crew(std::uint32_t m) {
  if (line_.repair_crews == 0) {
    start_crew_job(m);
  } else if (free_crews_ > 0) {
    --free_crews_;
    start_crew_job(m);
  } else {
    crew_queue_.push_back(m);
  }
}

void LineSimulation::start_crew_job(std::uint32_t m) {
  Machine& x = machines_[m];
  const CompiledStation& s = line_.stations[x.station];
  if (x.state == MachineState::Down) {
    calendar_.schedule(m, now_ + s.repair.sample(x.repair_stream), kRepairEnd);
    log(EventKind::RepairStart, m);
  } else {
    calendar_.schedule(m, now_ + s.pm_duration.sample(stations_[x.station].maintenance), kMaintenanceEnd);
    log(EventKind::MaintenanceStart, m);
  }
}

void LineSimulation::on_crew_job_end(std::uint32_t m) {
  Machine& x = machines_[m];
  log(x.state == MachineState::Down ? EventKind::RepairEnd : EventKind::MaintenanceEnd, m);
  if (line_.repair_crews > 0) {
    if (!crew_queue_.empty()) {
      start_crew_job(crew_queue_.pop_front());
    } else {
      ++free_crews_;
    }
  }
  renew(m);
  if (x.holding && x.finished) {
    set_state(m, MachineState::Blocked);  // still queued on its destination buffer
  } else if (x.holding) {
    log(EventKind::Start, m);
    start_busy(m, x.remaining_s);
  } else {
    find_work(m);
  }
}

}  // namespace twinlab::twins::production_line
