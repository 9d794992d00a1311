#pragma once
// The `twinlab` commands: one file per command (commands/NAME.cpp), listed once in commands/table.cpp.
// cli.cpp builds the command line from the table, so adding a command is a file and a line.
#include <memory>
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

}  // namespace twinlab::scenarios
