#pragma once
// Pictures of a study (`twinlab render study.h5`: each KPI against each parameter), of its sensitivity
// analysis (`twinlab render analysis.h5`: indices as bars with their confidence intervals) and of a surrogate
// (`twinlab render MODEL_DIR`: what model.json holds, the test-set scores per output).
#include <filesystem>

#include "scenarios/render/picture_set.hpp"

namespace twinlab::scenarios {

void render_study(const std::filesystem::path& study_h5, PictureSet& pictures);
void render_analysis(const std::filesystem::path& analysis_h5, PictureSet& pictures);
void render_surrogate(const std::filesystem::path& model_dir, PictureSet& pictures);

}  // namespace twinlab::scenarios
