// Test support shared by the file-writing tests of io/ and viz/: a scratch directory under the build tree,
// reading and writing whole files, running shell commands and Debian's Python, and a file-size limit.
// Header-only; include it from test files only (it uses Catch2 and the macro TWINLAB_BINARY_DIR).
#pragma once

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <iostream>
#include <string>
#include <system_error>

namespace twinlab::test {

// A fresh directory <build>/test-scratch/<prefix>-<name>-<pid>, emptied on creation and removed afterwards.
// The prefix keeps the directories of different test files apart, the pid those of concurrent processes.
class ScratchDir {
 public:
  ScratchDir(const std::string& prefix, const std::string& name)
      : dir(std::filesystem::path(TWINLAB_BINARY_DIR) / "test-scratch" /
            (prefix + "-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // The names (not paths) of the entries directly in `where`, hidden ones included.
  std::set<std::string> entries(const std::filesystem::path& where) const {
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(where)) names.insert(e.path().filename().string());
    return names;
  }
  std::set<std::string> entries() const { return entries(dir); }

  const std::filesystem::path dir;
};

// The whole content of a file, byte for byte (empty if it cannot be opened).
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes `text` as the whole content of a file, byte for byte.
inline void put(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// Runs a command through /bin/sh: its exit code, or -1 if it did not exit normally.
inline int run_shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Debian's own Python, which carries h5py, xarray and VTK as distribution packages.
inline const std::string system_python = "/usr/bin/python3";

// True when the system Python can import `modules` (a comma-separated list, as after `import`).
inline bool system_python_imports(const std::string& modules) {
  return run_shell(system_python + " -c 'import " + modules + "' >/dev/null 2>&1") == 0;
}

// Reports that a test could not run because a tool it needs is missing: prints the marker CTest's
// SKIP_REGULAR_EXPRESSION looks for (tests/CMakeLists.txt), so the entry shows as skipped, not passed.
// The caller returns right after.
inline void skip(const std::string& reason) {
  std::cout << TWINLAB_SKIP_MARKER << " " << reason << std::endl;
}

struct ScriptRun {
  int exit_code;       // as run_shell
  std::string output;  // stdout and stderr together
};

// Writes `source` to <dir>/check.py, runs it with the system Python and `argument` as its one argument, with
// stdout and stderr going to <dir>/python.log.
inline ScriptRun run_python_check(const std::filesystem::path& dir, const std::string& source,
                                  const std::filesystem::path& argument) {
  const std::filesystem::path script = dir / "check.py";
  std::ofstream(script) << source;
  const std::filesystem::path log = dir / "python.log";
  const int rc = run_shell(system_python + " " + script.string() + " " + argument.string() + " >" + log.string() +
                           " 2>&1");
  return {rc, slurp(log)};
}

// Lowers this process's file-size limit (RLIMIT_FSIZE) to `bytes` with SIGXFSZ ignored, so a write(2) beyond it
// fails with EFBIG instead of killing the process; the previous limit and handler come back on destruction.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    REQUIRE(getrlimit(RLIMIT_FSIZE, &saved_) == 0);
    rlimit limited = saved_;
    limited.rlim_cur = bytes;
    old_handler_ = ::signal(SIGXFSZ, SIG_IGN);
    const bool limited_set = setrlimit(RLIMIT_FSIZE, &limited) == 0;
    if (!limited_set) ::signal(SIGXFSZ, old_handler_);  // the destructor does not run when REQUIRE throws here
    REQUIRE(limited_set);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    ::signal(SIGXFSZ, old_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit saved_{};
  void (*old_handler_)(int) = SIG_DFL;
};

}  // namespace twinlab::test
