#include "viz/xy_chart.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkPlotBar.h>
#include <vtkPlotPoints.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include "viz/render_window.hpp"

namespace twinlab::viz {
namespace {

vtkSmartPointer<vtkTable> two_columns(const std::vector<double>& x, const std::vector<double>& y) {
  auto table = vtkSmartPointer<vtkTable>::New();
  auto xs = vtkSmartPointer<vtkDoubleArray>::New(), ys = vtkSmartPointer<vtkDoubleArray>::New();
  xs->SetName("x");
  ys->SetName("y");
  for (double v : x) xs->InsertNextValue(v);
  for (double v : y) ys->InsertNextValue(v);
  table->AddColumn(xs);
  table->AddColumn(ys);
  return table;
}

unsigned char byte(double v) { return static_cast<unsigned char>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0)); }

void style_axis(vtkAxis* axis, const std::string& title) {
  axis->SetTitle(title);
  axis->GetTitleProperties()->SetFontSize(15);
  axis->GetTitleProperties()->SetColor(0.0, 0.0, 0.0);
  axis->GetLabelProperties()->SetFontSize(13);
  axis->GetLabelProperties()->SetColor(0.0, 0.0, 0.0);
}

}  // namespace

void render_chart_png(const Chart& chart, const std::filesystem::path& path) {
  for (const ChartSeries& s : chart.series) {
    if (s.x.size() != s.y.size()) throw std::invalid_argument("chart '" + chart.title + "': x and y differ in length");
    if ((!s.error_low.empty() || !s.error_high.empty()) &&
        (s.error_low.size() != s.y.size() || s.error_high.size() != s.y.size()))
      throw std::invalid_argument("chart '" + chart.title + "': one error-bar end each per point needed");
  }
  auto window = make_offscreen_window(chart.width_px, chart.height_px);
  auto view = vtkSmartPointer<vtkContextView>::New();
  view->SetRenderWindow(window);
  view->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  auto xy = vtkSmartPointer<vtkChartXY>::New();
  view->GetScene()->AddItem(xy);
  xy->SetTitle(chart.title);
  xy->GetTitleProperties()->SetFontSize(17);
  xy->GetTitleProperties()->SetBold(true);
  xy->GetTitleProperties()->SetColor(0.0, 0.0, 0.0);
  style_axis(xy->GetAxis(vtkAxis::BOTTOM), chart.x_title);
  style_axis(xy->GetAxis(vtkAxis::LEFT), chart.y_title);
  if (chart.log_y) {
    xy->GetAxis(vtkAxis::LEFT)->SetLogScale(true);
  } else {  // 6 % of room above and below the data, so that a line at the extreme (a threshold) shows
    double low = INFINITY, high = -INFINITY;
    for (const ChartSeries& s : chart.series) {
      for (const std::vector<double>* values : {&s.y, &s.error_low, &s.error_high})
        for (double v : *values)
          if (std::isfinite(v)) low = std::min(low, v), high = std::max(high, v);
      if (s.kind == ChartSeries::Kind::bars) low = std::min(low, 0.0), high = std::max(high, 0.0);
    }
    if (low <= high) {
      const double pad = high > low ? 0.06 * (high - low) : std::max(1e-12, 0.06 * std::abs(high));
      vtkAxis* left = xy->GetAxis(vtkAxis::LEFT);
      left->SetBehavior(vtkAxis::FIXED);
      left->SetRange(low == 0.0 ? 0.0 : low - pad, high + pad);
    }
  }
  if (!chart.x_tick_labels.empty()) {
    auto positions = vtkSmartPointer<vtkDoubleArray>::New();
    auto labels = vtkSmartPointer<vtkStringArray>::New();
    for (std::size_t i = 0; i < chart.x_tick_labels.size(); ++i) {
      positions->InsertNextValue(static_cast<double>(i + 1));
      labels->InsertNextValue(chart.x_tick_labels[i]);
    }
    vtkAxis* bottom = xy->GetAxis(vtkAxis::BOTTOM);
    bottom->SetCustomTickPositions(positions, labels);
    bottom->SetBehavior(vtkAxis::FIXED);
    bottom->SetRange(0.4, chart.x_tick_labels.size() + 0.6);
  }
  xy->SetShowLegend(chart.legend);
  xy->GetLegend()->GetLabelProperties()->SetFontSize(13);
  xy->GetLegend()->GetLabelProperties()->SetColor(0.0, 0.0, 0.0);

  std::vector<vtkSmartPointer<vtkTable>> tables;  // kept alive until the picture is written
  for (const ChartSeries& s : chart.series) {
    if (s.x.empty()) continue;
    auto table = two_columns(s.x, s.y);
    tables.push_back(table);
    vtkPlot* plot = nullptr;
    switch (s.kind) {
      case ChartSeries::Kind::line: plot = xy->AddPlot(vtkChart::LINE); break;
      case ChartSeries::Kind::points: plot = xy->AddPlot(vtkChart::POINTS); break;
      case ChartSeries::Kind::bars: plot = xy->AddPlot(vtkChart::BAR); break;
    }
    plot->SetInputData(table, 0, 1);
    plot->SetColor(byte(s.rgb[0]), byte(s.rgb[1]), byte(s.rgb[2]), 255);
    plot->SetWidth(static_cast<float>(s.width_px));
    plot->SetLabel(s.name);
    plot->SetLegendVisibility(!s.name.empty());
    if (auto* points = vtkPlotPoints::SafeDownCast(plot); points != nullptr && s.kind == ChartSeries::Kind::points)
      points->SetMarkerStyle(vtkPlotPoints::CIRCLE);
    if (auto* bars = vtkPlotBar::SafeDownCast(plot)) bars->SetWidth(0.6f);
    // Error bars: a black two-point line per point (VTK 9.1's plots draw none themselves).
    for (std::size_t i = 0; i < s.error_low.size(); ++i) {
      if (!std::isfinite(s.error_low[i]) || !std::isfinite(s.error_high[i])) continue;
      auto bar = two_columns({s.x[i], s.x[i]}, {s.error_low[i], s.error_high[i]});
      tables.push_back(bar);
      vtkPlot* line = xy->AddPlot(vtkChart::LINE);
      line->SetInputData(bar, 0, 1);
      line->SetColor(0, 0, 0, 255);
      line->SetWidth(1.5f);
      line->SetLegendVisibility(false);
    }
  }
  write_window_png(window, path);
}

}  // namespace twinlab::viz
