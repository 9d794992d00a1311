#include "io/hdf5_check.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>

#include "base/error.hpp"
#include "io/hdf5_handle.hpp"

namespace twinlab::io {

namespace fs = std::filesystem;

namespace {

constexpr int exit_damaged = 3;                 // the child's status when HDF5 reported an error
constexpr std::size_t message_limit = 2000;     // bytes of the child's message kept
constexpr double base_time_limit_s = 10.0;      // for the child to read a file (ms for KB), plus:
constexpr double read_rate_bytes_s = 20.0e6;    // a slow disk's rate, for large files
// Values a file may claim per byte of its size: gzip reaches ~1000:1 on constant data; beyond that (and
// beyond a floor for small files) the sizes are damaged, and reading them would only produce fill values.
constexpr std::uint64_t value_bytes_per_file_byte = 2000;
constexpr std::uint64_t value_bytes_floor = 256ull << 20;

std::mutex checked_mutex;
std::set<std::string> checked;  // "path|size|mtime" of files already read whole by a child

std::string signal_text(int signal) {
  const char* name = ::strsignal(signal);
  return std::string(name ? name : "signal") + " (signal " + std::to_string(signal) + ")";
}

[[noreturn]] void child(const fs::path& path, std::uint64_t max_value_bytes, int message_fd) {
  std::signal(SIGINT, SIG_DFL);  // the parent handles interruptions; the child just ends with it
  std::signal(SIGTERM, SIG_DFL);
  // What libc or libhdf5 print while they crash ("malloc assertion failure ...") is not for the user: the
  // parent says in one line that the file is damaged.
  const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null >= 0) ::dup2(null, STDERR_FILENO);
  std::string message;
  try {
    detail::Hid file = detail::open_file_unchecked(path);
    detail::read_everything(file.get(), max_value_bytes);
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
    message = "unknown error";
  }
  if (message.empty()) ::_exit(0);
  message.resize(std::min(message.size(), message_limit));
  std::size_t done = 0;
  while (done < message.size()) {
    const ssize_t n = ::write(message_fd, message.data() + done, message.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::_exit(exit_damaged);
}

}  // namespace

void check_hdf5_readable(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  H5Eclear2(H5E_DEFAULT);
  if (is_hdf5 <= 0) return;
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  const std::string key = (ec ? path : absolute).string() + "|" + std::to_string(st.st_size) + "|" +
                          std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  {
    std::lock_guard lock(checked_mutex);
    if (checked.count(key)) return;
  }
  const auto file_bytes = static_cast<std::uint64_t>(st.st_size);
  const std::uint64_t max_value_bytes = value_bytes_floor + value_bytes_per_file_byte * file_bytes;
  const base::InputLocation where{path.string(), 0, 0, ""};

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error("cannot check '" + path.string() + "': pipe: " + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error("cannot check '" + path.string() + "': fork: " + std::strerror(error));
  }
  if (pid == 0) {
    ::close(fds[0]);
    child(path, max_value_bytes, fds[1]);
  }
  ::close(fds[1]);

  // Read the child's message until it closes the pipe (it ends), or until the time is up.
  const double limit_s = base_time_limit_s + static_cast<double>(file_bytes) / read_rate_bytes_s;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit_s);
  std::string message;
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char buffer[512];
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (message.size() < message_limit) message.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out)
    throw base::InputError(where, "file is damaged: reading it did not finish within " +
                                      std::to_string(static_cast<long long>(limit_s)) + " s");
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    if (signal == SIGINT || signal == SIGTERM || signal == SIGKILL)
      throw std::runtime_error("checking '" + path.string() + "' was stopped by " + signal_text(signal));
    throw base::InputError(where, "file is damaged: reading it crashes the HDF5 library (" + signal_text(signal) +
                                      "); it was not read");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == exit_damaged)
    throw base::InputError(where, "file is damaged: " + message);
  // The child only reads the file and leaves by _exit(0 or exit_damaged); any other end is libhdf5 or a
  // sanitizer (whose report, e.g. ASan's heap-buffer-overflow in H5HG_read, ends the process with exit 1)
  // stopping it while it read the file.
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw base::InputError(where, "file is damaged: reading it stopped the checking process (exit status " +
                                      std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : status) +
                                      "); it was not read");
  std::lock_guard lock(checked_mutex);
  checked.insert(key);
}

void forget_checked_hdf5_files() {
  std::lock_guard lock(checked_mutex);
  checked.clear();
}

}  // namespace twinlab::io
