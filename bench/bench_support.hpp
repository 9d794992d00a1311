#pragma once
// Shared by the benchmarks: CPU clocks, and running a Python peer (bench/peers/) in a child process.
#include <cstdio>
#include <ctime>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>

namespace twinlab_bench {

// CPU time of the calling thread, s: unlike wall time it does not count the time other processes hold the
// core (the machine is shared).
inline double thread_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// CPU time of the whole process (all threads), s.
inline double process_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Debian's Python with python3-numpy and python3-simpy (CMake cache TWINLAB_PEER_PYTHON), and the peers.
inline std::string peer_python() { return TWINLAB_PEER_PYTHON; }
inline std::string peer_script(const std::string& name) {
  return std::string(TWINLAB_SOURCE_DIR) + "/bench/peers/" + name;
}

// Runs `python script args...` and returns the numbers of the one line it prints; nullopt (and the reason
// on stderr) when it cannot run or fails.
inline std::optional<std::vector<double>> run_peer(const std::string& script, const std::vector<std::string>& args) {
  std::string command = "'" + peer_python() + "' '" + peer_script(script) + "'";
  for (const std::string& a : args) command += " '" + a + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  if (pclose(pipe) != 0) {
    fmt::print(stderr, "peer failed: {}\n", command);
    return std::nullopt;
  }
  std::istringstream in(output);
  std::vector<double> numbers;
  for (double v; in >> v;) numbers.push_back(v);
  return numbers;
}

}  // namespace twinlab_bench
