#include "scenarios/cli.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "base/interrupt.hpp"
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

// Whether everything printed reached standard output (a full disk, a closed pipe, /dev/full): "" when it
// did, else the reason. Results on stdout that were cut short must not end with exit 0.
std::string stdout_problem() {
  errno = 0;
  std::cout.flush();
  const bool stream_failed = !std::cout;
  const int flush_result = std::fflush(stdout);
  const int error = errno;
  if (!stream_failed && flush_result == 0 && !std::ferror(stdout)) return "";
  if (error != 0) return std::strerror(error);
  // The failed write happened earlier (a full buffer) and errno has moved on: one more byte says why. The
  // output is incomplete already; a newline more does no harm.
  if (::write(STDOUT_FILENO, "\n", 1) < 0) return std::strerror(errno);
  return "write error";
}

int run_command(Command& command) {
  try {
    return command.execute();
  } catch (const base::InputError& e) {
    std::cerr << "twinlab: error: " << e.what() << "\n";
    return exit_input;
  } catch (const std::exception& e) {
    std::cerr << "twinlab: failed: " << base::printable(e.what()) << "\n";  // may quote input text
    return exit_runtime;
  }
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

  for (auto& defined : commands) {
    if (!*defined.app) continue;
    // Ctrl-C / SIGTERM: unfinished outputs removed, one line on stderr, exit 130 / 143 (base/interrupt.hpp).
    base::set_interrupt_context("twinlab " + defined.app->get_name());
    base::install_interrupt_handling();
    int status = run_command(*defined.command);
    if (const std::string problem = stdout_problem(); !problem.empty()) {
      std::cerr << "twinlab: failed: cannot write the results to standard output: " << problem << "\n";
      if (status == 0) status = exit_runtime;
    }
    return status;
  }
  return exit_input;
}

}  // namespace twinlab::scenarios
