// `twinlab render INPUT [-o DIR] [--overwrite] [--max-frames N]`: PNG pictures of a results.h5, a study.h5,
// an analysis.h5 or a surrogate's MODEL_DIR, written whole into DIR (default: pictures/ beside INPUT, or
// MODEL_DIR/pictures) with index.csv listing them.
#include <iostream>

#include <spdlog/spdlog.h>

#include "base/error.hpp"
#include "base/output_directory.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/render/render_input.hpp"

namespace twinlab::scenarios {
namespace {

class RenderCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("input", input_, "results.h5, study.h5, analysis.h5 or a surrogate's MODEL_DIR")->required();
    command.add_option("-o,--output", output_dir_,
                       "Directory for the pictures (default: pictures/ beside INPUT; MODEL_DIR/pictures)");
    command.add_flag("--overwrite", overwrite_,
                     "Write into an existing directory that twinlab did not write (its other files are kept)");
    command.add_option("--max-frames", options_.max_frames,
                       "Concentration maps: at most this many output times, evenly spaced, plus the peak's (0: all)")
        ->check(CLI::NonNegativeNumber);
  }

  int execute() override {
    const std::filesystem::path input(input_);
    const RenderInputKind kind = render_input_kind(input);  // exit 2 before anything is written
    const std::filesystem::path out_dir =
        !output_dir_.empty() ? std::filesystem::path(output_dir_)
        : kind == RenderInputKind::model_dir ? input / "pictures"
                                             : input.parent_path() / "pictures";
    if (const std::string problem = base::output_target_problem(out_dir, overwrite_); !problem.empty())
      throw base::InputError({"-o", 0, 0, out_dir.string()}, problem);
    base::StagingDirectory staging(out_dir, overwrite_);
    PictureSet pictures(staging.path());
    render_input(input, kind, options_, pictures);
    staging.commit();
    for (const std::string& note : pictures.notes()) spdlog::info("{}", note);
    for (const PictureEntry& e : pictures.entries()) std::cout << (out_dir / e.file).string() << "\n";
    spdlog::info("{} pictures in {} (index.csv lists them)", pictures.entries().size(), out_dir.string());
    return 0;
  }

 private:
  std::string input_, output_dir_;
  bool overwrite_ = false;
  RenderOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_render_command() { return std::make_unique<RenderCommand>(); }

}  // namespace twinlab::scenarios
