#pragma once
// What every fuzz target shares: a private scratch directory holding a copy of scenarios/examples (so that a
// scenario's `csv: data/...` and a study's `scenario: ../machining_line.yaml` resolve as in the repository),
// writing the fuzzer's bytes to a file there, and the rule of what counts as a finding.
//
// A finding is a crash, a sanitizer report, a hang or an exception that is not a std::exception. An InputError
// is the expected answer to bad input. Any other std::exception ends the CLI with exit 1 and a message (not a
// crash), so it passes by default; with TWINLAB_FUZZ_STRICT=1 in the environment it aborts, to list the bad
// inputs that are refused as runtime failures (exit 1) instead of as input errors (exit 2).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace twinlab::fuzz {

// This process's scratch directory (created at first use, removed at exit).
const std::filesystem::path& scratch_dir();
// scratch_dir()/examples: a copy of the repository's scenarios/examples (scenarios, studies/, data/).
std::filesystem::path examples_dir();
// Replaces path with exactly these bytes.
void write_file(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size);
// True when the text names a device or kernel file (/dev/, /proc/, /sys/): reading those is the input
// checks' business (tested in tests/e2e), never something the fuzzer should do to this machine.
bool names_system_file(std::string_view text);

bool strict();
// TWINLAB_FUZZ_VERBOSE=1: print each expected error (to see how far the seeds get).
bool verbose();
void report(const std::exception& e);
[[noreturn]] void strict_failure(const std::exception& e);

// Runs f; an InputError is the expected outcome, any other std::exception counts only under strict().
template <class F>
void expect_input_errors(F&& f) {
  try {
    f();
  } catch (const base::InputError& e) {
    if (verbose()) report(e);
  } catch (const std::exception& e) {
    if (strict()) strict_failure(e);
    if (verbose()) report(e);
  }
}

}  // namespace twinlab::fuzz
