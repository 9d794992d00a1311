#pragma once
// How `twinlab` waits and how many OpenMP threads it uses, chosen at start-up so that it behaves on a shared
// machine without any environment set up (issue #12).
//
// Waiting: libgomp's waiting threads spin (300000 iterations by default, forever with OMP_WAIT_POLICY=active)
// before they sleep. On a machine whose cores are busy with other processes, a spinning thread takes the core
// from the very partner it waits for, and a 4 s run takes 20-60 s. twinlab therefore waits passively
// (OMP_WAIT_POLICY=passive: sleep at once) unless the user chose otherwise. libgomp reads the variable once,
// when it is loaded, before main() runs, so setting it in main() is too late: the process sets it and
// re-executes itself once (/proc/self/exe, same arguments), marked by TWINLAB_OPENMP_REEXEC so that it never
// loops; if the re-execution fails, the run goes on with libgomp's own default.
//
// Threads: the CPUs this process may run on (its affinity mask), less those other processes keep busy (from
// /proc/loadavg: the smaller of the tasks runnable right now besides this one and the one-minute load
// average), at least 1. With passive waiting, too many threads costs little (measured: 2 threads or 1 on a
// 2-CPU machine with load 10, same wall time); the rule mainly avoids waking threads that cannot run.
//
// The user's explicit choice always wins: OMP_WAIT_POLICY or GOMP_SPINCOUNT set -> no change to waiting;
// OMP_NUM_THREADS, OMP_DYNAMIC or OMP_THREAD_LIMIT set -> no change to the thread count.
#include <optional>
#include <string>

namespace twinlab::scenarios {

inline constexpr const char* kOpenMpReexecMarker = "TWINLAB_OPENMP_REEXEC";

struct OpenMpEnvironment {  // the variables that matter, as found in the environment (nullopt = unset)
  std::optional<std::string> wait_policy;    // OMP_WAIT_POLICY
  std::optional<std::string> spin_count;     // GOMP_SPINCOUNT
  std::optional<std::string> num_threads;    // OMP_NUM_THREADS
  std::optional<std::string> dynamic;        // OMP_DYNAMIC
  std::optional<std::string> thread_limit;   // OMP_THREAD_LIMIT
  std::optional<std::string> reexec_marker;  // TWINLAB_OPENMP_REEXEC: this process is the re-execution
};

struct OpenMpDecision {
  bool reexec_with_passive_wait = false;  // set OMP_WAIT_POLICY=passive and re-execute once
  int threads = 0;                        // > 0: use this many threads; 0: leave the user's or libgomp's choice
};

// Threads for `usable_cpus` CPUs of which other processes keep `busy_elsewhere` busy:
// usable_cpus - busy_elsewhere, clamped to [1, usable_cpus].
int threads_for_load(int usable_cpus, int busy_elsewhere);

// The decision for an environment, `usable_cpus` CPUs and `busy_elsewhere` CPUs busy with other work.
OpenMpDecision decide_openmp_policy(const OpenMpEnvironment& env, int usable_cpus, int busy_elsewhere);

// The current process's environment.
OpenMpEnvironment read_openmp_environment();

// Decides from the environment, /proc/loadavg and the CPU affinity mask, and applies: re-executes the program
// (returns only if that fails, or was not needed) and sets the thread count. Call first thing in main().
void apply_openmp_policy(char** argv);

}  // namespace twinlab::scenarios
