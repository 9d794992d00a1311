#include "scenarios/dispersion/field_spool.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace twinlab::scenarios {

FieldSpool::FieldSpool(std::size_t record_size) : record_size_(record_size) {
  std::string name = (std::filesystem::temp_directory_path() / "twinlab-fields-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the Eulerian fields in " +
                                       std::filesystem::temp_directory_path().string() + ": " + std::strerror(errno));
  path_ = name;
  file_ = ::fdopen(fd, "w+b");
  if (file_ == nullptr) {
    ::close(fd);
    std::filesystem::remove(path_);
    throw std::runtime_error("cannot open " + name + ": " + std::strerror(errno));
  }
}

FieldSpool::~FieldSpool() {
  if (file_ != nullptr) std::fclose(file_);
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

void FieldSpool::append(const double* values) {
  if (std::fseek(file_, 0, SEEK_END) != 0 || std::fwrite(values, sizeof(double), record_size_, file_) != record_size_) {
    throw std::runtime_error("writing the Eulerian fields to " + path_.string() + " failed: " + std::strerror(errno) +
                             " (is the temporary directory full? set TMPDIR)");
  }
  ++records_;
}

void FieldSpool::read(std::size_t index, std::vector<double>& out) const {
  out.resize(record_size_);
  const auto offset = static_cast<long>(index * record_size_ * sizeof(double));
  if (index >= records_ || std::fflush(file_) != 0 || std::fseek(file_, offset, SEEK_SET) != 0 ||
      std::fread(out.data(), sizeof(double), record_size_, file_) != record_size_) {
    throw std::runtime_error("reading record " + std::to_string(index) + " of the Eulerian fields from " +
                             path_.string() + " failed");
  }
}

}  // namespace twinlab::scenarios
