#pragma once
// The table of a sweep, one row per run, built from its journal: study.h5 (group "study", dimension `run`;
// every parameter, KPI, status and meta column a variable with `units` and a `role` attribute: parameter,
// kpi, field, status or meta; kept fields as (run, ...) arrays) and study.csv (the scalars).
//   xr.open_dataset("study.h5", engine="h5netcdf", group="study").to_dataframe()
#include <string>
#include <vector>

#include "io/dataset.hpp"
#include "scenarios/study/journal.hpp"

namespace twinlab::scenarios {

// The rows: every run of the journal's share of the design (run % shard_count == shard_index - 1), in run
// order, from the records (a run without a record has status "missing"). A run recorded twice (a resumed
// sweep never does that) keeps its first record.
struct StudyTable {
  JournalHeader header;
  JournalOutputs outputs;
  std::vector<std::size_t> runs;
  std::vector<const RunRecord*> rows;  // nullptr: missing
};

StudyTable study_table(const JournalHeader& header, const JournalOutputs& outputs,
                       const std::vector<RunRecord>& records);

io::Dataset study_dataset(const StudyTable& table);
std::string study_csv(const StudyTable& table);

}  // namespace twinlab::scenarios
