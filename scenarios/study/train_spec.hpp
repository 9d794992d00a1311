#pragma once
// A train spec: `twinlab train SPEC.yaml`, the settings of `twinlab train` in a file, with the same keys as the
// flags (study, inputs, outputs, log_outputs, members, hidden, epochs, patience, seed, output) and an optional
// `active:` block for active learning (then `study` names a study file). Validated with the scenario schema
// machinery: an unknown key or a bad value is `file:line:col: key: ...`, exit 2. Flags given on the command
// line take precedence over the file.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "io/scenario_schema.hpp"

namespace twinlab::scenarios {

struct TrainSpecActive {
  long long budget = 0;
  std::optional<long long> initial, batch, test_runs;
};

struct TrainSpec {
  std::filesystem::path file;
  std::filesystem::path study;  // resolved against the spec file's folder
  std::optional<std::string> inputs, outputs, log_outputs, hidden;  // comma-separated, as the flags take them
  std::optional<long long> members, epochs, patience, seed;
  std::optional<std::filesystem::path> output;  // relative to the current directory, as -o
  std::optional<TrainSpecActive> active;
};

const io::KeySpec& train_spec_schema();

// A file name ending in .yaml or .yml (a train spec, where a table would be .h5 or .csv).
bool is_train_spec_file(const std::filesystem::path& path);

// Throws base::InputError at file:line:col and key.
TrainSpec load_train_spec(const std::filesystem::path& file);

// "64,64" -> {64, 64}; throws base::InputError at `where` for a width that is not a whole number 1-4096.
std::vector<int> parse_hidden_widths(const std::string& text, const base::InputLocation& where);

}  // namespace twinlab::scenarios
