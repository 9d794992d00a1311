#pragma once
// A few runs of a study's design with the physics twin, outside a sweep: no journal, no study.h5, results
// returned in memory (in the order asked). For `sweep --surrogate --verify` and `train --active`.
#include <cstddef>
#include <vector>

#include "scenarios/study/journal.hpp"
#include "scenarios/study/study_file.hpp"

namespace twinlab::scenarios {

struct PointRuns {
  std::vector<RunRecord> records;  // one per run asked, same order; status "ok" or "failed" (with a message)
  JournalOutputs outputs;          // the KPI names and units of the successful runs (empty if none succeeded)
};

// Runs design runs `runs` on `workers` threads (each run single-threaded, as a sweep does).
PointRuns run_study_points(const StudySpec& spec, const StudyDesign& design, const std::vector<std::size_t>& runs,
                           int workers);

}  // namespace twinlab::scenarios
