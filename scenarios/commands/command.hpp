#pragma once
// The `twinlab` commands: one file per command (commands/NAME.cpp), listed once in commands/table.cpp.
// cli.cpp builds the command line from the table, so adding a command is a file and a line.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace twinlab::scenarios {

class Command {
 public:
  virtual ~Command() = default;
  // Declares the command's arguments and options on its subcommand.
  virtual void define(CLI::App& command) = 0;
  // Runs it after parsing. Returns the exit status; throws base::InputError for invalid input (exit 2) and
  // std::exception for a runtime failure (exit 1).
  virtual int execute() = 0;
};

// The check of a --seed option (add it with ->transform, which keeps its change of the text), before CLI11
// converts it: decimal digits only, 0 to 2^63 - 1 (the range of
// a scenario's `seed:`). CLI11's own conversion would read "-1" as 2^64 - 1 and "010" as octal 8.
inline CLI::Validator seed_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::string given = text;
        if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
          text.erase(0, std::min(text.find_first_not_of('0'), text.size() - 1));  // decimal, never octal
          if (text.size() < 19 || (text.size() == 19 && text <= "9223372036854775807")) return {};
        }
        return "must be a whole number from 0 to 9223372036854775807 (got " + given + ")";
      },
      "SEED");
}

struct CommandEntry {
  const char* name;
  const char* help;  // one line for --help
  std::unique_ptr<Command> (*make)();
};

const std::vector<CommandEntry>& command_table();

std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_validate_command();
std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_schema_command();
std::unique_ptr<Command> make_compare_command();
std::unique_ptr<Command> make_sweep_command();
std::unique_ptr<Command> make_merge_command();
std::unique_ptr<Command> make_analyze_command();
std::unique_ptr<Command> make_train_command();
std::unique_ptr<Command> make_predict_command();
std::unique_ptr<Command> make_estimate_command();
std::unique_ptr<Command> make_render_command();
std::unique_ptr<Command> make_calibrate_command();

}  // namespace twinlab::scenarios
