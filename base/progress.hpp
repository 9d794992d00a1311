#pragma once
// Progress of one long task on stderr, for people at a terminal: "[eulerian]  42.0 %  elapsed 0:13  ETA 0:18".
// Quiet unless enabled (the CLI enables it when stderr is a terminal and -q was not given), quiet for the
// first ~2 s (a short run prints nothing), redrawn at most 4 times a second, and erased when the task ends,
// so that the results printed afterwards start on a clean line. update() is thread-safe: OpenMP workers
// may report their shares directly.
#include <chrono>
#include <mutex>
#include <string>

namespace twinlab::base {

// Process-wide switch, off by default (library users and tests stay quiet).
void enable_progress(bool enabled);
bool progress_enabled();

class ProgressLine {
 public:
  explicit ProgressLine(std::string label, double quiet_for_s = 2.0);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void update(double fraction_done);  // 0..1
  void finish();                      // erases the line, if one was drawn
  // The task is `total` items (e.g. runs): the line also shows the rate, "12.5 runs/s".
  void count(double total, std::string unit) {
    total_ = total;
    unit_ = std::move(unit);
  }

  // The text drawn for a fraction after elapsed_s seconds (exposed for tests); total > 0 adds the rate.
  static std::string text(const std::string& label, double fraction_done, double elapsed_s, double total = 0.0,
                          const std::string& unit = "");

 private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  double quiet_for_s_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
  bool drawn_ = false, finished_ = false;
  double total_ = 0.0;
  std::string unit_;
  std::mutex mutex_;
};

}  // namespace twinlab::base
