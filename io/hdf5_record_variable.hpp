#pragma once
// A float64 variable added to a group of an existing results file (one written by write_hdf5), written one
// record at a time (one index of its first dimension, e.g. one output time of a 3-D field), so a variable
// larger than memory streams to disk: memory holds one record and HDF5's chunk cache, never the variable.
//
// The variable follows write_hdf5's layout: float64 little-endian, `units` and `long_name` attributes
// (variable-length UTF-8), the group's dimension scales attached to every axis (the group must already
// hold a coordinate or dimension dataset named after each dimension, with the matching size), chunked
// by record (a record larger than about 1 MiB is split along its next axes), byte-shuffled and
// gzip-4 compressed. xarray (h5netcdf) and h5py read it as they read any other variable.
//
// Records may be written in any order; a record never written reads as NaN (the fill value). close()
// flushes and closes the file and reports a failure; the destructor closes without reporting.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace twinlab::io {

class Hdf5RecordVariable {
 public:
  // Opens `path` read-write and creates group/name with the given dims and shape (shape[0] records).
  // Throws std::runtime_error naming the file, the variable and the reason (a missing dimension, a size
  // that differs from the group's, a variable that exists already, HDF5 failures).
  Hdf5RecordVariable(const std::filesystem::path& path, const std::string& group, const std::string& name,
                     const std::vector<std::string>& dims, const std::vector<std::size_t>& shape,
                     const std::string& units, const std::string& long_name);
  ~Hdf5RecordVariable();
  Hdf5RecordVariable(const Hdf5RecordVariable&) = delete;
  Hdf5RecordVariable& operator=(const Hdf5RecordVariable&) = delete;

  // A further text attribute of the variable (e.g. CF grid_mapping).
  void set_text_attribute(const std::string& name, const std::string& text);

  std::size_t records() const;      // shape[0]
  std::size_t record_size() const;  // product of shape[1:]
  // Writes record `index` < records() from record_size() values. A record holding NaN or +/-Inf is not
  // written: std::runtime_error as io::write_hdf5 refuses results that are not finite (io/finite_check.hpp),
  // naming the variable, the first bad value's time and position and the count in the record:
  // "... so none were written: eulerian/concentration = +Inf at time = 3600 s (z = 5 m, y = 0 m, x = 10 m);
  // 12 such values in 1 variable". (A record never written stays NaN, the fill value.)
  void write(std::size_t index, const double* values);
  void close();

 private:
  std::string non_finite_text(std::size_t index, const double* values) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace twinlab::io
