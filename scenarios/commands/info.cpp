// `twinlab info RESULTS.h5 [--scenario]`: groups, variables, dims and units of a results file, or the
// resolved scenario stored in it (which runs again as it is). `twinlab info MODEL_DIR`: a surrogate's model.json.
#include <filesystem>
#include <iostream>

#include "io/hdf5_inspect.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/commands/model_info.hpp"

namespace twinlab::scenarios {
namespace {

class InfoCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("results", file_, "results.h5 written by twinlab run, or a model directory of twinlab train")->required();
    command.add_flag("--scenario", scenario_only_, "Print only the resolved scenario stored in the file");
  }

  int execute() override {
    if (std::filesystem::is_directory(file_)) {
      std::cout << describe_model_directory(file_);
      return 0;
    }
    std::cout << (scenario_only_ ? io::read_root_text_attribute(file_, "scenario") : io::describe_hdf5(file_));
    return 0;
  }

 private:
  std::string file_;
  bool scenario_only_ = false;
};

}  // namespace

std::unique_ptr<Command> make_info_command() { return std::make_unique<InfoCommand>(); }

}  // namespace twinlab::scenarios
