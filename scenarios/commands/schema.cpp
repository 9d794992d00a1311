// `twinlab schema [TWIN]`: the scenario-key reference of a twin, in Markdown (docs/scenarios.md holds it).
#include <iostream>

#include "scenarios/commands/command.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/study/study_file.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {
namespace {

class SchemaCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    std::vector<std::string> names = twin_names();
    names.emplace_back("study");
    command.add_option("twin", twin_, "A registered twin, or `study` for study files")->check(CLI::IsMember(names));
  }

  int execute() override {
    std::cout << io::schema_markdown(twin_ == "study" ? study_schema() : scenario_schema(*find_twin(twin_)));
    return 0;
  }

 private:
  std::string twin_ = "dispersion";
};

}  // namespace

std::unique_ptr<Command> make_schema_command() { return std::make_unique<SchemaCommand>(); }

}  // namespace twinlab::scenarios
