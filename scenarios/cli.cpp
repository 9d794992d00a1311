#include "scenarios/cli.hpp"

#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "base/progress.hpp"
#include "scenarios/commands/command.hpp"

namespace twinlab::scenarios {
namespace {

constexpr int exit_runtime = 1;
constexpr int exit_input = 2;

void setup_logging(bool quiet) {
  auto logger = spdlog::stderr_color_mt("twinlab");
  logger->set_pattern("%^[%l]%$ %v");
  logger->set_level(quiet ? spdlog::level::warn : spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"twinlab: digital twins of plants and their surroundings (dispersion, production lines)"};
  app.set_version_flag("--version", std::string("twinlab ") + TWINLAB_VERSION);
  app.require_subcommand(1);
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "Only warnings and errors on stderr (no progress line)");

  struct Defined {
    CLI::App* app;
    std::unique_ptr<Command> command;
  };
  std::vector<Defined> commands;
  for (const CommandEntry& entry : command_table()) {
    CLI::App* sub = app.add_subcommand(entry.name, entry.help);
    // Global options work in any position: `twinlab -q run F` and `twinlab run F -q` alike.
    sub->add_flag("-q,--quiet", quiet, "Only warnings and errors on stderr (no progress line)");
    std::unique_ptr<Command> command = entry.make();
    command->define(*sub);
    commands.push_back({sub, std::move(command)});
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_input;
  }
  setup_logging(quiet);
  base::enable_progress(!quiet && isatty(STDERR_FILENO));

  try {
    for (auto& defined : commands)
      if (*defined.app) return defined.command->execute();
  } catch (const base::InputError& e) {
    std::cerr << "twinlab: error: " << e.what() << "\n";
    return exit_input;
  } catch (const std::exception& e) {
    std::cerr << "twinlab: failed: " << base::printable(e.what()) << "\n";  // may quote input text
    return exit_runtime;
  }
  return exit_input;
}

}  // namespace twinlab::scenarios
