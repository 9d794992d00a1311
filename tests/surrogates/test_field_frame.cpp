// surrogates/field_frame: the wind-aligned frame, its conventions and the rotation round trip.
#include <catch2/catch.hpp>

#include <cmath>

#include "surrogates/field_frame.hpp"

using namespace twinlab::surrogates;

namespace {

FieldGrid grid(std::size_t n, double half_width) {
  FieldGrid g;
  for (std::size_t i = 0; i < n; ++i) {
    const double c = -half_width + 2.0 * half_width * static_cast<double>(i) / static_cast<double>(n - 1);
    g.x.push_back(c + 100.0);  // the grid is not centred on the origin (300, -200)
    g.y.push_back(c - 50.0);
  }
  return g;
}

// A smooth plume-like bump downwind of (ox, oy) for wind FROM `direction_deg`: centred 600 m downwind.
std::vector<double> bump(const FieldGrid& g, double ox, double oy, double direction_deg) {
  const double d = direction_deg * M_PI / 180.0;
  std::vector<double> v;
  for (const double y : g.y)
    for (const double x : g.x) {
      const double s = -(x - ox) * std::sin(d) - (y - oy) * std::cos(d);
      const double n = (x - ox) * std::cos(d) - (y - oy) * std::sin(d);
      v.push_back(std::exp(-std::pow((s - 600.0) / 400.0, 2) - std::pow(n / 250.0, 2)));
    }
  return v;
}

}  // namespace

TEST_CASE("The aligned grid covers every node of the field for any direction", "[frame]") {
  const FieldGrid g = grid(41, 2000.0);
  const AlignedFrame f = aligned_frame_for(g, 300.0, -200.0);
  // Farthest corner from (300, -200): (-1900, 1950), 3076 m away; spacing 100 m / 2 -> 62 nodes each
  // side of the origin.
  CHECK(f.s.size() == 125);
  CHECK(f.s.front() == Approx(-3100.0));
  CHECK(f.n.back() == Approx(3100.0));
}

TEST_CASE("Wind from 270 deg blows towards +x: downwind s is +x and the left n is +y", "[frame]") {
  const FieldGrid g = grid(41, 2000.0);
  const AlignedFrame f = aligned_frame_for(g, 300.0, -200.0);
  // A field equal to x - 300 (exactly linear: bilinear resampling is exact) seen in the frame of a west wind
  // is s; y + 200 is n.
  std::vector<double> fx, fy;
  for (const double y : g.y)
    for (const double x : g.x) {
      fx.push_back(x - 300.0);
      fy.push_back(y + 200.0);
    }
  const AlignedField ax = to_aligned(g, fx, f, 270.0), ay = to_aligned(g, fy, f, 270.0);
  std::size_t checked = 0;
  for (std::size_t j = 0; j < f.n.size(); ++j)
    for (std::size_t i = 0; i < f.s.size(); ++i) {
      const std::size_t k = j * f.s.size() + i;
      if (!ax.present[k]) continue;
      ++checked;
      CHECK(ax.values[k] == Approx(f.s[i]).margin(1e-6));
      CHECK(ay.values[k] == Approx(f.n[j]).margin(1e-6));
    }
  CHECK(checked > 1000);
}

TEST_CASE("A plume turned with the wind is the same field in the aligned frame, and rotates back", "[frame]") {
  const FieldGrid g = grid(81, 2000.0);  // 50 m spacing; the bump's widths are 250-400 m
  const AlignedFrame f = aligned_frame_for(g, 300.0, -200.0);
  const double direction = GENERATE(200.0, 237.5, 270.0, 301.0);
  CAPTURE(direction);
  const std::vector<double> field = bump(g, 300.0, -200.0, direction);
  const AlignedField a = to_aligned(g, field, f, direction);
  // In the aligned frame the bump sits at s = 600, n = 0 whatever the direction: compare with the bump of a
  // 270 deg wind seen in its own frame (interpolation error of a 50 m grid on a 250 m Gaussian: < 2 % of 1).
  const AlignedField reference = to_aligned(g, bump(g, 300.0, -200.0, 270.0), f, 270.0);
  double worst_frame = 0.0;
  for (std::size_t k = 0; k < a.values.size(); ++k)
    if (a.present[k] && reference.present[k]) worst_frame = std::max(worst_frame, std::abs(a.values[k] - reference.values[k]));
  CHECK(worst_frame < 0.02);
  // Round trip: back on the original grid, relative L2 error below 1 % (two bilinear resamplings of a smooth
  // field at 1/5 - 1/8 of its width); the gaps are far from the bump and take the value 0 there.
  std::vector<double> filled = a.values;
  const std::vector<double> back = from_aligned(f, filled, g, direction, 0.0);
  double e = 0.0, t = 0.0;
  for (std::size_t k = 0; k < field.size(); ++k) {
    e += std::pow(back[k] - field[k], 2);
    t += field[k] * field[k];
  }
  CHECK(std::sqrt(e / t) < 0.01);
}
