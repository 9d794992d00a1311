#pragma once
// A production line as a PNG: stations as boxes laid out left to right by column (the routing DAG's depth),
// each box split into its state fractions (busy / starved / blocked / down / other), throughput and OEE
// written under it, buffers drawn on the links, the bottleneck outlined in red. Plain values in.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace twinlab::viz {

struct SchematicStation {
  std::string name;
  int column = 0, row = 0;  // column: left to right; row: top to bottom within a column
  double busy = 0.0, starved = 0.0, blocked = 0.0, down = 0.0;  // fractions of planned time (rest: grey)
  double throughput_per_h = 0.0, oee = 0.0;
  int machines = 1;
  bool bottleneck = false;
};

struct SchematicLink {
  std::size_t from = 0, to = 0;  // station indices
  std::string buffer_label;      // written at the link's middle, e.g. "3.2 / 10"
};

struct LineSchematic {
  std::string title;
  std::vector<SchematicStation> stations;
  std::vector<SchematicLink> links;
  std::string footer;  // one line under the legend
  int width_px = 1200, height_px = 520;
};

// The fill colours of the states (RGB 0..1), in the order busy, starved, blocked, down, other; tests use them.
const std::vector<std::vector<double>>& schematic_state_colours();

// Writes the picture (atomically). Throws std::invalid_argument for links to missing stations and
// RenderUnavailable (viz/offscreen_display.hpp) when no display can be had.
void render_line_schematic_png(const LineSchematic& schematic, const std::filesystem::path& path);

}  // namespace twinlab::viz
