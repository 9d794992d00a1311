#include "base/output_directory.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <spdlog/spdlog.h>

#include "base/atomic_file.hpp"
#include "base/interrupt.hpp"

namespace twinlab::base {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw std::runtime_error("cannot write '" + path.string() + "': " + what);
}

fs::path directory_of(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

bool is_empty_directory(const fs::path& path) {
  std::error_code ec;
  return fs::is_empty(path, ec) && !ec;
}

std::string first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

// The kernel's id of this boot: a process of an earlier boot is gone whatever its PID.
std::string boot_id() { return first_line("/proc/sys/kernel/random/boot_id"); }

// Field 22 of /proc/PID/stat (start time in clock ticks since boot); "" when there is no such process. The
// command name (field 2) may hold spaces and parentheses: the fields are counted after its last ')'.
std::string process_start_time(long pid) {
  const std::string stat = first_line("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return "";
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int number = 3; number <= 22 && (fields >> field); ++number)
    if (number == 22) return field;
  return "";
}

std::string owner_text() {
  return "pid=" + std::to_string(::getpid()) + " start=" + process_start_time(::getpid()) + " boot=" + boot_id() +
         "\n";
}

// Whether the process that wrote `marker` (owner_text) may still be running: same boot, its PID alive and
// started at the same tick (a reused PID starts later). Unreadable markers count as running.
bool owner_may_be_running(const fs::path& marker) {
  std::istringstream in(first_line(marker));
  std::string pid_field, start_field, boot_field;
  if (!(in >> pid_field >> start_field >> boot_field)) return true;
  if (pid_field.rfind("pid=", 0) != 0 || start_field.rfind("start=", 0) != 0 || boot_field.rfind("boot=", 0) != 0)
    return true;
  if (boot_field.substr(5) != boot_id()) return false;
  long pid = 0;
  try {
    pid = std::stol(pid_field.substr(4));
  } catch (const std::exception&) {
    return true;
  }
  if (pid <= 0) return true;
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return false;
  const std::string start = process_start_time(pid);
  return start.empty() || start == start_field.substr(6);
}

}  // namespace

std::vector<fs::path> remove_stale_staging(const fs::path& final_path) {
  fs::path final = final_path;
  if (final.filename().empty()) final = final.parent_path();
  std::vector<fs::path> removed;
  if (final.filename().empty()) return removed;
  const std::string prefix = "." + final.filename().string() + ".partial-";
  std::error_code ec;
  fs::directory_iterator it(directory_of(final), ec);
  if (ec) return removed;
  for (const auto& entry : it) {
    const fs::path path = entry.path();
    if (path.filename().string().rfind(prefix, 0) != 0) continue;
    if (!entry.is_directory(ec) || entry.is_symlink(ec)) continue;
    const fs::path marker = path / staging_marker_name;
    if (!fs::is_regular_file(fs::symlink_status(marker, ec))) {
      // A run killed between creating its staging directory and marking it leaves it empty: an empty one
      // whose PID (in its name) is gone goes too (rmdir removes nothing else). Others are never touched.
      const std::string rest = path.filename().string().substr(prefix.size());
      const long pid = std::atol(rest.c_str());
      if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH && ::rmdir(path.c_str()) == 0) {
        spdlog::info("removed the empty stale staging directory {} left by a run that was killed", path.string());
        removed.push_back(path);
      }
      continue;
    }
    if (owner_may_be_running(marker)) continue;
    const auto count = fs::remove_all(path, ec);
    if (ec) {
      spdlog::warn("could not remove the stale staging directory {} left by a killed run: {}", path.string(),
                   ec.message());
      continue;
    }
    spdlog::info("removed the stale staging directory {} ({} entries) left by a run that was killed", path.string(),
                 count);
    removed.push_back(path);
  }
  return removed;
}

std::string output_target_problem(const fs::path& final_path, bool overwrite) {
  std::error_code ec;
  const auto status = fs::symlink_status(final_path, ec);
  if (!fs::exists(status)) return "";
  if (!fs::is_directory(status)) return "exists and is not a directory; choose another output directory";
  if (overwrite || is_empty_directory(final_path) || fs::exists(final_path / output_marker_name, ec)) return "";
  return "is a directory that twinlab did not write (it has no " + std::string(output_marker_name) +
         " marker); its files would be lost. Choose another output directory, or pass --overwrite to write "
         "twinlab's files into it and keep the others";
}

StagingDirectory::StagingDirectory(fs::path final_path, bool overwrite)
    : final_(std::move(final_path)), overwrite_(overwrite) {
  if (final_.filename().empty()) final_ = final_.parent_path();  // "out/run/" -> "out/run"
  if (final_.filename().empty() || final_.filename() == "." || final_.filename() == "..")
    fail(final_, "the path names no directory");
  std::error_code ec;
  fs::create_directories(directory_of(final_), ec);
  if (ec) fail(final_, "cannot create its parent directory: " + ec.message());
  remove_stale_staging(final_);
  staging_ = hidden_sibling(final_, "partial");
  unfinished_ = UnfinishedPath(staging_);  // removed if the process is interrupted before commit()
  if (!fs::create_directory(staging_, ec))
    fail(final_, "cannot create the staging directory '" + staging_.string() + "': " + ec.message());
  std::ofstream(staging_ / staging_marker_name) << owner_text();
}

StagingDirectory::StagingDirectory(StagingDirectory&& other) noexcept
    : final_(std::move(other.final_)), staging_(std::move(other.staging_)),
      unfinished_(std::move(other.unfinished_)), overwrite_(other.overwrite_), committed_(other.committed_) {
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
  const InterruptDeferral deferral;  // an interruption waits until the outputs are in place (or not)
  const std::string problem = output_target_problem(final_, overwrite_);
  if (!problem.empty()) fail(final_, problem);
  std::error_code ec;
  const bool foreign = fs::exists(fs::symlink_status(final_, ec)) && !is_empty_directory(final_) &&
                       !fs::exists(final_ / output_marker_name, ec);
  if (foreign)
    merge_into_existing();
  else
    replace_whole();
  committed_ = true;
  unfinished_.release();
  sync_path(directory_of(final_), true);
}

void StagingDirectory::replace_whole() {
  std::error_code ec;
  fs::remove(staging_ / staging_marker_name, ec);
  write_text_atomic(staging_ / output_marker_name,
                    "A twinlab output directory: the next twinlab run into it replaces it whole.\n");
  sync_path(staging_, true);
  if (!fs::exists(fs::symlink_status(final_, ec))) {
    if (::rename(staging_.c_str(), final_.c_str()) != 0)
      fail(final_, "cannot rename the staging directory: " + std::string(std::strerror(errno)));
    return;
  }
  // One atomic exchange where the file system offers it: no moment without a complete final directory, even
  // for a process killed in the middle. The previous results then sit at the staging name and are removed.
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, final_.c_str(), RENAME_EXCHANGE) == 0) {
    committed_ = true;
    fs::remove_all(staging_, ec);
    return;
  }
  const fs::path old = hidden_sibling(final_, "old");
  if (::rename(final_.c_str(), old.c_str()) != 0)
    fail(final_, "cannot move the previous directory aside: " + std::string(std::strerror(errno)));
  if (::rename(staging_.c_str(), final_.c_str()) != 0) {
    const int error = errno;
    ::rename(old.c_str(), final_.c_str());  // put the previous results back
    fail(final_, "cannot rename the staging directory: " + std::string(std::strerror(error)));
  }
  committed_ = true;
  fs::remove_all(old, ec);  // the new directory is in place; a failed clean-up leaves only a hidden ".old"
}

void StagingDirectory::merge_into_existing() {
  // Each entry twinlab wrote replaces the entry of the same name; an entry that is a directory on one side
  // and a file on the other is moved aside first (rename cannot replace one by the other).
  std::error_code ec;
  fs::remove(staging_ / staging_marker_name, ec);
  for (const auto& entry : fs::directory_iterator(staging_)) {
    const fs::path target = final_ / entry.path().filename();
    fs::path aside;
    if (fs::exists(fs::symlink_status(target, ec)) && (fs::is_directory(target) || entry.is_directory())) {
      aside = hidden_sibling(target, "old");
      if (::rename(target.c_str(), aside.c_str()) != 0)
        fail(target, "cannot move the previous entry aside: " + std::string(std::strerror(errno)));
    }
    if (::rename(entry.path().c_str(), target.c_str()) != 0) {
      const int error = errno;
      if (!aside.empty()) ::rename(aside.c_str(), target.c_str());
      fail(target, "cannot move it into place: " + std::string(std::strerror(error)));
    }
    if (!aside.empty()) fs::remove_all(aside, ec);
  }
  sync_path(final_, true);
  fs::remove_all(staging_, ec);
}

}  // namespace twinlab::base
