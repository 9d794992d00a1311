#include "viz/field_picture.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkAxisActor2D.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkContourFilter.h>
#include <vtkCoordinate.h>
#include <vtkDataSetMapper.h>
#include <vtkDoubleArray.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkProperty2D.h>
#include <vtkRectilinearGrid.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include "viz/render_window.hpp"

namespace twinlab::viz {
namespace {

// Layout in pixels: a title strip on top, a colour-bar strip on the right, margins inside each panel for its
// title (top) and the axes (left, bottom).
constexpr int kTitleStripPx = 40, kBarStripPx = 130;
constexpr int kMarginLeftPx = 110, kMarginRightPx = 20, kMarginBottomPx = 60, kMarginTopPx = 34;

// The panel's world window: metres per pixel and the world point at the renderer's lower-left pixel.
struct PanelFrame {
  double metres_per_px = 1.0, x_left_m = 0.0, y_bottom_m = 0.0;
  int width_px = 0, height_px = 0;
};

PanelFrame panel_frame(const FieldPicture& picture, const FieldPanel& panel) {
  PanelFrame frame;
  frame.width_px = picture.panel_width_px;
  frame.height_px = picture.height_px - kTitleStripPx;
  const double dx = panel.x_m.back() - panel.x_m.front(), dy = panel.y_m.back() - panel.y_m.front();
  const double room_x = frame.width_px - kMarginLeftPx - kMarginRightPx;
  const double room_y = frame.height_px - kMarginBottomPx - kMarginTopPx;
  frame.metres_per_px = std::max(dx / room_x, dy / room_y);
  // Centre the domain in the room left by the margins.
  frame.x_left_m = panel.x_m.front() - kMarginLeftPx * frame.metres_per_px - (room_x * frame.metres_per_px - dx) / 2;
  frame.y_bottom_m =
      panel.y_m.front() - kMarginBottomPx * frame.metres_per_px - (room_y * frame.metres_per_px - dy) / 2;
  return frame;
}

void check(const FieldPicture& picture) {
  if (picture.panels.empty()) throw std::invalid_argument("field picture: no panel");
  if (!(picture.low > 0.0 && picture.high > picture.low))
    throw std::invalid_argument("field picture: colour range must satisfy 0 < low < high");
  for (const FieldPanel& p : picture.panels) {
    if (p.x_m.size() < 2 || p.y_m.size() < 2) throw std::invalid_argument("field picture: grid needs 2 x 2 points");
    if (p.values.size() != p.x_m.size() * p.y_m.size())
      throw std::invalid_argument("field picture: values do not match the grid");
    for (std::size_t i = 1; i < p.x_m.size(); ++i)
      if (!(p.x_m[i] > p.x_m[i - 1])) throw std::invalid_argument("field picture: x not ascending");
    for (std::size_t i = 1; i < p.y_m.size(); ++i)
      if (!(p.y_m[i] > p.y_m[i - 1])) throw std::invalid_argument("field picture: y not ascending");
  }
}

// Pale yellow -> orange -> red -> dark purple: light where the concentration is low, dark where it is high.
vtkSmartPointer<vtkLookupTable> plume_colours(double low, double high, bool log_table) {
  static constexpr double stops[][3] = {
      {1.00, 0.98, 0.75}, {0.99, 0.80, 0.36}, {0.97, 0.50, 0.18}, {0.86, 0.17, 0.12}, {0.55, 0.02, 0.25},
      {0.25, 0.00, 0.30}};
  constexpr int n_stops = 6, n_colours = 256;
  auto table = vtkSmartPointer<vtkLookupTable>::New();
  table->SetNumberOfTableValues(n_colours);
  for (int i = 0; i < n_colours; ++i) {
    const double t = static_cast<double>(i) / (n_colours - 1) * (n_stops - 1);
    const int k = std::min(static_cast<int>(t), n_stops - 2);
    const double f = t - k;
    table->SetTableValue(i, stops[k][0] + f * (stops[k + 1][0] - stops[k][0]),
                         stops[k][1] + f * (stops[k + 1][1] - stops[k][1]),
                         stops[k][2] + f * (stops[k + 1][2] - stops[k][2]), 1.0);
  }
  if (log_table) {
    table->SetScaleToLog10();
    table->SetTableRange(low, high);
  } else {
    table->SetTableRange(std::log10(low), std::log10(high));
  }
  table->SetBelowRangeColor(1.0, 1.0, 1.0, 1.0);
  table->UseBelowRangeColorOn();
  table->Build();
  return table;
}

vtkSmartPointer<vtkTextActor> text(const std::string& s, int size, bool bold = false) {
  auto actor = vtkSmartPointer<vtkTextActor>::New();
  actor->SetInput(s.c_str());
  actor->GetTextProperty()->SetFontSize(size);
  actor->GetTextProperty()->SetColor(0.0, 0.0, 0.0);
  actor->GetTextProperty()->SetBold(bold);
  return actor;
}

vtkSmartPointer<vtkActor> lines_actor(vtkPolyData* lines, double width, double r, double g, double b) {
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputData(lines);
  mapper->ScalarVisibilityOff();
  auto actor = vtkSmartPointer<vtkActor>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(r, g, b);
  actor->GetProperty()->SetLineWidth(static_cast<float>(width));
  actor->GetProperty()->SetPointSize(static_cast<float>(width));
  actor->GetProperty()->LightingOff();
  return actor;
}

std::string short_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", v);
  return buffer;
}

void add_panel(vtkRenderWindow* window, const FieldPicture& picture, std::size_t index, int window_width_px) {
  const FieldPanel& panel = picture.panels[index];
  const PanelFrame frame = panel_frame(picture, panel);
  const double W = window_width_px, H = picture.height_px;
  auto renderer = add_renderer(window, index * frame.width_px / W, 0.0, (index + 1) * frame.width_px / W,
                               frame.height_px / H);
  const double s = frame.metres_per_px;
  const double z_lines = 1.0, z_markers = 2.0;  // drawn over the field (the camera looks down -z)

  // The field: log10 of the value at each grid point, coloured through the table; below `low`: white.
  const std::size_t nx = panel.x_m.size(), ny = panel.y_m.size();
  auto grid = vtkSmartPointer<vtkRectilinearGrid>::New();
  grid->SetDimensions(static_cast<int>(nx), static_cast<int>(ny), 1);
  auto xs = vtkSmartPointer<vtkDoubleArray>::New(), ys = vtkSmartPointer<vtkDoubleArray>::New(),
       zs = vtkSmartPointer<vtkDoubleArray>::New();
  for (double x : panel.x_m) xs->InsertNextValue(x);
  for (double y : panel.y_m) ys->InsertNextValue(y);
  zs->InsertNextValue(0.0);
  grid->SetXCoordinates(xs);
  grid->SetYCoordinates(ys);
  grid->SetZCoordinates(zs);
  auto logs = vtkSmartPointer<vtkDoubleArray>::New();
  logs->SetName("log10_value");
  const double floor_log = std::log10(picture.low) - 3.0;  // zero and negative values: far below the range
  for (double v : panel.values) logs->InsertNextValue(v > 0.0 && std::isfinite(v) ? std::log10(v) : floor_log);
  grid->GetPointData()->SetScalars(logs);
  auto mapper = vtkSmartPointer<vtkDataSetMapper>::New();
  mapper->SetInputData(grid);
  mapper->SetLookupTable(plume_colours(picture.low, picture.high, false));
  mapper->UseLookupTableScalarRangeOn();
  mapper->InterpolateScalarsBeforeMappingOn();
  auto field = vtkSmartPointer<vtkActor>::New();
  field->SetMapper(mapper);
  field->GetProperty()->LightingOff();
  renderer->AddActor(field);

  // Contour lines at the given levels.
  if (!picture.contours.empty()) {
    auto contour = vtkSmartPointer<vtkContourFilter>::New();
    contour->SetInputData(grid);
    for (std::size_t i = 0; i < picture.contours.size(); ++i)
      if (picture.contours[i] > 0.0) contour->SetValue(static_cast<int>(i), std::log10(picture.contours[i]));
    contour->Update();
    auto lines = lines_actor(contour->GetOutput(), 1.6, 0.0, 0.0, 0.0);
    lines->SetPosition(0.0, 0.0, z_lines);
    renderer->AddActor(lines);
  }

  // Markers and their labels.
  for (const bool sources : {false, true}) {
    auto points = vtkSmartPointer<vtkPoints>::New();
    auto vertices = vtkSmartPointer<vtkCellArray>::New();
    for (const MapMarker& m : panel.markers)
      if (m.is_source == sources) {
        const vtkIdType id = points->InsertNextPoint(m.x_m, m.y_m, z_markers);
        vertices->InsertNextCell(1, &id);
      }
    if (points->GetNumberOfPoints() == 0) continue;
    auto poly = vtkSmartPointer<vtkPolyData>::New();
    poly->SetPoints(points);
    poly->SetVerts(vertices);
    renderer->AddActor(sources ? lines_actor(poly, 12.0, 0.0, 0.0, 0.0) : lines_actor(poly, 10.0, 0.05, 0.35, 0.95));
  }
  for (const MapMarker& m : panel.markers) {
    auto label = text(m.label, 14, m.is_source);
    label->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    label->GetPositionCoordinate()->SetValue(m.x_m + 8 * s, m.y_m + 4 * s, z_markers);
    label->GetTextProperty()->SetColor(m.is_source ? 0.0 : 0.0, m.is_source ? 0.0 : 0.15, m.is_source ? 0.0 : 0.6);
    renderer->AddActor2D(label);
  }

  // Wind arrow in the top-right corner of the domain, pointing downwind, 50 px long.
  if (panel.wind) {
    const double pi = std::acos(-1.0), theta = panel.wind->direction_from_deg * pi / 180.0;
    const double ux = -std::sin(theta), uy = -std::cos(theta), length = 50 * s;
    const double cx = panel.x_m.back() - 45 * s, cy = panel.y_m.back() - 45 * s;
    const double tx = cx - ux * length / 2, ty = cy - uy * length / 2, hx = cx + ux * length / 2,
                 hy = cy + uy * length / 2;
    auto points = vtkSmartPointer<vtkPoints>::New();
    points->InsertNextPoint(tx, ty, z_markers);
    points->InsertNextPoint(hx, hy, z_markers);
    const double head = 14 * s, spread = 0.45;
    for (const double side : {-1.0, 1.0}) {
      const double a = std::atan2(uy, ux) + pi + side * spread;
      points->InsertNextPoint(hx + head * std::cos(a), hy + head * std::sin(a), z_markers);
    }
    auto cells = vtkSmartPointer<vtkCellArray>::New();
    const vtkIdType shaft[2] = {0, 1}, left[2] = {1, 2}, right[2] = {1, 3};
    cells->InsertNextCell(2, shaft);
    cells->InsertNextCell(2, left);
    cells->InsertNextCell(2, right);
    auto poly = vtkSmartPointer<vtkPolyData>::New();
    poly->SetPoints(points);
    poly->SetLines(cells);
    renderer->AddActor(lines_actor(poly, 3.0, 0.1, 0.1, 0.45));
    auto label = text("wind " + short_number(panel.wind->speed_m_s) + " m/s", 13);
    label->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    label->GetPositionCoordinate()->SetValue(cx - 40 * s, cy - 42 * s, z_markers);
    renderer->AddActor2D(label);
  }

  // Axes along the bottom and left edges of the domain.
  const double x0 = panel.x_m.front(), x1 = panel.x_m.back(), y0 = panel.y_m.front(), y1 = panel.y_m.back();
  auto axis = [&](double ax, double ay, double bx, double by, double from, double to, const char* title) {
    auto a = vtkSmartPointer<vtkAxisActor2D>::New();
    a->GetPoint1Coordinate()->SetCoordinateSystemToWorld();
    a->GetPoint1Coordinate()->SetValue(ax, ay, 0.0);
    a->GetPoint2Coordinate()->SetCoordinateSystemToWorld();
    a->GetPoint2Coordinate()->SetValue(bx, by, 0.0);
    a->SetRange(from, to);
    a->SetTitle(title);
    a->SetNumberOfLabels(5);
    a->SetLabelFormat("%.0f");
    a->AdjustLabelsOn();
    a->SetFontFactor(1.0);
    a->SetLabelFactor(0.8);
    a->GetProperty()->SetColor(0.0, 0.0, 0.0);
    for (vtkTextProperty* p : {a->GetTitleTextProperty(), a->GetLabelTextProperty()}) {
      p->SetColor(0.0, 0.0, 0.0);
      p->ShadowOff();
      p->ItalicOff();
      p->BoldOff();
    }
    renderer->AddActor2D(a);
  };
  axis(x0, y0, x1, y0, x0, x1, "x [m]");
  axis(x0, y1, x0, y0, y1, y0, "y [m]");

  auto title = text(panel.title, 16, true);
  title->SetPosition(kMarginLeftPx, frame.height_px - kMarginTopPx + 8);
  renderer->AddActor2D(title);

  // Parallel projection looking down -z, the world window of panel_frame().
  vtkCamera* camera = renderer->GetActiveCamera();
  camera->ParallelProjectionOn();
  const double fx = frame.x_left_m + frame.width_px * s / 2, fy = frame.y_bottom_m + frame.height_px * s / 2;
  const double distance = 10.0 * std::max(frame.width_px, frame.height_px) * s;
  camera->SetFocalPoint(fx, fy, 0.0);
  camera->SetPosition(fx, fy, distance);
  camera->SetViewUp(0.0, 1.0, 0.0);
  camera->SetParallelScale(frame.height_px * s / 2);
  camera->SetClippingRange(distance - 10.0, distance + 10.0);
}

}  // namespace

int field_picture_width_px(const FieldPicture& picture) {
  return static_cast<int>(picture.panels.size()) * picture.panel_width_px + kBarStripPx;
}

PixelPosition field_pixel(const FieldPicture& picture, std::size_t panel, double x_m, double y_m) {
  check(picture);
  const PanelFrame frame = panel_frame(picture, picture.panels.at(panel));
  const double from_left = (x_m - frame.x_left_m) / frame.metres_per_px;
  const double from_bottom = (y_m - frame.y_bottom_m) / frame.metres_per_px;
  return {static_cast<int>(panel) * frame.width_px + static_cast<int>(std::floor(from_left)),
          picture.height_px - 1 - static_cast<int>(std::floor(from_bottom))};
}

void render_field_png(const FieldPicture& picture, const std::filesystem::path& path) {
  check(picture);
  const int width = field_picture_width_px(picture);
  auto window = make_offscreen_window(width, picture.height_px);
  for (std::size_t i = 0; i < picture.panels.size(); ++i) add_panel(window, picture, i, width);

  const double W = width, H = picture.height_px;
  auto top = add_renderer(window, 0.0, (H - kTitleStripPx) / H, 1.0, 1.0);
  auto title = text(picture.title, 18, true);
  title->GetTextProperty()->SetJustificationToCentered();
  title->GetTextProperty()->SetVerticalJustificationToCentered();
  title->SetPosition(width / 2.0, kTitleStripPx / 2.0);
  top->AddActor2D(title);

  auto right = add_renderer(window, (W - kBarStripPx) / W, 0.0, 1.0, (H - kTitleStripPx) / H);
  auto bar = vtkSmartPointer<vtkScalarBarActor>::New();
  bar->SetLookupTable(plume_colours(picture.low, picture.high, true));
  bar->SetTitle(picture.units.c_str());
  bar->SetNumberOfLabels(5);
  bar->SetLabelFormat("%.3g");
  bar->UnconstrainedFontSizeOn();
  bar->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  bar->GetPositionCoordinate()->SetValue(0.08, 0.2);
  bar->SetWidth(0.8);
  bar->SetHeight(0.66);
  bar->SetBarRatio(0.3);
  for (vtkTextProperty* p : {bar->GetTitleTextProperty(), bar->GetLabelTextProperty()}) {
    p->SetColor(0.0, 0.0, 0.0);
    p->ShadowOff();
    p->ItalicOff();
    p->SetFontSize(14);
  }
  right->AddActor2D(bar);
  if (!picture.contours.empty()) {
    std::string levels = "lines at";
    for (double c : picture.contours) levels += "\n" + short_number(c) + " " + picture.units;
    auto legend = text(levels, 13);
    legend->SetPosition(8, 20);
    right->AddActor2D(legend);
  }
  write_window_png(window, path);
}

}  // namespace twinlab::viz
