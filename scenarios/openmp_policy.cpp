#include "scenarios/openmp_policy.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

#include <omp.h>
#include <sched.h>
#include <unistd.h>

namespace twinlab::scenarios {

namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::optional<std::string>(v) : std::nullopt;
}

int usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1L, sysconf(_SC_NPROCESSORS_ONLN));
}

// Other processes' demand for CPUs, from /proc/loadavg "L1 L5 L15 R/T ...": the smaller of the runnable
// tasks right now less this one (R - 1; a burst of short tasks inflates it) and the one-minute load average
// rounded (it lags: a machine that just became busy still looks quiet). 0 when unknown.
int busy_cpus_elsewhere() {
  std::ifstream in("/proc/loadavg");
  double one_minute = 0.0, five, fifteen;
  int runnable = 1;
  char slash;
  if (!(in >> one_minute >> five >> fifteen >> runnable >> slash)) return 0;
  return std::max(0, std::min(runnable - 1, static_cast<int>(one_minute + 0.5)));
}

}  // namespace

int threads_for_load(int usable, int busy_elsewhere) {
  return std::clamp(usable - std::max(0, busy_elsewhere), 1, std::max(1, usable));
}

OpenMpDecision decide_openmp_policy(const OpenMpEnvironment& e, int usable, int busy_elsewhere) {
  OpenMpDecision d;
  d.reexec_with_passive_wait = !e.wait_policy && !e.spin_count && !e.reexec_marker;
  if (!e.num_threads && !e.dynamic && !e.thread_limit) d.threads = threads_for_load(usable, busy_elsewhere);
  return d;
}

OpenMpEnvironment read_openmp_environment() {
  return {env("OMP_WAIT_POLICY"), env("GOMP_SPINCOUNT"), env("OMP_NUM_THREADS"),
          env("OMP_DYNAMIC"),     env("OMP_THREAD_LIMIT"), env(kOpenMpReexecMarker)};
}

void apply_openmp_policy(char** argv) {
  const OpenMpEnvironment e = read_openmp_environment();
  const OpenMpDecision d = decide_openmp_policy(e, usable_cpus(), busy_cpus_elsewhere());
  if (e.reexec_marker) unsetenv(kOpenMpReexecMarker);  // this is the re-execution: children start clean
  if (d.reexec_with_passive_wait) {
    setenv("OMP_WAIT_POLICY", "passive", 1);
    setenv(kOpenMpReexecMarker, "1", 1);
    execv("/proc/self/exe", argv);
    unsetenv("OMP_WAIT_POLICY");  // not re-executed (no /proc?): run on with libgomp's default
    unsetenv(kOpenMpReexecMarker);
  }
  if (d.threads > 0) omp_set_num_threads(d.threads);
}

}  // namespace twinlab::scenarios
