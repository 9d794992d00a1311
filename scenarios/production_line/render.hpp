#pragma once
// Pictures of a production-line results.h5 (`twinlab render`): the schematic of stations and buffers
// (line_schematic.png) and the WIP and throughput over time (line_wip.png, line_throughput.png).
#include <filesystem>

#include "scenarios/render/picture_set.hpp"

namespace twinlab::scenarios {

void render_line_results(const std::filesystem::path& results_h5, const RenderOptions& options, PictureSet& pictures);

}  // namespace twinlab::scenarios
