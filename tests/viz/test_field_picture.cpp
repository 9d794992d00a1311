// viz/field_picture: a synthetic field rendered to PNG and read back: size, not blank, the high-concentration
// colours where the field is high, white where it is zero, the sensor marker where it was placed.
#include "viz/field_picture.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "tests/support/test_files.hpp"
#include "tests/viz/png_pixels.hpp"
#include "viz/offscreen_display.hpp"

namespace viz = twinlab::viz;
namespace test = twinlab::test;

namespace {

// A Gaussian blob of peak 100 at (300 m, 400 m), sigma 80 m, on x 0..1000 m, y 0..800 m (20 m spacing); zero
// for x > 600 m. Colour range 0.1 .. 100: the blob's centre takes the darkest colour, the right part is white.
viz::FieldPicture synthetic_picture() {
  viz::FieldPanel panel;
  panel.title = "synthetic";
  for (int i = 0; i <= 50; ++i) panel.x_m.push_back(20.0 * i);
  for (int j = 0; j <= 40; ++j) panel.y_m.push_back(20.0 * j);
  for (double y : panel.y_m)
    for (double x : panel.x_m) {
      const double r2 = (x - 300) * (x - 300) + (y - 400) * (y - 400);
      panel.values.push_back(x > 600 ? 0.0 : 100.0 * std::exp(-r2 / (2 * 80.0 * 80.0)));
    }
  panel.markers.push_back({850.0, 200.0, "sensor A", false});
  panel.markers.push_back({300.0, 400.0, "stack", true});
  panel.wind = viz::WindArrow{270.0, 5.0};
  viz::FieldPicture picture;
  picture.title = "synthetic field";
  picture.units = "ug/m3";
  picture.low = 0.1;
  picture.high = 100.0;
  picture.contours = {50.0, 10.0};
  picture.panels.push_back(panel);
  return picture;
}

bool display_or_skip() {
  const std::string problem = viz::display_problem();
  if (problem.empty()) return true;
  test::skip(problem);
  return false;
}

}  // namespace

TEST_CASE("a synthetic field renders with plume colours where it is high and white where it is zero") {
  if (!display_or_skip()) return;
  test::ScratchDir scratch("png", "field");
  const viz::FieldPicture picture = synthetic_picture();
  const auto path = scratch.dir / "field.png";
  viz::render_field_png(picture, path);
  const test::PngPixels png(path);
  REQUIRE(png.width == viz::field_picture_width_px(picture));
  REQUIRE(png.height == picture.height_px);
  // Not blank: a fair share of coloured pixels (field, axes, labels) and many colours (the log ramp).
  CHECK(png.non_white_fraction() > 0.1);
  CHECK(png.non_white_fraction() < 0.9);
  CHECK(png.distinct_colours() > 50);

  // 40 m from the centre the field is 100 * exp(-0.125) = 88: within the top 2 % of the log range, the
  // darkest colours (red and blue channels well below the pale low end of the ramp).
  const auto high = png.rgb(viz::field_pixel(picture, 0, 340, 400).column, viz::field_pixel(picture, 0, 340, 400).row);
  INFO("high pixel " << high[0] << "," << high[1] << "," << high[2]);
  CHECK(high[0] < 140);
  CHECK(high[1] < 40);
  // Where the field is zero (x = 800 m, away from the sensor and the wind arrow): white background.
  const auto zero = viz::field_pixel(picture, 0, 800, 500);
  CHECK(png.rgb(zero.column, zero.row) == std::array<int, 3>{255, 255, 255});
  // 250 m from the centre the field is 100 * exp(-4.9) = 0.75, near the low end: pale (green channel high).
  const auto low = viz::field_pixel(picture, 0, 300, 650);
  const auto pale = png.rgb(low.column, low.row);
  INFO("low pixel " << pale[0] << "," << pale[1] << "," << pale[2]);
  CHECK(pale[0] > 230);
  CHECK(pale[1] > 150);
  CHECK(pale != (std::array<int, 3>{255, 255, 255}));
  // The sensor marker: a blue dot (10 px) centred on its position.
  const auto sensor = viz::field_pixel(picture, 0, 850, 200);
  const auto blue = png.rgb(sensor.column, sensor.row);
  INFO("sensor pixel " << blue[0] << "," << blue[1] << "," << blue[2]);
  CHECK(blue[2] > 200);
  CHECK(blue[0] < 60);
}

TEST_CASE("two panels render side by side with one colour bar") {
  if (!display_or_skip()) return;
  test::ScratchDir scratch("png", "two-panels");
  viz::FieldPicture picture = synthetic_picture();
  picture.panels.push_back(picture.panels.front());
  picture.panels.back().title = "second";
  for (double& v : picture.panels.back().values) v = 0.0;  // the second panel is empty: white where the first is dark
  const auto path = scratch.dir / "two.png";
  viz::render_field_png(picture, path);
  const test::PngPixels png(path);
  REQUIRE(png.width == 2 * picture.panel_width_px + (viz::field_picture_width_px(picture) - 2 * picture.panel_width_px));
  const auto left = viz::field_pixel(picture, 0, 340, 400), right = viz::field_pixel(picture, 1, 340, 400);
  CHECK(right.column - left.column == picture.panel_width_px);
  CHECK(png.rgb(left.column, left.row)[1] < 40);
  CHECK(png.rgb(right.column, right.row) == std::array<int, 3>{255, 255, 255});
}

TEST_CASE("inconsistent field arrays are refused before anything is drawn") {
  viz::FieldPicture picture = synthetic_picture();
  picture.panels[0].values.pop_back();
  test::ScratchDir scratch("png", "bad");
  CHECK_THROWS_AS(viz::render_field_png(picture, scratch.dir / "bad.png"), std::invalid_argument);
  CHECK_FALSE(std::filesystem::exists(scratch.dir / "bad.png"));
  picture = synthetic_picture();
  picture.low = 0.0;
  CHECK_THROWS_AS(viz::render_field_png(picture, scratch.dir / "bad.png"), std::invalid_argument);
}
