#pragma once
// An XY chart as a PNG (VTK's charts): lines, scatter points and bars, with optional error bars (vertical,
// from a low to a high end per point), axis titles, a legend and a title. Plain arrays in, no file format.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace twinlab::viz {

struct ChartSeries {
  enum class Kind { line, points, bars };
  std::string name;  // in the legend; empty: not in the legend
  Kind kind = Kind::line;
  std::vector<double> x, y;
  std::vector<double> error_low, error_high;  // empty or one each per point: an error bar between them
  std::array<double, 3> rgb{0.1, 0.3, 0.8};  // 0..1
  double width_px = 2.0;                     // line width or point size
};

struct Chart {
  std::string title, x_title, y_title;
  std::vector<ChartSeries> series;
  std::vector<std::string> x_tick_labels;  // not empty: categories at x = 1, 2, ... (bar charts)
  bool log_y = false;
  bool legend = true;
  int width_px = 900, height_px = 500;
};

// Writes the chart (atomically). Throws std::invalid_argument for inconsistent arrays and RenderUnavailable
// (viz/offscreen_display.hpp) when no display can be had.
void render_chart_png(const Chart& chart, const std::filesystem::path& path);

}  // namespace twinlab::viz
