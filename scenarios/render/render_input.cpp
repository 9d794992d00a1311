#include "scenarios/render/render_input.hpp"

#include "base/error.hpp"
#include "io/hdf5_inspect.hpp"
#include "scenarios/study/render.hpp"
#include "scenarios/twin.hpp"
#include "viz/offscreen_display.hpp"

namespace twinlab::scenarios {
namespace {

[[noreturn]] void not_ours(const std::filesystem::path& input, const std::string& why) {
  throw base::InputError({input.string(), 0, 0, ""},
                         why + "; give a results.h5 (twinlab run), a study.h5 (twinlab sweep), an analysis.h5 "
                               "(twinlab analyze) or a surrogate's model directory (twinlab train)");
}

}  // namespace

RenderInputKind render_input_kind(const std::filesystem::path& input) {
  std::error_code ec;
  if (!std::filesystem::exists(input, ec)) not_ours(input, "no such file or directory");
  if (std::filesystem::is_directory(input, ec)) {
    if (!std::filesystem::exists(input / "model.json", ec)) not_ours(input, "a directory without model.json");
    return RenderInputKind::model_dir;
  }
  std::string filetype;
  try {
    filetype = io::read_string_attribute(input, "/", "filetype");
  } catch (const base::InputError&) {
    not_ours(input, "not an HDF5 file twinlab wrote");
  } catch (const std::exception&) {
    not_ours(input, "an HDF5 file without twinlab's root attribute 'filetype'");
  }
  if (filetype == io::results_filetype) {
    std::string twin;
    try {
      twin = io::read_string_attribute(input, "/", "twin");
    } catch (const std::exception&) {
      not_ours(input, "a results file without its root attribute 'twin'");
    }
    if (find_twin(twin) == nullptr) not_ours(input, "a results file of an unknown twin '" + twin + "'");
    return RenderInputKind::results;
  }
  if (filetype == "twinlab-study") return RenderInputKind::study;
  if (filetype == "twinlab-analysis") return RenderInputKind::analysis;
  not_ours(input, "a twinlab file of type '" + filetype + "', which has no pictures");
}

void render_input(const std::filesystem::path& input, RenderInputKind kind, const RenderOptions& options,
                  PictureSet& pictures) {
  viz::ensure_display();
  switch (kind) {
    case RenderInputKind::results: {
      const TwinEntry* twin = find_twin(io::read_string_attribute(input, "/", "twin"));
      if (twin->render == nullptr)
        throw std::runtime_error(input.string() + ": the " + twin->name + " twin has no pictures yet");
      twin->render(input, options, pictures);
      break;
    }
    case RenderInputKind::study: render_study(input, pictures); break;
    case RenderInputKind::analysis: render_analysis(input, pictures); break;
    case RenderInputKind::model_dir: render_surrogate(input, pictures); break;
  }
  pictures.write_index();
}

}  // namespace twinlab::scenarios
