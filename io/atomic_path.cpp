#include "io/atomic_path.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace twinlab::io {

namespace fs = std::filesystem;

namespace {

std::atomic<unsigned long> sibling_counter{0};

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw std::runtime_error("cannot write '" + path.string() + "': " + what);
}

std::string errno_text(int error) { return std::strerror(error); }

fs::path directory_of(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// fsync of a file or directory by name; best effort for directories on file systems that refuse it.
bool sync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0 || (directory && (errno == EINVAL || errno == EBADF));
  ::close(fd);
  return ok;
}

// ".NAME.TAG-PID-COUNTER" beside `path`, not existing yet.
fs::path hidden_sibling(const fs::path& path, std::string_view tag) {
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

// Moves a complete temporary onto `path` and fsyncs it and the directory; removes it on failure.
void commit_temporary(const fs::path& temporary, const fs::path& path) {
  std::error_code ec;
  if (!sync_path(temporary, false)) {
    const int error = errno;
    fs::remove(temporary, ec);
    fail(path, "cannot flush the temporary file: " + errno_text(error));
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    fs::remove(temporary, ec);
    fail(path, "cannot rename the temporary file into place: " + errno_text(error));
  }
  sync_path(directory_of(path), true);
}

}  // namespace

fs::path temporary_sibling(const fs::path& path) {
  if (path.filename().empty()) throw std::invalid_argument("temporary_sibling: '" + path.string() + "' names no file");
  return hidden_sibling(path, "tmp");
}

void write_text_atomic(const fs::path& path, std::string_view text) {
  if (path.filename().empty()) fail(path, "the path names no file");
  const fs::path temporary = temporary_sibling(path);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    fail(path, "cannot create a temporary file in '" + directory_of(path).string() + "': " + errno_text(errno));
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
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    std::error_code ec;
    fs::remove(temporary, ec);
    fail(path, errno_text(error));
  }
  commit_temporary(temporary, path);
}

StagingDirectory::StagingDirectory(fs::path final_path) : final_(std::move(final_path)) {
  if (final_.filename().empty()) final_ = final_.parent_path();  // "out/run/" -> "out/run"
  if (final_.filename().empty()) fail(final_, "the path names no directory");
  std::error_code ec;
  fs::create_directories(directory_of(final_), ec);
  if (ec) fail(final_, "cannot create its parent directory: " + ec.message());
  staging_ = hidden_sibling(final_, "partial");
  if (!fs::create_directory(staging_, ec)) {
    fail(final_, "cannot create the staging directory '" + staging_.string() + "': " + ec.message());
  }
}

StagingDirectory::StagingDirectory(StagingDirectory&& other) noexcept
    : final_(std::move(other.final_)), staging_(std::move(other.staging_)), committed_(other.committed_) {
  other.committed_ = true;  // the moved-from object owns nothing and must not remove anything
  other.staging_.clear();
}

StagingDirectory::~StagingDirectory() {
  if (committed_ || staging_.empty()) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);  // nothing to report from a destructor; a leftover is hidden and marked partial
}

void StagingDirectory::commit() {
  if (committed_) throw std::logic_error("StagingDirectory::commit called twice for '" + final_.string() + "'");
  sync_path(staging_, true);
  std::error_code ec;
  const auto final_status = fs::symlink_status(final_, ec);
  if (!fs::exists(final_status)) {
    if (::rename(staging_.c_str(), final_.c_str()) != 0)
      fail(final_, "cannot rename the staging directory: " + errno_text(errno));
  } else {
    if (!fs::is_directory(final_status)) fail(final_, "it exists and is not a directory; not replacing it");
    const fs::path old = hidden_sibling(final_, "old");
    if (::rename(final_.c_str(), old.c_str()) != 0) {
      fail(final_, "cannot move the previous directory aside: " + errno_text(errno));
    }
    if (::rename(staging_.c_str(), final_.c_str()) != 0) {
      const int error = errno;
      ::rename(old.c_str(), final_.c_str());  // put the previous results back
      fail(final_, "cannot rename the staging directory: " + errno_text(error));
    }
    committed_ = true;
    fs::remove_all(old, ec);  // the new directory is in place; a failed clean-up leaves only a hidden ".old"
  }
  committed_ = true;
  sync_path(directory_of(final_), true);
}

}  // namespace twinlab::io
