#pragma once
// `twinlab render INPUT`: what INPUT is (a results.h5, a study.h5, an analysis.h5 or a surrogate's MODEL_DIR)
// and the pictures of it, drawn into a directory. Used by the render command and by `run --render`.
#include <filesystem>

#include "scenarios/render/picture_set.hpp"

namespace twinlab::scenarios {

enum class RenderInputKind { results, study, analysis, model_dir };

// Checks INPUT before anything is drawn: base::InputError (exit 2) naming the file when it is missing or is
// not a file twinlab wrote (no `filetype` twinlab can draw, no model.json).
RenderInputKind render_input_kind(const std::filesystem::path& input);

// Draws every picture of INPUT into pictures.dir() (which must exist) and writes index.csv there.
// Throws viz::RenderUnavailable (exit 1) when no display can be had.
void render_input(const std::filesystem::path& input, RenderInputKind kind, const RenderOptions& options,
                  PictureSet& pictures);

}  // namespace twinlab::scenarios
