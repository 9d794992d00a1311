#include "scenarios/provenance.hpp"

#include <chrono>
#include <cstdint>
#include <ctime>

#include "io/hdf5_inspect.hpp"

namespace twinlab::scenarios {
namespace {

#include "git_revision.inc"  // generated at every build by cmake/git_revision.cmake

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

}  // namespace

void add_provenance(io::Dataset& dataset, const Scenario& scenario, const std::string& twin) {
  auto& a = dataset.attributes;
  a.set("filetype", io::results_filetype);
  a.set("format_version", 1);
  a.set("twinlab_version", TWINLAB_VERSION);
  a.set("twinlab_git_revision", kGitRevision);
  a.set("twin", twin);
  a.set("scenario_name", scenario.name);
  a.set("scenario_file", scenario.document.file());
  a.set("seed", static_cast<std::int64_t>(scenario.seed));
  a.set("created_utc", utc_now());
  a.set("scenario", scenario.document.resolved_yaml());
}

nlohmann::json summary_header(const Scenario& scenario, const std::string& twin) {
  return {{"filetype", "twinlab-summary"}, {"format_version", 1}, {"twinlab_version", TWINLAB_VERSION},
          {"twinlab_git_revision", kGitRevision},
          {"twin", twin},                 {"scenario", scenario.name}, {"seed", scenario.seed}};
}

}  // namespace twinlab::scenarios
