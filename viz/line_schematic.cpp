#include "viz/line_schematic.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include "viz/render_window.hpp"

namespace twinlab::viz {
namespace {

// Quads and lines in pixel coordinates (the camera maps world units to pixels one to one).
struct Shapes {
  vtkSmartPointer<vtkPoints> points = vtkSmartPointer<vtkPoints>::New();
  vtkSmartPointer<vtkCellArray> quads = vtkSmartPointer<vtkCellArray>::New();
  vtkSmartPointer<vtkUnsignedCharArray> colours = vtkSmartPointer<vtkUnsignedCharArray>::New();
  Shapes() { colours->SetNumberOfComponents(3); }

  void quad(double x0, double y0, double x1, double y1, const std::vector<double>& rgb) {
    const vtkIdType ids[4] = {points->InsertNextPoint(x0, y0, 0), points->InsertNextPoint(x1, y0, 0),
                              points->InsertNextPoint(x1, y1, 0), points->InsertNextPoint(x0, y1, 0)};
    quads->InsertNextCell(4, ids);
    colours->InsertNextTuple3(rgb[0] * 255, rgb[1] * 255, rgb[2] * 255);
  }
};

struct Lines {
  vtkSmartPointer<vtkPoints> points = vtkSmartPointer<vtkPoints>::New();
  vtkSmartPointer<vtkCellArray> cells = vtkSmartPointer<vtkCellArray>::New();
  void segment(double x0, double y0, double x1, double y1) {
    const vtkIdType ids[2] = {points->InsertNextPoint(x0, y0, 1), points->InsertNextPoint(x1, y1, 1)};
    cells->InsertNextCell(2, ids);
  }
  void box(double x0, double y0, double x1, double y1) {
    segment(x0, y0, x1, y0);
    segment(x1, y0, x1, y1);
    segment(x1, y1, x0, y1);
    segment(x0, y1, x0, y0);
  }
};

void add_shapes(vtkRenderer* renderer, const Shapes& shapes) {
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->SetPoints(shapes.points);
  poly->SetPolys(shapes.quads);
  poly->GetCellData()->SetScalars(shapes.colours);
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputData(poly);
  mapper->SetScalarModeToUseCellData();
  mapper->SetColorModeToDirectScalars();
  auto actor = vtkSmartPointer<vtkActor>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->LightingOff();
  renderer->AddActor(actor);
}

void add_lines(vtkRenderer* renderer, const Lines& lines, double width, double r, double g, double b) {
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->SetPoints(lines.points);
  poly->SetLines(lines.cells);
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputData(poly);
  mapper->ScalarVisibilityOff();
  auto actor = vtkSmartPointer<vtkActor>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(r, g, b);
  actor->GetProperty()->SetLineWidth(static_cast<float>(width));
  actor->GetProperty()->LightingOff();
  renderer->AddActor(actor);
}

void add_text(vtkRenderer* renderer, const std::string& s, double x, double y, int size, bool bold = false,
              bool centred = true, double r = 0.0, double g = 0.0, double b = 0.0) {
  auto actor = vtkSmartPointer<vtkTextActor>::New();
  actor->SetInput(s.c_str());
  vtkTextProperty* p = actor->GetTextProperty();
  p->SetFontSize(size);
  p->SetBold(bold);
  p->SetColor(r, g, b);
  if (centred) p->SetJustificationToCentered();
  p->SetVerticalJustificationToCentered();
  actor->SetPosition(x, y);
  renderer->AddActor2D(actor);
}

std::string format(const char* pattern, double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, v);
  return buffer;
}

}  // namespace

const std::vector<std::vector<double>>& schematic_state_colours() {
  static const std::vector<std::vector<double>> colours = {
      {0.20, 0.63, 0.17},  // busy: green
      {0.98, 0.85, 0.20},  // starved: yellow
      {0.98, 0.50, 0.05},  // blocked: orange
      {0.85, 0.10, 0.10},  // down: red
      {0.70, 0.70, 0.70},  // other (maintenance, ...): grey
  };
  return colours;
}

void render_line_schematic_png(const LineSchematic& schematic, const std::filesystem::path& path) {
  for (const SchematicLink& link : schematic.links)
    if (link.from >= schematic.stations.size() || link.to >= schematic.stations.size())
      throw std::invalid_argument("line schematic: a link names a missing station");
  const double W = schematic.width_px, H = schematic.height_px;
  auto window = make_offscreen_window(schematic.width_px, schematic.height_px);
  auto renderer = add_renderer(window, 0.0, 0.0, 1.0, 1.0);

  int columns = 1, rows = 1;
  for (const SchematicStation& s : schematic.stations) {
    columns = std::max(columns, s.column + 1);
    rows = std::max(rows, s.row + 1);
  }
  // Drawing area between the title (top 50 px) and the legend (bottom 70 px).
  const double top = H - 50, bottom = 70, cell_w = (W - 40) / columns, cell_h = (top - bottom) / rows;
  const double box_w = std::min(170.0, cell_w * 0.62), box_h = std::min(70.0, cell_h * 0.42);
  auto centre = [&](const SchematicStation& s) {
    return std::pair<double, double>{20 + (s.column + 0.5) * cell_w, top - (s.row + 0.5) * cell_h};
  };

  Shapes shapes;
  Lines outlines, bottleneck_outlines, links;
  const auto& colours = schematic_state_colours();
  for (const SchematicStation& s : schematic.stations) {
    const auto [cx, cy] = centre(s);
    const double x0 = cx - box_w / 2, y0 = cy - box_h / 2;
    // The box split left to right into its state fractions (clamped to the box).
    const double fractions[4] = {s.busy, s.starved, s.blocked, s.down};
    double at = 0.0;
    for (int k = 0; k < 4; ++k) {
      const double f = std::clamp(fractions[k], 0.0, 1.0 - at);
      if (f > 0.0) shapes.quad(x0 + at * box_w, y0, x0 + (at + f) * box_w, y0 + box_h, colours[k]);
      at += f;
    }
    if (at < 1.0) shapes.quad(x0 + at * box_w, y0, x0 + box_w, y0 + box_h, colours[4]);
    (s.bottleneck ? bottleneck_outlines : outlines).box(x0, y0, x0 + box_w, y0 + box_h);
    add_text(renderer, s.name + (s.machines > 1 ? " (x" + std::to_string(s.machines) + ")" : ""), cx,
             y0 + box_h + 14, 15, true);
    add_text(renderer, format("%.3g parts/h", s.throughput_per_h) + format("   OEE %.2f", s.oee), cx, y0 - 13, 13);
    if (s.bottleneck) add_text(renderer, "BOTTLENECK", cx, y0 - 31, 13, true, true, 0.8, 0.0, 0.0);
  }
  for (const SchematicLink& link : schematic.links) {
    const auto [ax, ay] = centre(schematic.stations[link.from]);
    const auto [bx, by] = centre(schematic.stations[link.to]);
    const double x0 = ax + box_w / 2, x1 = bx - box_w / 2;
    links.segment(x0, ay, x1, by);
    const double hx = x1, hy = by, angle = std::atan2(by - ay, x1 - x0);  // arrow head at the downstream box
    for (const double side : {-0.45, 0.45})
      links.segment(hx, hy, hx - 11 * std::cos(angle + side), hy - 11 * std::sin(angle + side));
    if (!link.buffer_label.empty()) {
      const double mx = (x0 + x1) / 2, my = (ay + by) / 2;
      shapes.quad(mx - 9, my - 7, mx + 9, my + 7, {0.85, 0.9, 1.0});
      outlines.box(mx - 9, my - 7, mx + 9, my + 7);
      add_text(renderer, link.buffer_label, mx, my + 16, 12);
    }
  }
  // Legend along the bottom.
  static const char* names[5] = {"busy", "starved", "blocked", "down", "other"};
  for (int k = 0; k < 5; ++k) {
    const double x = 30 + k * 130.0;
    shapes.quad(x, 32, x + 22, 48, colours[k]);
    outlines.box(x, 32, x + 22, 48);
    add_text(renderer, names[k], x + 30, 40, 14, false, false);
  }
  add_text(renderer, "buffer: mean parts / capacity", 30 + 5 * 130.0, 40, 14, false, false);
  if (!schematic.footer.empty()) add_text(renderer, schematic.footer, 30, 14, 13, false, false);
  add_text(renderer, schematic.title, W / 2, H - 24, 18, true);
  add_shapes(renderer, shapes);
  add_lines(renderer, outlines, 1.5, 0.0, 0.0, 0.0);
  add_lines(renderer, links, 2.0, 0.25, 0.25, 0.25);
  add_lines(renderer, bottleneck_outlines, 4.0, 0.85, 0.0, 0.0);

  vtkCamera* camera = renderer->GetActiveCamera();  // world units = pixels, origin at the bottom left
  camera->ParallelProjectionOn();
  camera->SetFocalPoint(W / 2, H / 2, 0.0);
  camera->SetPosition(W / 2, H / 2, 100.0);
  camera->SetViewUp(0.0, 1.0, 0.0);
  camera->SetParallelScale(H / 2);
  camera->SetClippingRange(1.0, 200.0);
  write_window_png(window, path);
}

}  // namespace twinlab::viz
