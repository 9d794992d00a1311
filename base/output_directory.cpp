#include "base/output_directory.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "base/atomic_file.hpp"

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

}  // namespace

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
  staging_ = hidden_sibling(final_, "partial");
  if (!fs::create_directory(staging_, ec))
    fail(final_, "cannot create the staging directory '" + staging_.string() + "': " + ec.message());
}

StagingDirectory::StagingDirectory(StagingDirectory&& other) noexcept
    : final_(std::move(other.final_)), staging_(std::move(other.staging_)), overwrite_(other.overwrite_),
      committed_(other.committed_) {
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
  sync_path(directory_of(final_), true);
}

void StagingDirectory::replace_whole() {
  write_text_atomic(staging_ / output_marker_name,
                    "A twinlab output directory: the next twinlab run into it replaces it whole.\n");
  sync_path(staging_, true);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(final_, ec))) {
    if (::rename(staging_.c_str(), final_.c_str()) != 0)
      fail(final_, "cannot rename the staging directory: " + std::string(std::strerror(errno)));
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
