// viz/xy_chart: each kind of series renders to a PNG of the requested size, not blank, in its colour.
#include "viz/xy_chart.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>

#include "tests/support/test_files.hpp"
#include "tests/viz/png_pixels.hpp"
#include "viz/offscreen_display.hpp"

namespace viz = twinlab::viz;
namespace test = twinlab::test;

namespace {

// Pixels close to `rgb` (each channel within 40: anti-aliased edges blend with white).
long count_near(const test::PngPixels& png, std::array<int, 3> rgb) {
  long n = 0;
  for (int y = 0; y < png.height; ++y)
    for (int x = 0; x < png.width; ++x) {
      const auto c = png.rgb(x, y);
      if (std::abs(c[0] - rgb[0]) < 40 && std::abs(c[1] - rgb[1]) < 40 && std::abs(c[2] - rgb[2]) < 40) ++n;
    }
  return n;
}

}  // namespace

TEST_CASE("line, points and bars with error bars render in their colours") {
  const std::string problem = viz::display_problem();
  if (!problem.empty()) {
    test::skip(problem);
    return;
  }
  test::ScratchDir scratch("png", "chart");
  using Kind = viz::ChartSeries::Kind;
  const auto kind = GENERATE(Kind::line, Kind::points, Kind::bars);
  CAPTURE(static_cast<int>(kind));
  viz::Chart chart;
  chart.title = "test chart";
  chart.x_title = "x [s]";
  chart.y_title = "y [1]";
  chart.width_px = 640;
  chart.height_px = 400;
  viz::ChartSeries series;
  series.name = "pure red";
  series.kind = kind;
  series.rgb = {1.0, 0.0, 0.0};
  series.width_px = kind == Kind::points ? 8.0 : 3.0;
  for (int i = 1; i <= 8; ++i) {
    series.x.push_back(i);
    series.y.push_back(1.0 + std::sin(i));
    series.error_low.push_back(series.y.back() - 0.2);
    series.error_high.push_back(series.y.back() + 0.3);
  }
  chart.series.push_back(series);
  if (kind == Kind::bars) chart.x_tick_labels = {"a", "b", "c", "d", "e", "f", "g", "h"};
  const auto path = scratch.dir / "chart.png";
  viz::render_chart_png(chart, path);
  const test::PngPixels png(path);
  REQUIRE(png.width == 640);
  REQUIRE(png.height == 400);
  CHECK(png.non_white_fraction() > 0.01);
  CHECK(png.distinct_colours() > 5);
  // The series' own colour is drawn: a line of 8 points spans hundreds of pixels; bars thousands.
  CHECK(count_near(png, {255, 0, 0}) > (kind == Kind::bars ? 2000 : 100));
}

TEST_CASE("a chart whose arrays disagree is refused") {
  viz::Chart chart;
  chart.series.push_back({"bad", viz::ChartSeries::Kind::line, {1, 2, 3}, {1, 2}, {}, {}, {0, 0, 0}, 2.0});
  test::ScratchDir scratch("png", "chart-bad");
  CHECK_THROWS_AS(viz::render_chart_png(chart, scratch.dir / "bad.png"), std::invalid_argument);
  chart.series[0].y.push_back(3);
  chart.series[0].error_low = {0, 1, 2};  // error_high missing
  CHECK_THROWS_AS(viz::render_chart_png(chart, scratch.dir / "bad.png"), std::invalid_argument);
  CHECK_FALSE(std::filesystem::exists(scratch.dir / "bad.png"));
}
