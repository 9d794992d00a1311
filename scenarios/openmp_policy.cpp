#include "scenarios/openmp_policy.hpp"

#include <cstdlib>

#include <unistd.h>

namespace twinlab::scenarios {

bool needs_passive_reexec(const OpenMpEnvironment& e) { return !e.wait_policy && !e.spin_count && !e.reexec_marker; }

OpenMpEnvironment read_openmp_environment() {
  return {std::getenv("OMP_WAIT_POLICY") != nullptr, std::getenv("GOMP_SPINCOUNT") != nullptr,
          std::getenv(kOpenMpReexecMarker) != nullptr};
}

void apply_openmp_policy(char** argv) {
  const OpenMpEnvironment e = read_openmp_environment();
  if (e.reexec_marker) unsetenv(kOpenMpReexecMarker);  // this is the re-execution: children start clean
  if (!needs_passive_reexec(e)) return;
  setenv("OMP_WAIT_POLICY", "passive", 1);
  setenv(kOpenMpReexecMarker, "1", 1);
  execv("/proc/self/exe", argv);
  unsetenv("OMP_WAIT_POLICY");  // not re-executed (no /proc?): run on with libgomp's default
  unsetenv(kOpenMpReexecMarker);
}

}  // namespace twinlab::scenarios
