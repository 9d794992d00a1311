// `twinlab run [SCENARIO] [-o DIR] [--overwrite] [--set k=v ...] [--seed N] [--render]`: load and check the
// scenario, run its twin, write the outputs atomically into DIR (default out/NAME) (with --render also the
// pictures of `twinlab render` in DIR/pictures), print the KPI table.
#include <iostream>
#include <optional>

#include <spdlog/spdlog.h>

#include "base/interrupt.hpp"
#include "base/output_directory.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/render/render_input.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"
#include "viz/offscreen_display.hpp"

namespace twinlab::scenarios {
namespace {

class RunCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("scenario", scenario_, "Scenario file (YAML)");
    command.add_option("-o,--output", output_dir_, "Output directory (default: out/<scenario name>)");
    command.add_flag("--overwrite", overwrite_,
                     "Write into an existing directory that twinlab did not write (its other files are kept)");
    command.add_option("--set", overrides_, "Override a key: dotted.key=value (repeatable)")
        ->allow_extra_args(false);  // one value per --set: never swallow the scenario path
    seed_option_ = command.add_option("--seed", seed_, "Master seed (replaces the file's seed:)")->transform(seed_check());
    command.add_flag("--render", render_, "Also draw the pictures of twinlab render into DIR/pictures");
  }

  int execute() override {
    const std::optional<std::filesystem::path> file =
        scenario_.empty() ? std::nullopt : std::optional<std::filesystem::path>(scenario_);
    const Scenario scenario =
        load_scenario(file, overrides_, *seed_option_ ? std::optional<std::uint64_t>(seed_) : std::nullopt);
    const std::unique_ptr<Twin> twin = build_twin(scenario);  // every check, before anything runs
    const std::filesystem::path out_dir =
        output_dir_.empty() ? std::filesystem::path("out") / scenario.name : std::filesystem::path(output_dir_);
    check_output_target(scenario, out_dir);
    spdlog::info("scenario '{}' ({}), seed {}", scenario.name, scenario.document.file(), scenario.seed);
    base::set_interrupt_context("the run of scenario '" + scenario.name + "' (output " + out_dir.string() +
                                ", left as it was)");

    if (render_) viz::ensure_display();  // no display: exit 1 before the run, not after it
    base::StagingDirectory staging(out_dir, overwrite_);
    const std::unique_ptr<TwinRun> run = twin->run(RunSettings{scenario.seed, 0, true});
    run->write_outputs(staging.path());
    if (render_) {
      PictureSet pictures(staging.path() / "pictures");
      std::filesystem::create_directory(pictures.dir());
      render_input(staging.path() / "results.h5", RenderInputKind::results, RenderOptions{}, pictures);
      for (const std::string& note : pictures.notes()) spdlog::info("{}", note);
    }
    staging.commit();
    std::cout << run->kpi_table();
    spdlog::info("results in {}", out_dir.string());
    return 0;
  }

 private:
  // A file, or a directory twinlab did not write (unless --overwrite), is refused before anything runs.
  void check_output_target(const Scenario& scenario, const std::filesystem::path& out_dir) const {
    const std::string problem = base::output_target_problem(out_dir, overwrite_);
    if (problem.empty()) return;
    base::InputLocation where =
        output_dir_.empty() ? scenario.document.locate("name") : base::InputLocation{"-o", 0, 0, ""};
    where.key = out_dir.string();
    throw base::InputError(where, problem);
  }

  std::string scenario_, output_dir_;
  bool overwrite_ = false, render_ = false;
  std::vector<std::string> overrides_;
  std::uint64_t seed_ = 0;
  CLI::Option* seed_option_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace twinlab::scenarios
