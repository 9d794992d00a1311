#pragma once
// Reading a table of runs back, for `twinlab analyze`: a study.h5 written by `twinlab sweep` (group "study",
// dimension `run`, each variable with a `role` and `units`) or a CSV table (header row, one row per run).
// Only scalar columns are read (fields, role "field", are skipped). Errors are base::InputError naming the file
// (and for CSV the line and column): a missing file, a file that is not a study, a row with too few cells.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace twinlab::io {

struct RunColumn {
  std::string name;
  std::string role;                // study.h5: parameter, kpi, meta; CSV: empty
  std::string units;               // study.h5: the `units` attribute; CSV: empty
  std::vector<double> values;      // one per row; NaN where a cell is empty or not a number
  // CSV: the first cell that is not a finite number (line, 1-based column; line 0: none) and its text.
  int bad_line = 0, bad_column = 0;
  std::string bad_text;
};

struct RunTable {
  std::filesystem::path file;
  std::vector<RunColumn> columns;   // in file order
  std::vector<std::string> status;  // per row: study.h5 `status`; CSV a `status` column, else empty
  std::vector<std::int64_t> runs;   // study.h5: the `run` coordinate; CSV: a `run` column, else 0..n-1
  // study.h5 root attributes (empty / 0 for CSV)
  std::string sampler, study_text, shard;
  std::int64_t seed = 0, design_count = 0;

  std::size_t rows() const { return runs.size(); }
  const RunColumn* find(const std::string& name) const;
};

// filetype must be "twinlab-study" and the group "study" present.
RunTable read_study_h5(const std::filesystem::path& path);

// Comma-separated, first line the header; cells may be quoted ("a,b", "" for a quote). Blank lines skipped.
RunTable read_run_csv(const std::filesystem::path& path);

}  // namespace twinlab::io
