#include "scenarios/cli.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "base/progress.hpp"
#include "io/hdf5_inspect.hpp"
#include "scenarios/run_job.hpp"
#include "scenarios/scenario.hpp"
#include "base/error.hpp"

namespace twinlab::scenarios {
namespace {

constexpr int exit_ok = 0;
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
  app.add_flag("-q,--quiet", quiet, "Only warnings and errors on stderr");

  RunOptions run;
  std::string run_scenario;
  CLI::App* run_cmd = app.add_subcommand("run", "Run a scenario (the built-in default when none is given)");
  run_cmd->add_option("scenario", run_scenario, "Scenario file (YAML)");
  run_cmd->add_option("-o,--output", run.output_dir, "Output directory (default: out/<scenario name>)");
  run_cmd->add_flag("--overwrite", run.overwrite,
                    "Write into an existing directory that twinlab did not write (its other files are kept)");
  run_cmd->add_option("--set", run.overrides, "Override a key: dotted.key=value (repeatable)")->allow_extra_args(false);  // one value per --set: never swallow the scenario path
  std::uint64_t seed = 0;
  CLI::Option* seed_opt = run_cmd->add_option("--seed", seed, "Master seed (replaces the file's seed:)");

  std::string validate_scenario;
  std::vector<std::string> validate_overrides;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "Check a scenario without running it; print it resolved with defaults");
  validate_cmd->add_option("scenario", validate_scenario, "Scenario file (YAML)")->required();
  validate_cmd->add_option("--set", validate_overrides, "Override a key: dotted.key=value (repeatable)")->allow_extra_args(false);  // one value per --set: never swallow the scenario path

  std::string info_file;
  bool info_scenario = false;
  CLI::App* info_cmd = app.add_subcommand("info", "Describe a results file: groups, variables, dims, units");
  info_cmd->add_option("results", info_file, "results.h5 written by twinlab run")->required();
  info_cmd->add_flag("--scenario", info_scenario, "Print only the resolved scenario stored in the file");

  std::string schema_twin = "dispersion";
  CLI::App* schema_cmd = app.add_subcommand("schema", "Print the scenario-key reference (Markdown)");
  schema_cmd->add_option("twin", schema_twin, "dispersion or production_line")
      ->check(CLI::IsMember({"dispersion", "production_line"}));

  // Global options work in any position: `twinlab -q run F` and `twinlab run F -q` alike.
  for (CLI::App* command : app.get_subcommands({}))
    command->add_flag("-q,--quiet", quiet, "Only warnings and errors on stderr (no progress line)");

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
    if (*run_cmd) {
      if (!run_scenario.empty()) run.scenario = run_scenario;
      if (*seed_opt) run.seed = seed;
      return run_job(run);
    }
    if (*validate_cmd) {
      const Scenario scenario = load_scenario(std::filesystem::path(validate_scenario), validate_overrides);
      validate_built(scenario);
      std::cout << "# " << validate_scenario << ": valid\n" << scenario.document.resolved_yaml();
      return exit_ok;
    }
    if (*info_cmd) {
      std::cout << (info_scenario ? io::read_root_text_attribute(info_file, "scenario") : io::describe_hdf5(info_file));
      return exit_ok;
    }
    if (*schema_cmd) {
      const TwinKind kind = schema_twin == "dispersion" ? TwinKind::Dispersion : TwinKind::ProductionLine;
      std::cout << io::schema_markdown(scenario_schema(kind));
      return exit_ok;
    }
  } catch (const base::InputError& e) {
    std::cerr << "twinlab: error: " << e.what() << "\n";
    return exit_input;
  } catch (const std::exception& e) {
    std::cerr << "twinlab: failed: " << e.what() << "\n";
    return exit_runtime;
  }
  return exit_input;
}

}  // namespace twinlab::scenarios
