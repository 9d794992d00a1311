#include "base/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

#include "base/interrupt.hpp"

namespace twinlab::base {

namespace fs = std::filesystem;

namespace {

std::atomic<unsigned long> sibling_counter{0};

fs::path directory_of(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

void write_all(const fs::path& file, std::string_view text) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throw std::runtime_error(std::string("cannot create a temporary file: ") + std::strerror(errno));
  std::size_t written = 0;
  int error = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) throw std::runtime_error(std::strerror(error));
}

}  // namespace

bool sync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0 || (directory && (errno == EINVAL || errno == EBADF));
  ::close(fd);
  return ok;
}

fs::path hidden_sibling(const fs::path& path, std::string_view tag) {
  if (path.filename().empty()) throw std::invalid_argument("hidden_sibling: '" + path.string() + "' names no file");
  const fs::path dir = directory_of(path);
  std::string base(1, '.');  // appended piecewise: GCC 12 warns (-Wrestrict, a false positive) on "." + string
  base += path.filename().native();
  base += '.';
  base.append(tag);
  base += '-';
  base += std::to_string(::getpid());
  for (;;) {
    fs::path candidate = dir / (base + "-" + std::to_string(sibling_counter.fetch_add(1)));
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(candidate, ec))) return candidate;
  }
}

void write_file_atomically(const fs::path& path, const std::function<void(const fs::path&)>& produce) {
  const std::string failure = "cannot write '" + path.string() + "': ";
  if (path.filename().empty()) throw std::runtime_error(failure + "the path names no file");
  std::error_code ec;
  if (!fs::is_directory(directory_of(path), ec))
    throw std::runtime_error(failure + "directory '" + directory_of(path).string() + "' does not exist");
  const fs::path temporary = temporary_sibling(path);
  UnfinishedPath unfinished(temporary);  // removed if the process is interrupted before the rename
  try {
    produce(temporary);
    if (!sync_path(temporary, false))
      throw std::runtime_error(std::string("cannot flush the file: ") + std::strerror(errno));
    if (::rename(temporary.c_str(), path.c_str()) != 0)
      throw std::runtime_error(std::string("cannot rename the temporary file into place: ") + std::strerror(errno));
  } catch (const std::exception& e) {
    fs::remove(temporary, ec);
    throw std::runtime_error(failure + e.what());
  }
  sync_path(directory_of(path), true);
}

void write_text_atomic(const fs::path& path, std::string_view text) {
  write_file_atomically(path, [&](const fs::path& temporary) { write_all(temporary, text); });
}

}  // namespace twinlab::base
