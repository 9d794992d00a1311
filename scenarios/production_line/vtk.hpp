#pragma once
// The line's layout for ParaView: vtk/line.vtp with the stations as points (laid out left to right by their
// depth in the station graph) carrying every station KPI as point data, and the buffers between them as
// lines carrying the downstream buffer's mean level and capacity.
#include <filesystem>

#include "scenarios/production_line/job.hpp"

namespace twinlab::scenarios {

inline constexpr double line_layout_spacing_m = 10.0;  // between graph levels, and between stations of a level

void write_line_vtk(const twins::production_line::LineConfig& config, const LineOutcome& outcome,
                    const std::filesystem::path& vtk_dir);

}  // namespace twinlab::scenarios
