// base/interrupt: SIGINT / SIGTERM remove unfinished outputs, print one line and exit 128 + signal; a critical
// section is finished first. Each case runs in a forked child (the handlers end the process).
#include "base/interrupt.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <functional>
#include <string>
#include <thread>

#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
namespace base = twinlab::base;
namespace test = twinlab::test;

namespace {

struct Ended {
  int status = -1;  // exit status, -1 when killed by a signal
  std::string stderr_text;
};

// Runs `body` in a child process whose stderr is captured.
Ended in_child(const std::function<void()>& body) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(fds[1], STDERR_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    body();
    ::_exit(0);
  }
  ::close(fds[1]);
  Ended ended;
  char buffer[256];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) ended.stderr_text.append(buffer, n);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ended.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ended;
}

void wait_for_the_end() { std::this_thread::sleep_for(std::chrono::seconds(20)); }

}  // namespace

TEST_CASE("interrupt: SIGTERM removes the unfinished paths, says what stopped and exits 143", "[base][interrupt]") {
  test::ScratchDir s("interrupt", "term");
  const fs::path unfinished = s.dir / ".run.partial-1-0";
  const fs::path finished = s.dir / "run";
  fs::create_directories(unfinished / "vtk");
  fs::create_directories(finished);
  test::put(unfinished / "vtk" / "a.vti", "half");
  test::put(finished / "results.h5", "whole");
  const Ended ended = in_child([&] {
    base::install_interrupt_handling();
    base::set_interrupt_context("the test job");
    base::UnfinishedPath registered(unfinished);
    base::UnfinishedPath released(finished);
    released.release();  // finished: must survive
    std::raise(SIGTERM);
    wait_for_the_end();
  });
  CHECK(ended.status == 143);
  CHECK(ended.stderr_text ==
        "twinlab: interrupted by SIGTERM: stopped the test job; removed its unfinished output (1 path)\n");
  CHECK_FALSE(fs::exists(unfinished));
  CHECK(fs::exists(finished / "results.h5"));
}

TEST_CASE("interrupt: SIGINT waits for an open critical section, then exits 130", "[base][interrupt]") {
  test::ScratchDir s("interrupt", "deferral");
  const fs::path done = s.dir / "line-written";
  const Ended ended = in_child([&] {
    base::install_interrupt_handling();
    {
      const base::InterruptDeferral deferral;
      std::raise(SIGINT);
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the watcher must wait for this section
      if (base::interrupted()) test::put(done, "the whole line");  // the flag is up while the watcher waits
    }
    wait_for_the_end();
  });
  CHECK(ended.status == 130);
  CHECK(fs::exists(done));
  CHECK(ended.stderr_text.find("interrupted by SIGINT: stopped twinlab; nothing unfinished to remove") !=
        std::string::npos);
}

TEST_CASE("interrupt: exit status and signal names", "[base][interrupt]") {
  CHECK(base::interrupt_exit_status(SIGINT) == 130);
  CHECK(base::interrupt_exit_status(SIGTERM) == 143);
  CHECK(base::signal_name(SIGINT) == "SIGINT");
  CHECK(base::signal_name(SIGTERM) == "SIGTERM");
  CHECK_FALSE(base::interrupted());  // this process was never interrupted
}
