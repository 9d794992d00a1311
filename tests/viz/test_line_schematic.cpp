// viz/line_schematic: three stations in a row; each box is filled with its state colours in proportion.
#include "viz/line_schematic.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "tests/support/test_files.hpp"
#include "tests/viz/png_pixels.hpp"
#include "viz/offscreen_display.hpp"

namespace viz = twinlab::viz;
namespace test = twinlab::test;

TEST_CASE("a three-station line: boxes coloured by state, left to right") {
  const std::string problem = viz::display_problem();
  if (!problem.empty()) {
    test::skip(problem);
    return;
  }
  viz::LineSchematic line;
  line.title = "three stations";
  line.width_px = 1200;
  line.height_px = 520;
  // A: all busy; B: half busy, half blocked (the bottleneck); C: all down.
  line.stations = {{"A", 0, 0, 1.0, 0.0, 0.0, 0.0, 60.0, 0.9, 1, false},
                   {"B", 1, 0, 0.5, 0.0, 0.5, 0.0, 55.0, 0.5, 2, true},
                   {"C", 2, 0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1, false}};
  line.links = {{0, 1, "1.5 / 4"}, {1, 2, "0.2 / 4"}};
  test::ScratchDir scratch("png", "line");
  const auto path = scratch.dir / "line.png";
  viz::render_line_schematic_png(line, path);
  const test::PngPixels png(path);
  REQUIRE(png.width == 1200);
  REQUIRE(png.height == 520);
  CHECK(png.non_white_fraction() > 0.03);

  // Box centres as line_schematic.cpp lays them out: 3 columns over 1160 px from x = 20, one row centred
  // between y = 70 and 470 from the bottom (row 520 - 1 - 270 = 249 from the top); boxes 170 x 70 px.
  const auto colours = viz::schematic_state_colours();
  auto near = [&](int column, int row, const std::vector<double>& rgb) {
    const auto c = png.rgb(column, row);
    INFO("pixel " << column << "," << row << ": " << c[0] << "," << c[1] << "," << c[2]);
    for (int k = 0; k < 3; ++k)
      if (std::abs(c[k] - rgb[k] * 255) > 3) return false;
    return true;
  };
  const double cell = 1160.0 / 3;
  const int row = 520 - 1 - 270;
  auto centre = [&](int column) { return static_cast<int>(20 + (column + 0.5) * cell); };
  CHECK(near(centre(0), row, colours[0]));       // A busy: green
  CHECK(near(centre(1) - 40, row, colours[0]));  // B's left half busy
  CHECK(near(centre(1) + 40, row, colours[2]));  // B's right half blocked: orange
  CHECK(near(centre(2), row, colours[3]));       // C down: red
}

TEST_CASE("a link to a missing station is refused") {
  viz::LineSchematic line;
  line.stations.resize(1);
  line.links = {{0, 3, ""}};
  test::ScratchDir scratch("png", "line-bad");
  CHECK_THROWS_AS(viz::render_line_schematic_png(line, scratch.dir / "bad.png"), std::invalid_argument);
}
