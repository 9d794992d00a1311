#pragma once
// Atomic output: a file or directory appears under its final name only once it is complete.
// Everything is first written under a hidden temporary name in the same directory (so the final rename(2)
// stays on one file system and is atomic), flushed to disk, then renamed. Failures throw std::runtime_error
// naming the final path; the temporary is removed and whatever had the final name before is left untouched.
#include <filesystem>
#include <string_view>

namespace twinlab::io {

// A name beside `path` that does not exist yet: ".NAME.tmp-PID-COUNTER" in the same directory.
std::filesystem::path temporary_sibling(const std::filesystem::path& path);

// Writes `text` to a temporary sibling, fsyncs it, renames it to `path` and fsyncs the directory.
void write_text_atomic(const std::filesystem::path& path, std::string_view text);

// A directory built under a hidden staging name (".NAME.partial-PID-N" beside the final name) and moved to
// its final name by commit(). If the final directory already exists it is replaced only at commit time
// (old renamed aside, new renamed in, old deleted); until then it is untouched. Destroying an uncommitted
// StagingDirectory removes the staging directory, so an interrupted run never leaves a directory that
// looks finished. Parent directories of the final name are created if missing.
class StagingDirectory {
 public:
  explicit StagingDirectory(std::filesystem::path final_path);
  ~StagingDirectory();
  StagingDirectory(const StagingDirectory&) = delete;
  StagingDirectory& operator=(const StagingDirectory&) = delete;
  StagingDirectory(StagingDirectory&& other) noexcept;
  StagingDirectory& operator=(StagingDirectory&&) = delete;

  const std::filesystem::path& path() const { return staging_; }  // write files here
  const std::filesystem::path& final_path() const { return final_; }
  bool committed() const { return committed_; }

  // Moves the staging directory to the final name. Throws std::runtime_error (the previous final
  // directory, if any, is then restored) or std::logic_error when called twice.
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

}  // namespace twinlab::io
