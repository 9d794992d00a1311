// `twinlab validate SCENARIO [--set k=v ...]`: every check `run` makes, nothing run; the resolved scenario
// (every default filled in) on stdout.
#include <iostream>

#include "scenarios/commands/command.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {
namespace {

class ValidateCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("scenario", scenario_, "Scenario file (YAML)")->required();
    command.add_option("--set", overrides_, "Override a key: dotted.key=value (repeatable)")
        ->allow_extra_args(false);  // one value per --set: never swallow the scenario path
  }

  int execute() override {
    const Scenario scenario = load_scenario(std::filesystem::path(scenario_), overrides_);
    (void)build_twin(scenario);  // the checks that span several keys, and that a run fits
    std::cout << "# " << scenario_ << ": valid\n" << scenario.document.resolved_yaml();
    return 0;
  }

 private:
  std::string scenario_;
  std::vector<std::string> overrides_;
};

}  // namespace

std::unique_ptr<Command> make_validate_command() { return std::make_unique<ValidateCommand>(); }

}  // namespace twinlab::scenarios
