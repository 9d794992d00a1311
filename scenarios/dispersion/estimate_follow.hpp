#pragma once
// `twinlab estimate --follow`: the observations file is read again as rows are appended to it, and each
// period's estimate is updated by the Kalman form of the same inversion (sim/gaussian_inversion.hpp
// kalman_update, one observation at a time), one line per update on `out`. A flat prior (a source whose
// scenario rate is 0) is started as N(0, (1000 kg/s)^2) here, since a Kalman state needs a finite covariance.
// Only complete lines (ending with a newline) are read; rows already read must not change. It stops when a
// row at or after the end of the run has been read, when no row has been appended for idle_timeout_s, or on
// Ctrl-C; the estimate is then the batch one of every row read (identical up to rounding).
#include <filesystem>
#include <ostream>

#include "scenarios/dispersion/estimation.hpp"

namespace twinlab::scenarios {

struct FollowSettings {
  double poll_s = 1.0;
  double idle_timeout_s = 60.0;
};

// run: prepared (prepare_estimation) from the rows present at the start. On return run.observations and
// run.table hold every row read and the batch estimate is solved.
void follow_estimation(EstimationRun& run, const std::filesystem::path& observations, const FollowSettings& settings,
                       std::ostream& out);

inline constexpr double kFollowFlatPriorSd_kg_s = 1000.0;

}  // namespace twinlab::scenarios
