#pragma once
// A colour-mapped 2-D field as a PNG: one or more panels side by side (e.g. the plume and the Eulerian model
// at one time), a shared logarithmic colour scale with its colour bar, contour lines at given levels, labelled
// markers (sources, sensors), axes in metres, a wind arrow and a title. Plain arrays in, no file format.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace twinlab::viz {

struct MapMarker {
  double x_m = 0.0, y_m = 0.0;
  std::string label;
  bool is_source = false;  // sources: black squares; sensors: blue dots
};

struct WindArrow {
  double direction_from_deg = 270.0;  // blowing from, clockwise from north (the arrow points downwind)
  double speed_m_s = 0.0;
};

struct FieldPanel {
  std::string title;             // above the panel, e.g. "Gaussian plume"
  std::vector<double> x_m, y_m;  // strictly ascending grid coordinates
  std::vector<double> values;    // y_m.size() x x_m.size() values, x fastest, in the picture's units
  std::vector<MapMarker> markers;
  std::optional<WindArrow> wind;
};

struct FieldPicture {
  std::string title;              // one line above the panels
  std::string units;              // colour-bar title, e.g. "ug/m3"
  double low = 1e-3, high = 1.0;  // colour range, 0 < low < high, log scale; values below low are white
  std::vector<double> contours;   // levels in the picture's units, drawn as black lines (labelled under the bar)
  std::vector<FieldPanel> panels;
  int panel_width_px = 560, height_px = 600;
};

// Size of the PNG render_field_png writes.
int field_picture_width_px(const FieldPicture& picture);

// Writes the picture (atomically). Throws std::invalid_argument for inconsistent arrays and
// RenderUnavailable (viz/offscreen_display.hpp) when no display can be had.
void render_field_png(const FieldPicture& picture, const std::filesystem::path& path);

// Where the point (x_m, y_m) of panel `panel` lands in the PNG: column from the left, row from the top.
struct PixelPosition {
  int column = 0, row = 0;
};
PixelPosition field_pixel(const FieldPicture& picture, std::size_t panel, double x_m, double y_m);

}  // namespace twinlab::viz
