#pragma once
// A run's output directory, written whole or not at all, and never at the expense of files twinlab did not
// write. The outputs are built in a hidden staging directory (".NAME.partial-PID-N" beside the final name)
// and moved into place by commit(). Every directory twinlab creates this way carries a marker file
// (output_marker_name); only such a directory, or an empty one, is replaced whole by a later run. Any other
// existing directory is refused, unless the user asked to overwrite: then twinlab's own entries are moved
// into it (replacing entries of the same name) and every other file in it is kept.
#include <filesystem>
#include <string>
#include <vector>

#include "base/interrupt.hpp"

namespace twinlab::base {

inline constexpr const char* output_marker_name = ".twinlab-output";
// Inside a staging directory while it is being written: "pid=PID start=TICKS boot=BOOT_ID" of its writer.
inline constexpr const char* staging_marker_name = ".twinlab-staging";

// Removes the staging directories of `final_path` (".NAME.partial-*" beside it) that a killed run left: only
// those holding twinlab's staging marker whose writer is gone (another boot, no such PID, or a PID reused by
// a process that started later). Logs each removal (info) and each failure (warn); returns what was removed.
// The constructor of StagingDirectory calls it.
std::vector<std::filesystem::path> remove_stale_staging(const std::filesystem::path& final_path);

// Why `final_path` cannot receive a run's outputs, or "" when it can: it does not exist, is an empty
// directory, or is a directory twinlab wrote; with `overwrite`, any directory.
std::string output_target_problem(const std::filesystem::path& final_path, bool overwrite);

class StagingDirectory {
 public:
  // Creates the staging directory (and missing parents of the final name). Throws std::runtime_error.
  explicit StagingDirectory(std::filesystem::path final_path, bool overwrite = false);
  ~StagingDirectory();  // an uncommitted staging directory is removed
  StagingDirectory(const StagingDirectory&) = delete;
  StagingDirectory& operator=(const StagingDirectory&) = delete;
  StagingDirectory(StagingDirectory&& other) noexcept;
  StagingDirectory& operator=(StagingDirectory&&) = delete;

  const std::filesystem::path& path() const { return staging_; }  // write files here
  const std::filesystem::path& final_path() const { return final_; }
  bool committed() const { return committed_; }

  // Moves the outputs to the final name. Checks the target again (it may have changed while the run ran).
  // Throws std::runtime_error (the previous final directory, if any, is then as it was) or
  // std::logic_error when called twice.
  void commit();

 private:
  void replace_whole();         // final is absent, empty or twinlab's: staging becomes final
  void merge_into_existing();   // --overwrite of a directory twinlab did not write

  std::filesystem::path final_;
  std::filesystem::path staging_;
  UnfinishedPath unfinished_;  // the staging directory, removed on Ctrl-C / SIGTERM until commit()
  bool overwrite_ = false;
  bool committed_ = false;
};

}  // namespace twinlab::base
