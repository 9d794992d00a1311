#pragma once
// Ctrl-C (SIGINT) and SIGTERM stop twinlab cleanly: what is unfinished is removed, one line on stderr says what
// was interrupted, and the process exits 128 + signal (130 / 143).
//
// How: the signal handler only records the signal and wakes a watcher thread (the one async-signal-safe way
// to act on it). The watcher waits until no critical section is open (a journal line being appended, a
// commit's renames), removes every registered unfinished path (staging directories, temporary files), prints
// the line and ends the process with _exit. Long loops may poll interrupted() to stop starting new work, but
// need not: the watcher ends the process whatever the other threads are doing. A second signal while the
// watcher works kills at once (the default action).
#include <filesystem>
#include <string>

namespace twinlab::base {

// Installs the handlers and starts the watcher (once per process; later calls do nothing). Until it is
// called, signals keep their default action and the registrations below cost only a lock.
void install_interrupt_handling();

// What the process is doing, for the line printed on interruption: "twinlab: interrupted by SIGINT: stopped
// <what>; removed its unfinished output (1 path)". E.g. "the run of scenario 'factory' (output out/factory)".
void set_interrupt_context(std::string what);

// The signal that arrived (SIGINT or SIGTERM), 0 when none.
int interrupt_signal();
inline bool interrupted() { return interrupt_signal() != 0; }

// The exit status for an interruption by `signal`: 128 + signal.
constexpr int interrupt_exit_status(int signal) { return 128 + signal; }

// "SIGINT", "SIGTERM", else "signal N".
std::string signal_name(int signal);

// Registers `path` to be removed (recursively) if the process is interrupted while this object lives.
class UnfinishedPath {
 public:
  UnfinishedPath() = default;
  explicit UnfinishedPath(std::filesystem::path path);
  ~UnfinishedPath() { release(); }
  UnfinishedPath(const UnfinishedPath&) = delete;
  UnfinishedPath& operator=(const UnfinishedPath&) = delete;
  UnfinishedPath(UnfinishedPath&& other) noexcept;
  UnfinishedPath& operator=(UnfinishedPath&& other) noexcept;
  void release();  // the path is finished (or gone): no longer removed on interruption

 private:
  unsigned long id_ = 0;  // 0: nothing registered
};

// While one lives on any thread, an interruption waits: what it guards is never cut in half.
class InterruptDeferral {
 public:
  InterruptDeferral();
  ~InterruptDeferral();
  InterruptDeferral(const InterruptDeferral&) = delete;
  InterruptDeferral& operator=(const InterruptDeferral&) = delete;
};

}  // namespace twinlab::base
