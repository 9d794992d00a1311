#pragma once
// Where the Eulerian model's stored fields wait between the run and the writing of the outputs (whose
// directory is known only then): a temporary file of fixed-size float64 records, appended as the model
// produces them and read back one at a time, so neither the run nor the writing holds more than one
// field in memory. The file lives in the system's temporary directory (TMPDIR) and is removed when the
// spool is destroyed.
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace twinlab::scenarios {

class FieldSpool {
 public:
  explicit FieldSpool(std::size_t record_size);  // values per record; throws std::runtime_error
  ~FieldSpool();
  FieldSpool(const FieldSpool&) = delete;
  FieldSpool& operator=(const FieldSpool&) = delete;

  std::size_t record_size() const { return record_size_; }
  std::size_t records() const { return records_; }
  void append(const double* values);                      // record_size() values
  void read(std::size_t index, std::vector<double>& out) const;  // resized to record_size()

 private:
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::size_t record_size_ = 0, records_ = 0;
};

}  // namespace twinlab::scenarios
