#pragma once
// How `twinlab` waits for its OpenMP threads, chosen at start-up so that it behaves on a shared machine
// without any environment set up (issue #12).
//
// libgomp's waiting threads spin (300000 iterations by default, for ever with OMP_WAIT_POLICY=active) before
// they sleep. On a machine whose cores are busy with other processes, a spinning thread takes the core from
// the very partner it waits for, and a 3-5 s run can take 20-110 s. twinlab therefore waits passively
// (OMP_WAIT_POLICY=passive: sleep at once) unless the user chose otherwise: OMP_WAIT_POLICY or GOMP_SPINCOUNT
// set -> left alone. libgomp reads the variable once, when it is loaded, before main() runs, so setting it in
// main() is too late (and so is a .preinit_array hook: glibc's libc initialiser resets environ after it). The
// process sets the variable and re-executes itself once (/proc/self/exe, same arguments), marked by
// TWINLAB_OPENMP_REEXEC so that it never loops; if the re-execution fails, the run goes on with libgomp's
// default. Setting OMP_WAIT_POLICY (to any value) also avoids the re-execution, e.g. under a debugger.
//
// Threads: left to OpenMP (OMP_NUM_THREADS if set, else one per CPU of the affinity mask). Fewer threads
// on a loaded machine was measured and does not pay once waiting is passive: beside a CPU-bound process on 2
// CPUs, 2 threads ran as fast as 1 or faster (docs/performance.md), since a sleeping thread costs nothing and
// the scheduler shares CPU time per thread.

namespace twinlab::scenarios {

inline constexpr const char* kOpenMpReexecMarker = "TWINLAB_OPENMP_REEXEC";

struct OpenMpEnvironment {  // what the environment says (true = the variable is set)
  bool wait_policy = false;    // OMP_WAIT_POLICY
  bool spin_count = false;     // GOMP_SPINCOUNT
  bool reexec_marker = false;  // TWINLAB_OPENMP_REEXEC: this process is the re-execution
};

// True when twinlab must set OMP_WAIT_POLICY=passive and re-execute: the user chose no waiting policy and
// this process is not already the re-execution.
bool needs_passive_reexec(const OpenMpEnvironment& env);

// The current process's environment.
OpenMpEnvironment read_openmp_environment();

// Re-executes the program with passive waiting when needs_passive_reexec() says so (returns only if that
// was not needed, or failed). Call first thing in main(), before any output or thread.
void apply_openmp_policy(char** argv);

}  // namespace twinlab::scenarios
