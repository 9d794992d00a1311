#include "base/interrupt.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <system_error>
#include <thread>
#include <utility>

#include "base/progress.hpp"

namespace twinlab::base {

namespace fs = std::filesystem;

namespace {

// Allocated once and never freed: the watcher thread may use it while static destructors run at exit.
struct State {
  std::mutex mutex;  // guards context, paths, next_id
  std::string context = "twinlab";
  std::map<unsigned long, fs::path> paths;
  unsigned long next_id = 1;
  std::shared_mutex critical;  // shared by deferrals, exclusive for the watcher
};

State& state() {
  static State* s = new State;
  return *s;
}

std::atomic<int> received_signal{0};
int wake_fd = -1;  // write end of the watcher's pipe
std::once_flag installed;

void on_signal(int signal) {
  int none = 0;
  if (!received_signal.compare_exchange_strong(none, signal)) {  // a second signal: stop at once
    std::signal(signal, SIG_DFL);
    std::raise(signal);
    return;
  }
  const int saved = errno;
  const char byte = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_fd, &byte, 1);
  errno = saved;
}

void write_stderr(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void act_on_interrupt(int signal) {
  State& s = state();
  std::unique_lock critical(s.critical);  // wait for open critical sections; none starts after this
  std::size_t removed = 0;
  std::string context;
  {
    std::lock_guard lock(s.mutex);
    context = s.context;
    for (const auto& [id, path] : s.paths) {
      std::error_code ec;
      if (!fs::exists(fs::symlink_status(path, ec))) continue;
      // Another thread may still be writing into it: a few tries empty it for good.
      for (int attempt = 0; attempt < 5 && fs::exists(fs::symlink_status(path, ec)); ++attempt) fs::remove_all(path, ec);
      ++removed;
    }
  }
  std::string line = progress_enabled() ? "\n" : "";
  line += "twinlab: interrupted by " + signal_name(signal) + ": stopped " + context;
  line += removed == 0 ? std::string("; nothing unfinished to remove")
                       : "; removed its unfinished output (" + std::to_string(removed) +
                             (removed == 1 ? " path" : " paths") + ")";
  line += "\n";
  write_stderr(line);
  ::_exit(interrupt_exit_status(signal));
}

void watch(int read_fd) {
  for (;;) {
    char byte = 0;
    const ssize_t n = ::read(read_fd, &byte, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    const int signal = received_signal.load();
    if (signal != 0) act_on_interrupt(signal);
  }
}

}  // namespace

void install_interrupt_handling() {
  std::call_once(installed, [] {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return;  // no watcher: signals keep their default action
    wake_fd = fds[1];
    state();  // allocated before any signal can arrive
    std::thread(watch, fds[0]).detach();
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
  });
}

void set_interrupt_context(std::string what) {
  std::lock_guard lock(state().mutex);
  state().context = std::move(what);
}

int interrupt_signal() { return received_signal.load(); }

std::string signal_name(int signal) {
  if (signal == SIGINT) return "SIGINT";
  if (signal == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal);
}

UnfinishedPath::UnfinishedPath(fs::path path) {
  std::lock_guard lock(state().mutex);
  id_ = state().next_id++;
  state().paths.emplace(id_, std::move(path));
}

UnfinishedPath::UnfinishedPath(UnfinishedPath&& other) noexcept : id_(std::exchange(other.id_, 0)) {}

UnfinishedPath& UnfinishedPath::operator=(UnfinishedPath&& other) noexcept {
  if (this != &other) {
    release();
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

void UnfinishedPath::release() {
  if (id_ == 0) return;
  std::lock_guard lock(state().mutex);
  state().paths.erase(std::exchange(id_, 0));
}

InterruptDeferral::InterruptDeferral() { state().critical.lock_shared(); }
InterruptDeferral::~InterruptDeferral() { state().critical.unlock_shared(); }

}  // namespace twinlab::base
