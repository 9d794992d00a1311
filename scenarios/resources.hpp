#pragma once
// The check that a run fits the machine before it starts (scenarios/twin.hpp build_twin uses it): the twin's
// ResourceEstimate against the memory available. Plain functions so tests can give the available memory.
#include <cstdint>
#include <optional>
#include <string>

#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

// The memory a run may use, and where that figure comes from: the least of MemAvailable of /proc/meminfo
// (the kernel's estimate of what can be allocated without swapping), the process's address-space limit
// (RLIMIT_AS, `ulimit -v`) and its cgroup's memory.max less memory.current (a container's limit).
struct MemoryAvailable {
  double bytes = 0.0;
  std::string source;  // "MemAvailable in /proc/meminfo", "the address-space limit (ulimit -v)", ...
};
// Nothing when no figure can be read.
std::optional<MemoryAvailable> memory_available();

// "1.5 GiB", "740 MiB", "12 KiB", "3 B".
std::string bytes_text(double bytes);
// "3.2 h", "5 min", "40 s".
std::string duration_text(double seconds);

// The message of a run that cannot fit (empty when it fits or the memory available is unknown).
std::string memory_problem(const ResourceEstimate& estimate, const std::optional<MemoryAvailable>& available);
// The warning of a long run (empty when the estimate is under long_run_s).
inline constexpr double long_run_s = 3600.0;
std::string time_warning(const ResourceEstimate& estimate);

}  // namespace twinlab::scenarios
