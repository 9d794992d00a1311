#pragma once
// The line twin's event log (replication 0, twins/production_line/results.hpp) written as the machine-state
// log that `twinlab calibrate` reads (io/event_log.hpp): one row per interval a machine spent in one state,
// so that logs with known parameters come from the twin itself. Translation of the twin's events:
//   Start -> busy; Complete, Scrap, Rework -> idle; Blocked -> blocked; Failure -> down;
//   RepairStart -> repair; MaintenanceStart -> maintenance; RepairEnd, MaintenanceEnd -> idle (blocked when
//   the machine was blocked before; a Start at the same instant follows).
// Zero-length idle rows directly before a busy row are left out (busy after busy is a new operation anyway).
// Limits of the twin's log: it does not mark the release of a blocked machine (the time until its next
// start counts as blocked) nor the wait of a maintenance action for a crew (counted in the state before):
// with unlimited crews (`repair_crews: 0`, the default) the second never happens. Shifts are not marked.
#include <string>
#include <vector>

#include "twins/production_line/config.hpp"
#include "twins/production_line/results.hpp"

namespace twinlab::scenarios {

// end_s: the end of the logged span (the replication's end, or the last event when the log was cut at
// event_log_max).
std::string line_event_log_csv(const twins::production_line::LineConfig& config,
                               const std::vector<twins::production_line::EventRecord>& events, double end_s);

}  // namespace twinlab::scenarios
