#pragma once
// Typed errors shared by every layer. Library code throws; only the CLI prints and picks the exit code:
// InputError -> 2 (the user must fix a file or an argument), anything else -> 1 (runtime failure).
#include <stdexcept>
#include <string>

namespace twinlab::base {

// Where in an input a problem sits. line/column are 1-based; 0 means unknown (e.g. a --set override).
struct InputLocation {
  std::string file;      // scenario file path, or "--set" for a command-line override
  int line = 0;
  int column = 0;
  std::string key;       // dotted key path, e.g. "dispersion.sources[1].height_m"
};

// Invalid input: a scenario key with the wrong type or range, an unknown key, a bad argument.
// what() is the one-line message the CLI prints: "file:line:col: key: message".
class InputError : public std::runtime_error {
 public:
  InputError(InputLocation where, const std::string& message);
  const InputLocation& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  InputLocation where_;
  std::string message_;
};

// Formats "file:line:col: key: message" leaving out the parts that are unknown.
std::string format_input_error(const InputLocation& where, const std::string& message);

}  // namespace twinlab::base
