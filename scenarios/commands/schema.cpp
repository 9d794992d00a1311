// `twinlab schema [TWIN]`: the scenario-key reference of a twin, in Markdown (docs/scenarios.md holds it).
#include <iostream>

#include "scenarios/commands/command.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {
namespace {

class SchemaCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("twin", twin_, "The twin: one of the registered twins")->check(CLI::IsMember(twin_names()));
  }

  int execute() override {
    std::cout << io::schema_markdown(scenario_schema(*find_twin(twin_)));
    return 0;
  }

 private:
  std::string twin_ = "dispersion";
};

}  // namespace

std::unique_ptr<Command> make_schema_command() { return std::make_unique<SchemaCommand>(); }

}  // namespace twinlab::scenarios
