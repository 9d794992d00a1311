#pragma once
// Where each station sits in a drawing of the line (vtk/line.vtp and the schematic of `twinlab render`):
// column = longest path from a station fed by the source (left to right), row = order within its column.
#include <vector>

#include "twins/production_line/graph.hpp"

namespace twinlab::scenarios {

struct LineLayout {
  std::vector<int> column, row;  // per station
};

LineLayout line_layout(const twins::production_line::LineGraph& graph);

}  // namespace twinlab::scenarios
