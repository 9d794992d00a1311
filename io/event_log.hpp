#pragma once
// An MES-style machine-state log (CSV): one row per interval a machine spent in one state.
//
//   station,machine,state,start_s,end_s
//   weld,0,busy,0,61.2
//   weld,0,down,61.2,61.2
//   weld,0,repair,61.2,950.0
//
// Columns are found by their header name, in any order; other columns are ignored (an MES export carries
// more). `machine` (0-based index within the station) may be left out: machine 0. Times are seconds from
// any fixed origin, '.' as decimal point. States:
//   busy         processing a part
//   idle         up, waiting for a part (starved)
//   blocked      up, holding a finished part its destination cannot take
//   down         failed, waiting for a repair crew
//   repair       failed, a crew at work (a failure with no waiting may go straight to `repair`)
//   maintenance  planned (preventive) maintenance, waiting for or with a crew
// A machine's rows, taken in order of start time, must follow each other without gaps or overlaps (a row
// may last zero seconds: it marks a state passed through at one instant). Lines starting with '#' are
// comments. What the rows mean (operations, lives, repairs) is read in scenarios/, not here.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace twinlab::io {

enum class MachineState { Busy, Idle, Blocked, Down, Repair, Maintenance };
const char* machine_state_name(MachineState state);

struct StateInterval {
  int station = 0;  // index into the station list given to the reader
  int machine = 0;
  MachineState state = MachineState::Idle;
  double start_s = 0.0, end_s = 0.0;
  int line = 0;     // of the file, for messages
};

struct EventLog {
  std::string file;
  // Sorted by station, machine, start, end, line: each machine's rows in time order, contiguous.
  std::vector<StateInterval> intervals;
  double start_s = 0.0, end_s = 0.0;  // earliest start and latest end over all rows
};

// stations: (name, machines) of the scenario. Throws base::InputError at file:line with the column name as
// key for: a missing column, a row whose cell count differs from the header's, an unknown station, a
// machine index out of range, an unknown state, a time that is not a finite number >= 0, end before start,
// and a gap or an overlap between two rows of one machine (naming the other row). Tolerance of "contiguous":
// 1e-6 s plus 1e-12 of the time (rows written with a few decimals of a second still join).
EventLog parse_event_log(const std::string& text, const std::string& file,
                         const std::vector<std::pair<std::string, int>>& stations);
// The same from a file, read through base::read_input_file (a regular file of at most 64 MiB).
EventLog read_event_log(const std::filesystem::path& path, const std::vector<std::pair<std::string, int>>& stations);

}  // namespace twinlab::io
