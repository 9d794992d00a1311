#pragma once
// The append-only journal of a sweep (DIR/journal.jsonl): one JSON line per finished run, each written with a
// single write(2) and flushed to disk (fdatasync) before the next run is counted, so a sweep killed at any
// moment (SIGKILL included) loses at most the runs in flight. HDF5 files are not crash-safe while open:
// study.h5 is built from the journal, atomically, at the end. A torn last line (a kill mid-write) is dropped
// when the journal is opened again.
//
//   {"type":"header", "filetype":"twinlab-journal", ... study name, hash, text, parameters, count, shard}
//   {"type":"outputs", "kpis":[...], "units":[...], "fields":[{name, unit, dims, shape}]}   (after the 1st run)
//   {"type":"run", "run":17, "status":"ok", "message":"", "seed":1, "wall_time_s":0.01,
//    "parameters":[...], "kpis":[...], "fields":[[...]]}
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace twinlab::scenarios {

struct JournalHeader {
  std::string study_name, study_hash, study_text, scenario_text, sampler, twin;
  std::uint64_t seed = 0;
  std::size_t count = 0;                      // runs in the whole design
  int shard_index = 1, shard_count = 1;       // this journal holds the runs with run % count == index - 1
  std::vector<std::string> parameter_names, parameter_units;
};

struct FieldShape {
  std::string name, unit;
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
};

struct JournalOutputs {
  std::vector<std::string> kpi_names, kpi_units;
  std::vector<FieldShape> fields;
  bool known() const { return !kpi_names.empty() || !fields.empty(); }
};

struct RunRecord {
  std::size_t run = 0;
  std::string status;  // "ok" or "failed"
  std::string message;
  std::uint64_t seed = 0;
  double wall_time_s = 0.0;
  std::vector<double> parameters;           // header order
  std::vector<double> kpis;                 // outputs order; NaN for a failed run
  std::vector<std::vector<double>> fields;  // outputs order; empty for a failed run
};

// The JSON text of one run record and of the outputs line (also what MPI workers send their manager).
std::string record_text(const RunRecord& record);
RunRecord parse_record_text(const std::string& text);
std::string outputs_text(const JournalOutputs& outputs);
JournalOutputs parse_outputs_text(const std::string& text);

class Journal {
 public:
  // A new journal at `path` (which must not exist).
  static Journal create(const std::filesystem::path& path, const JournalHeader& header);
  // An existing journal, read back. Throws base::InputError naming the file when it is not a twinlab journal
  // or is damaged before its last line. A torn last line is dropped: cut off the file when `for_append`, merely
  // ignored otherwise (read-only use, e.g. merge).
  static Journal open(const std::filesystem::path& path, bool for_append = true);

  Journal(Journal&&) noexcept;
  ~Journal();

  const JournalHeader& header() const { return header_; }
  const JournalOutputs& outputs() const { return outputs_; }
  const std::vector<RunRecord>& records() const { return records_; }

  // Thread-safe. The outputs line is written once, before the first run line.
  void set_outputs(const JournalOutputs& outputs);
  void append(const RunRecord& record);

 private:
  Journal() = default;
  void write_line(const std::string& line);

  std::filesystem::path path_;
  int fd_ = -1;
  JournalHeader header_;
  JournalOutputs outputs_;
  std::vector<RunRecord> records_;
  std::mutex mutex_;
};

}  // namespace twinlab::scenarios
