#include "io/event_log.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <cstdio>
#include <tuple>

#include "base/error.hpp"
#include "base/input_file.hpp"
#include "io/csv_rows.hpp"

namespace twinlab::io {

namespace {

constexpr MachineState kStates[] = {MachineState::Busy, MachineState::Idle,   MachineState::Blocked,
                                    MachineState::Down, MachineState::Repair, MachineState::Maintenance};

std::string fmt(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", x);
  return text;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 12; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > 12) out += ", ...";
  return out;
}

}  // namespace

const char* machine_state_name(MachineState state) {
  switch (state) {
    case MachineState::Busy: return "busy";
    case MachineState::Idle: return "idle";
    case MachineState::Blocked: return "blocked";
    case MachineState::Down: return "down";
    case MachineState::Repair: return "repair";
    case MachineState::Maintenance: return "maintenance";
  }
  return "?";
}

EventLog parse_event_log(const std::string& text, const std::string& file,
                         const std::vector<std::pair<std::string, int>>& stations) {
  const std::vector<CsvRow> rows = split_csv_rows(text, file);
  if (rows.empty()) throw base::InputError({file, 1, 0, ""}, "the event log is empty; it needs a header row "
                                                             "station,machine,state,start_s,end_s and one row per state interval");
  const CsvRow& header = rows.front();
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    if (!column.emplace(header.cells[i], i).second && !header.cells[i].empty())
      throw base::InputError({file, header.line, 0, header.cells[i]}, "the column appears twice in the header; keep one");
  }
  const auto need = [&](const char* name) {
    const auto it = column.find(name);
    if (it == column.end())
      throw base::InputError({file, header.line, 0, name},
                             "the header has no column '" + std::string(name) +
                                 "'; an event log needs station, state, start_s and end_s (machine is optional)");
    return it->second;
  };
  const std::size_t c_station = need("station"), c_state = need("state"), c_start = need("start_s"),
                    c_end = need("end_s");
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  const std::size_t c_machine = column.count("machine") ? column.at("machine") : kNone;
  if (rows.size() == 1)
    throw base::InputError({file, header.line, 0, ""}, "the event log has a header but no rows; add the state intervals");

  std::vector<std::string> names;
  for (const auto& s : stations) names.push_back(s.first);
  // The 1-based column of a key's cell (CSV column number), 0 when the key is not a column.
  const auto cell_column = [&](const std::string& key) {
    const auto it = column.find(key);
    return it == column.end() ? 0 : static_cast<int>(it->second) + 1;
  };

  EventLog log;
  log.file = file;
  log.start_s = std::numeric_limits<double>::infinity();
  log.end_s = -std::numeric_limits<double>::infinity();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    const auto fail = [&](const std::string& key, const std::string& message) -> void {
      throw base::InputError({file, row.line, cell_column(key), key}, message);
    };
    if (row.cells.size() != header.cells.size())
      fail("", "the row has " + std::to_string(row.cells.size()) + " cells but the header " +
                   std::to_string(header.cells.size()) +
                   "; write one cell per column ('.' as decimal point, quote cells holding commas)");
    StateInterval x;
    x.line = row.line;
    const std::string& station = row.cells[c_station];
    const auto it = std::find(names.begin(), names.end(), station);
    if (it == names.end())
      fail("station", "unknown station '" + station + "'; the scenario's stations are " + quoted_list(names));
    x.station = static_cast<int>(it - names.begin());
    if (c_machine != kNone) {
      const std::string& m = row.cells[c_machine];
      double v = 0.0;
      const int machines = stations[static_cast<std::size_t>(x.station)].second;
      if (!parse_csv_number(m, v) || v != std::floor(v) || v < 0.0 || v >= machines)
        fail("machine", "machine must be a whole number from 0 to " + std::to_string(machines - 1) + " (station '" +
                            station + "' has " + std::to_string(machines) + " machine(s); got '" + m + "')");
      x.machine = static_cast<int>(v);
    }
    const std::string& state = row.cells[c_state];
    bool known = false;
    for (const MachineState s : kStates)
      if (state == machine_state_name(s)) x.state = s, known = true;
    if (!known)
      fail("state", "unknown state '" + state + "'; use busy, idle, blocked, down, repair or maintenance");
    for (const auto& [key, index, target] : {std::tuple{"start_s", c_start, &x.start_s}, std::tuple{"end_s", c_end, &x.end_s}}) {
      const std::string& cell = row.cells[index];
      if (!parse_csv_number(cell, *target) || *target < 0.0)
        fail(key, "must be a finite number of seconds >= 0 with '.' as decimal point (got '" + cell + "')");
    }
    if (x.end_s < x.start_s)
      fail("end_s", "ends before it starts (start_s " + fmt(x.start_s) + ", end_s " + fmt(x.end_s) + "); swap them");
    log.start_s = std::min(log.start_s, x.start_s);
    log.end_s = std::max(log.end_s, x.end_s);
    log.intervals.push_back(x);
  }

  auto& v = log.intervals;
  std::sort(v.begin(), v.end(), [](const StateInterval& a, const StateInterval& b) {
    if (a.station != b.station) return a.station < b.station;
    if (a.machine != b.machine) return a.machine < b.machine;
    if (a.start_s != b.start_s) return a.start_s < b.start_s;
    if (a.end_s != b.end_s) return a.end_s < b.end_s;
    return a.line < b.line;
  });
  for (std::size_t i = 1; i < v.size(); ++i) {
    const StateInterval &a = v[i - 1], &b = v[i];
    if (a.station != b.station || a.machine != b.machine) continue;
    const double tol = 1e-6 + 1e-12 * std::abs(a.end_s);
    const std::string who = "machine " + std::to_string(b.machine) + " of station '" + names[b.station] + "'";
    if (b.start_s < a.end_s - tol)
      throw base::InputError({file, b.line, cell_column("start_s"), "start_s"},
                             "overlapping states: " + who + " is '" + machine_state_name(b.state) + "' from " +
                                 fmt(b.start_s) + " s but still '" + machine_state_name(a.state) + "' until " +
                                 fmt(a.end_s) + " s (line " + std::to_string(a.line) +
                                 "); a machine is in one state at a time");
    if (b.start_s > a.end_s + tol)
      throw base::InputError({file, b.line, cell_column("start_s"), "start_s"},
                             "gap in the log: " + who + " has no state from " + fmt(a.end_s) + " s (end of line " +
                                 std::to_string(a.line) + ") to " + fmt(b.start_s) +
                                 " s; add the missing interval (a machine's rows must follow each other)");
  }
  return log;
}

EventLog read_event_log(const std::filesystem::path& path, const std::vector<std::pair<std::string, int>>& stations) {
  return parse_event_log(base::read_input_file(path, "event log", "name a .csv file"), path.string(), stations);
}

}  // namespace twinlab::io
