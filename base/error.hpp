#pragma once
// Typed errors shared by every layer. Library code throws; only the CLI prints and picks the exit code:
// InputError -> 2 (the user must fix a file or an argument), anything else -> 1 (runtime failure).
#include <stdexcept>
#include <string>

namespace twinlab::base {

// Where in an input a problem sits. line/column are 1-based; 0 means unknown (e.g. a --set override).
struct InputLocation {
  std::string file;      // scenario file path, or "--set KEY=VALUE" for a command-line override
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

// Formats "file:line:col: key: message" leaving out the parts that are unknown. Every part goes through
// printable() below, so text copied from an input can neither break the one-line message nor reach the
// terminal as a control sequence.
std::string format_input_error(const InputLocation& where, const std::string& message);

// Text from an input made safe to print on one terminal line: control characters (C0, DEL and the C1
// range U+0080..U+009F, which terminals also obey) and bytes that are not valid UTF-8 are written as
// escapes: "\n", "\r", "\t", "\x1b", "\xc2\x9b"; everything else (printable ASCII and valid UTF-8 letters)
// is kept as is.
std::string printable(const std::string& text);

}  // namespace twinlab::base
