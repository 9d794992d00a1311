#include "scenarios/production_line/event_export.hpp"

#include <cstdio>

#include "io/event_log.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;
using io::MachineState;

namespace {

struct Track {
  MachineState state = MachineState::Idle;
  double since_s = 0.0;
  MachineState last_up = MachineState::Idle;  // busy, idle or blocked before the machine went down
};

void row(std::string& out, const std::string& station, int machine, MachineState state, double from, double to) {
  char text[160];
  std::snprintf(text, sizeof text, ",%d,%s,%.17g,%.17g\n", machine, io::machine_state_name(state), from, to);
  out += station;
  out += text;
}

}  // namespace

std::string line_event_log_csv(const pl::LineConfig& config, const std::vector<pl::EventRecord>& events, double end_s) {
  std::vector<std::vector<Track>> tracks;
  for (const auto& s : config.stations) tracks.emplace_back(static_cast<std::size_t>(s.machines));
  std::string out = "station,machine,state,start_s,end_s\n";
  const auto change = [&](int station, int machine, MachineState next, double t) {
    Track& x = tracks[static_cast<std::size_t>(station)][static_cast<std::size_t>(machine)];
    if (next == x.state && next != MachineState::Busy) return;
    const bool dropped = t == x.since_s && next == MachineState::Busy &&
                         (x.state == MachineState::Idle || x.state == MachineState::Blocked);
    if (!dropped) row(out, config.stations[static_cast<std::size_t>(station)].name, machine, x.state, x.since_s, t);
    if (x.state == MachineState::Busy || x.state == MachineState::Idle || x.state == MachineState::Blocked)
      x.last_up = x.state;
    x.state = next;
    x.since_s = t;
  };
  for (const auto& e : events) {
    if (e.station < 0 || e.machine < 0 || e.time_s > end_s) continue;
    if (static_cast<std::size_t>(e.station) >= tracks.size()) continue;
    if (static_cast<std::size_t>(e.machine) >= tracks[static_cast<std::size_t>(e.station)].size()) continue;
    const Track& x = tracks[static_cast<std::size_t>(e.station)][static_cast<std::size_t>(e.machine)];
    switch (e.kind) {
      case pl::EventKind::Start: change(e.station, e.machine, MachineState::Busy, e.time_s); break;
      case pl::EventKind::Complete:
      case pl::EventKind::Scrap:
      case pl::EventKind::Rework: change(e.station, e.machine, MachineState::Idle, e.time_s); break;
      case pl::EventKind::Blocked: change(e.station, e.machine, MachineState::Blocked, e.time_s); break;
      case pl::EventKind::Failure: change(e.station, e.machine, MachineState::Down, e.time_s); break;
      case pl::EventKind::RepairStart: change(e.station, e.machine, MachineState::Repair, e.time_s); break;
      case pl::EventKind::MaintenanceStart: change(e.station, e.machine, MachineState::Maintenance, e.time_s); break;
      case pl::EventKind::RepairEnd:
      case pl::EventKind::MaintenanceEnd:
        change(e.station, e.machine, x.last_up == MachineState::Blocked ? MachineState::Blocked : MachineState::Idle,
               e.time_s);
        break;
      default: break;  // arrivals, exits
    }
  }
  for (std::size_t s = 0; s < tracks.size(); ++s)
    for (std::size_t m = 0; m < tracks[s].size(); ++m)
      row(out, config.stations[s].name, static_cast<int>(m), tracks[s][m].state, tracks[s][m].since_s, end_s);
  return out;
}

}  // namespace twinlab::scenarios
