#pragma once
// Pictures of a dispersion results.h5 (`twinlab render`): a ground-level concentration map per output time
// (both models side by side when both ran), numbered frames listed in index.csv, and one chart per sensor of
// its concentration against the threshold.
#include <filesystem>

#include "scenarios/render/picture_set.hpp"

namespace twinlab::scenarios {

void render_dispersion_results(const std::filesystem::path& results_h5, const RenderOptions& options,
                               PictureSet& pictures);

}  // namespace twinlab::scenarios
