#include "scenarios/resources.hpp"

#include <sys/resource.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "scenarios/scenario.hpp"

namespace twinlab::scenarios {
namespace {

std::string fixed(double value, int digits) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(digits);
  out << value;
  return out.str();
}

}  // namespace

std::optional<MemoryAvailable> memory_available() {
  std::optional<MemoryAvailable> least;
  const auto consider = [&](double bytes, const char* source) {
    if (bytes >= 0.0 && (!least || bytes < least->bytes)) least = MemoryAvailable{bytes, source};
  };
  {
    std::ifstream in("/proc/meminfo");
    std::string name, rest;
    double kib = 0.0;
    while (in >> name >> kib) {
      std::getline(in, rest);
      if (name == "MemAvailable:") consider(kib * 1024.0, "MemAvailable in /proc/meminfo");  // kB = KiB
    }
  }
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    consider(static_cast<double>(limit.rlim_cur), "the address-space limit, ulimit -v");
  {
    std::ifstream max_in("/sys/fs/cgroup/memory.max"), current_in("/sys/fs/cgroup/memory.current");
    std::string max_text;
    double current = 0.0;
    char* end = nullptr;
    const double max = max_in >> max_text ? std::strtod(max_text.c_str(), &end) : 0.0;
    if (end && *end == '\0' && end != max_text.c_str() && current_in >> current)  // "max": no limit
      consider(max - current, "the cgroup's memory.max less memory.current");
  }
  return least;
}

std::string bytes_text(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 6) bytes /= 1024.0, ++u;
  if (bytes >= 1024.0) return fixed(bytes, 0) + " EiB";
  return fixed(bytes, bytes < 10.0 && u > 0 ? 1 : 0) + " " + units[u];
}

std::string duration_text(double seconds) {
  if (seconds >= 86400.0 * 365.0) return fixed(seconds / (86400.0 * 365.0), seconds < 86400.0 * 3650.0 ? 1 : 0) + " years";
  if (seconds >= 86400.0) return fixed(seconds / 86400.0, 1) + " days";
  if (seconds >= 3600.0) return fixed(seconds / 3600.0, 1) + " h";
  if (seconds >= 60.0) return fixed(seconds / 60.0, 0) + " min";
  return fixed(seconds, 0) + " s";
}

std::string memory_problem(const ResourceEstimate& estimate, const std::optional<MemoryAvailable>& available) {
  if (!available || !(estimate.memory_bytes > available->bytes)) return {};
  return "the run needs at least " + bytes_text(estimate.memory_bytes) + " of memory (" + estimate.memory_detail +
         ") but " + bytes_text(available->bytes) + " are available (" + available->source +
         "); make the grid coarser, store fewer outputs or shorten the run";
}

std::string time_warning(const ResourceEstimate& estimate) {
  if (!(estimate.time_s >= long_run_s)) return {};
  return "the run will take about " + duration_text(estimate.time_s) + " of CPU time (" + estimate.time_detail +
         "); make it smaller if that is not meant";
}

std::unique_ptr<Twin> build_twin(const Scenario& scenario, bool warn_long_runs) {
  std::unique_ptr<Twin> twin = scenario.twin->build(scenario);
  const ResourceEstimate estimate = twin->estimate();
  const std::string problem = memory_problem(estimate, memory_available());
  if (!problem.empty()) throw base::InputError(scenario.document.locate(estimate.memory_key), problem);
  if (warn_long_runs) {
    const std::string warning = time_warning(estimate);
    if (!warning.empty()) spdlog::warn("{}", base::format_input_error(scenario.document.locate(estimate.time_key), warning));
  }
  return twin;
}

}  // namespace twinlab::scenarios
