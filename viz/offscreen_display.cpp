#include "viz/offscreen_display.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <X11/Xlib.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

namespace twinlab::viz {
namespace {

// True when the X server named by `name` (nullptr: $DISPLAY) accepts a connection.
bool display_answers(const char* name) {
  Display* display = XOpenDisplay(name);
  if (display == nullptr) return false;
  XCloseDisplay(display);
  return true;
}

pid_t xvfb_pid = -1;

void stop_xvfb() {
  if (xvfb_pid <= 0) return;
  kill(xvfb_pid, SIGTERM);
  waitpid(xvfb_pid, nullptr, 0);
  xvfb_pid = -1;
}

// Starts Xvfb with -displayfd (it picks a free display and writes its number to the pipe) and returns the
// display name (":N"), or throws RenderUnavailable.
std::string start_xvfb() {
  const char* program_env = std::getenv("TWINLAB_XVFB");
  const std::string program = program_env != nullptr && *program_env != '\0' ? program_env : "Xvfb";
  int fds[2];
  if (pipe(fds) != 0) throw RenderUnavailable(std::string("cannot start Xvfb: pipe: ") + std::strerror(errno));
  const pid_t pid = fork();
  if (pid < 0) throw RenderUnavailable(std::string("cannot start Xvfb: fork: ") + std::strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive twinlab, even when it is killed
    const int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, STDIN_FILENO);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
    }
    const std::string fd = std::to_string(fds[1]);
    execlp(program.c_str(), program.c_str(), "-displayfd", fd.c_str(), "-screen", "0", "1920x1200x24", "-nolisten",
           "tcp", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  xvfb_pid = pid;
  std::atexit(stop_xvfb);
  std::string number;
  pollfd wait{fds[0], POLLIN, 0};
  for (;;) {  // Xvfb writes "N\n" once it accepts connections; 20 s covers a loaded machine
    if (poll(&wait, 1, 20000) <= 0) break;
    char c = 0;
    if (read(fds[0], &c, 1) != 1 || c == '\n') break;
    number += c;
  }
  close(fds[0]);
  if (number.empty()) {
    int status = 0;
    const bool exited = waitpid(pid, &status, WNOHANG) == pid;
    if (!exited) stop_xvfb();
    xvfb_pid = -1;
    if (exited && WIFEXITED(status) && WEXITSTATUS(status) == 127)
      throw RenderUnavailable("no display for rendering: $DISPLAY is unset or does not answer and '" + program +
                              "' could not be run; install xvfb (scripts/setup.sh) or set DISPLAY");
    throw RenderUnavailable("no display for rendering: $DISPLAY is unset or does not answer and '" + program +
                            "' did not start; set DISPLAY to a working X server");
  }
  return ":" + number;
}

std::mutex display_mutex;
std::string display_error;  // set once a start failed: later calls fail the same way without retrying
bool display_ready = false;

}  // namespace

void ensure_display() {
  const std::lock_guard<std::mutex> lock(display_mutex);
  if (display_ready) return;
  if (!display_error.empty()) throw RenderUnavailable(display_error);
  const char* current = std::getenv("DISPLAY");
  if (current != nullptr && *current != '\0' && display_answers(nullptr)) {
    display_ready = true;
    return;
  }
  try {
    const std::string name = start_xvfb();
    if (!display_answers(name.c_str()))
      throw RenderUnavailable("no display for rendering: Xvfb started on " + name + " but does not answer");
    setenv("DISPLAY", name.c_str(), 1);
    display_ready = true;
  } catch (const RenderUnavailable& e) {
    display_error = e.what();
    throw;
  }
}

std::string display_problem() {
  try {
    ensure_display();
    return {};
  } catch (const RenderUnavailable& e) {
    return e.what();
  }
}

}  // namespace twinlab::viz
