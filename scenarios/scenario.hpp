#pragma once
// A scenario as the CLI gets it: the file (or the built-in default), --set overrides applied, checked
// against the schema of the twin it names, defaults filled in.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/scenario_document.hpp"

namespace twinlab::scenarios {

struct TwinEntry;

struct Scenario {
  io::ScenarioDocument document;
  const TwinEntry* twin = nullptr;  // from the registry (twin.hpp), by the file's `twin:` name
  std::string name;
  std::uint64_t seed = 0;

  // The directory relative paths in the scenario (CSV files) are read from: the file's own, or the
  // working directory for the built-in default.
  std::filesystem::path directory() const;
};

// The whole schema (top-level keys plus the twin's section) of a scenario of the twin named `twin`.
const io::KeySpec& scenario_schema(const TwinEntry& twin);

// The built-in default scenario (scenarios/examples/industrial_stack.yaml, compiled in).
const std::string& default_scenario_text();
inline constexpr const char* default_scenario_label = "<built-in default: industrial_stack.yaml>";

// Loads, overrides, validates. path empty = the built-in default. seed, when given, replaces `seed:`.
// Throws base::InputError on any invalid input.
Scenario load_scenario(const std::optional<std::filesystem::path>& path, const std::vector<std::string>& overrides,
                       std::optional<std::uint64_t> seed = std::nullopt);

// The unresolved document of a scenario file (or of the built-in default), for load_scenario below.
io::ScenarioDocument read_scenario_document(const std::optional<std::filesystem::path>& path);
// The same as load_scenario, from a document already read (copied, not changed): a sweep reads its base once.
// The copy keeps no line:column marks (yaml-cpp's Clone drops them): a sweep checks its base and the design's
// extremes with the file-reading overload first, so errors of single runs are only recorded as messages.
Scenario load_scenario(const io::ScenarioDocument& unresolved, const std::vector<std::string>& overrides,
                       std::optional<std::uint64_t> seed = std::nullopt);

}  // namespace twinlab::scenarios
