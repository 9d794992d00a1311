#pragma once
// What a machine-state log (io/event_log.hpp) says about each station of a line, read with the line twin's
// semantics (docs/calibrate.md):
//  - an operation is a `busy` row; when a busy row is followed directly by down/repair/maintenance rows
//    and then by another busy row, that busy row resumes the interrupted operation (the twin's rule: an
//    operation interrupted by a failure or a maintenance action resumes after it). Its processing time is
//    the sum of its busy rows; an operation cut by the end of the machine's log is right-censored.
//  - a life runs from a renewal (the end of a repair or of a maintenance action; or the machine's first
//    row, assumed as good as new) to the next failure (an event) or maintenance action or the end of the
//    log (both right-censored). It is measured in up time (busy, idle, blocked) or, for a station whose
//    failure basis is `operation`, in busy time.
//  - a repair runs from the first `repair` row of a failure (or from its `down` row when there is no
//    `repair` row: no wait for a crew) to the end of the failure; cut by the end of the log: censored.
#include <vector>

#include "io/event_log.hpp"
#include "sim/lifetime_fit.hpp"

namespace twinlab::scenarios {

struct StationSamples {
  std::vector<sim::LifetimeObservation> processing_s;
  std::vector<sim::LifetimeObservation> life_s;
  std::vector<sim::LifetimeObservation> repair_s;
  std::vector<double> maintenance_s;  // complete maintenance actions (crew wait included)
  double completed_operations = 0.0;
  double machine_time_s = 0.0;     // sum over machines of their logged span
  double up_time_s = 0.0;          // busy + idle + blocked
  double busy_time_s = 0.0;
  double down_time_s = 0.0;        // down + repair
  double maintenance_time_s = 0.0;
};

// busy_life[s]: station s counts its life in busy time (failure basis `operation`) instead of up time.
std::vector<StationSamples> station_samples(const io::EventLog& log, std::size_t stations,
                                            const std::vector<bool>& busy_life);

}  // namespace twinlab::scenarios
