#include "scenarios/production_line/event_samples.hpp"

namespace twinlab::scenarios {

namespace {

using io::MachineState;

bool is_up(MachineState s) { return s == MachineState::Busy || s == MachineState::Idle || s == MachineState::Blocked; }
bool is_failed(MachineState s) { return s == MachineState::Down || s == MachineState::Repair; }

// One machine's rows [first, last), contiguous and in time order.
void read_machine(const std::vector<io::StateInterval>& v, std::size_t first, std::size_t last, bool busy_life,
                  StationSamples& out) {
  out.machine_time_s += v[last - 1].end_s - v[first].start_s;
  double life = 0.0;
  bool living = is_up(v[first].state);  // as good as new at its first row
  double operation = 0.0;
  bool in_operation = false;            // an operation started and not yet completed
  bool interrupted = false;             // its last busy row was followed by down/repair/maintenance only
  std::size_t i = first;
  while (i < last) {
    const io::StateInterval& x = v[i];
    const double d = x.end_s - x.start_s;
    if (is_up(x.state)) {
      if (!living) life = 0.0, living = true;
      life += busy_life && x.state != MachineState::Busy ? 0.0 : d;
      out.up_time_s += d;
      if (x.state == MachineState::Busy) {
        out.busy_time_s += d;
        if (!(in_operation && interrupted)) operation = 0.0;  // a new operation
        operation += d;
        in_operation = true;
        interrupted = false;
        const bool followed = i + 1 < last;
        const bool continues_after = followed && !is_up(v[i + 1].state);
        if (!followed) {
          if (operation > 0.0) out.processing_s.push_back({operation, false});
          in_operation = false;
        } else if (!continues_after) {
          if (operation > 0.0) out.processing_s.push_back({operation, true});
          out.completed_operations += 1.0;
          in_operation = false;
        } else {
          interrupted = true;
        }
      } else if (in_operation) {  // idle or blocked after an interruption: the operation did not resume
        if (operation > 0.0) out.processing_s.push_back({operation, true});
        out.completed_operations += 1.0;
        in_operation = interrupted = false;
      }
      ++i;
      continue;
    }
    // A failure (down/repair rows) or a maintenance action (maintenance rows): one episode.
    const bool failure = is_failed(x.state);
    if (living && life > 0.0) out.life_s.push_back({life, failure});
    living = false;
    double repair_start = x.start_s;
    bool repairing = x.state == MachineState::Repair;
    std::size_t j = i;
    while (j < last && (failure ? is_failed(v[j].state) : v[j].state == MachineState::Maintenance)) {
      if (!repairing && v[j].state == MachineState::Repair) repairing = true, repair_start = v[j].start_s;
      (failure ? out.down_time_s : out.maintenance_time_s) += v[j].end_s - v[j].start_s;
      ++j;
    }
    const double end = v[j - 1].end_s;
    const bool complete = j < last;  // ended by a later row, not by the end of the log
    if (failure) {
      if (end - repair_start > 0.0) out.repair_s.push_back({end - repair_start, complete});
    } else if (complete) {
      out.maintenance_s.push_back(end - x.start_s);
    }
    if (!complete && in_operation) {  // the log ends during an interruption: the operation is censored
      if (operation > 0.0) out.processing_s.push_back({operation, false});
      in_operation = false;
    }
    life = 0.0;  // renewed at the end of the episode
    i = j;
  }
  if (living && life > 0.0) out.life_s.push_back({life, false});
}

}  // namespace

std::vector<StationSamples> station_samples(const io::EventLog& log, std::size_t stations,
                                            const std::vector<bool>& busy_life) {
  std::vector<StationSamples> out(stations);
  const auto& v = log.intervals;
  std::size_t first = 0;
  while (first < v.size()) {
    std::size_t last = first + 1;
    while (last < v.size() && v[last].station == v[first].station && v[last].machine == v[first].machine) ++last;
    const auto s = static_cast<std::size_t>(v[first].station);
    read_machine(v, first, last, s < busy_life.size() && busy_life[s], out[s]);
    first = last;
  }
  return out;
}

}  // namespace twinlab::scenarios
