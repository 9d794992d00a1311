#include "surrogates/field_frame.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace twinlab::surrogates {
namespace {

// Bilinear value at fractional node indices (fi along the fast axis, fj along the slow one) of a (rows, cols)
// array; a corner outside the array contributes `outside`. Returns whether (fi, fj) lies inside the array
// (within round-off of its edges).
double bilinear(std::span<const double> v, std::size_t rows, std::size_t cols, double fi, double fj, double outside,
                bool* inside = nullptr) {
  const double tol = 1e-9;
  if (inside) *inside = fi >= -tol && fj >= -tol && fi <= static_cast<double>(cols - 1) + tol &&
                         fj <= static_cast<double>(rows - 1) + tol;
  const double i0f = std::floor(fi), j0f = std::floor(fj);
  const double wi = fi - i0f, wj = fj - j0f;
  const auto at = [&](double i, double j) {
    if (i < 0 || j < 0 || i > static_cast<double>(cols - 1) || j > static_cast<double>(rows - 1)) return outside;
    return v[static_cast<std::size_t>(j) * cols + static_cast<std::size_t>(i)];
  };
  return (1 - wj) * ((1 - wi) * at(i0f, j0f) + wi * at(i0f + 1, j0f)) +
         wj * ((1 - wi) * at(i0f, j0f + 1) + wi * at(i0f + 1, j0f + 1));
}

double spacing(const std::vector<double>& c) { return (c.back() - c.front()) / static_cast<double>(c.size() - 1); }

}  // namespace

AlignedFrame aligned_frame_for(const FieldGrid& grid, double origin_x, double origin_y, int refinement) {
  if (grid.x.size() < 2 || grid.y.size() < 2) throw std::invalid_argument("aligned_frame_for: grid below 2 x 2");
  double r = 0.0;
  for (const double x : {grid.x.front(), grid.x.back()})
    for (const double y : {grid.y.front(), grid.y.back()}) r = std::max(r, std::hypot(x - origin_x, y - origin_y));
  const double h = std::min(spacing(grid.x), spacing(grid.y)) / std::max(refinement, 1);
  const auto half = static_cast<std::size_t>(std::ceil(r / h - 1e-9));
  AlignedFrame f;
  f.origin_x = origin_x;
  f.origin_y = origin_y;
  for (std::size_t i = 0; i <= 2 * half; ++i) {
    const double c = (static_cast<double>(i) - static_cast<double>(half)) * h;
    f.s.push_back(c);
    f.n.push_back(c);
  }
  return f;
}

AlignedField to_aligned(const FieldGrid& grid, std::span<const double> field, const AlignedFrame& frame,
                        double direction_deg) {
  if (field.size() != grid.cells()) throw std::invalid_argument("to_aligned: field size != grid cells");
  const double d = direction_deg * std::numbers::pi / 180.0;
  const double sd = std::sin(d), cd = std::cos(d);
  const double x0 = grid.x.front(), y0 = grid.y.front(), hx = spacing(grid.x), hy = spacing(grid.y);
  AlignedField out;
  out.values.resize(frame.cells());
  out.present.resize(frame.cells());
  for (std::size_t j = 0; j < frame.n.size(); ++j) {
    for (std::size_t i = 0; i < frame.s.size(); ++i) {
      const double s = frame.s[i], n = frame.n[j];
      const double px = frame.origin_x - s * sd + n * cd;
      const double py = frame.origin_y - s * cd - n * sd;
      bool inside = false;
      const double fi = (px - x0) / hx, fj = (py - y0) / hy;
      const double v = bilinear(field, grid.y.size(), grid.x.size(), fi, fj, 0.0, &inside);
      // A gap starts with the value at the nearest point of the grid (its edge): a field that is not zero at
      // the edge of the domain is continued, not cut, in the nodes just beyond it.
      const double clamped_i = std::clamp(fi, 0.0, static_cast<double>(grid.x.size() - 1));
      const double clamped_j = std::clamp(fj, 0.0, static_cast<double>(grid.y.size() - 1));
      out.values[j * frame.s.size() + i] =
          inside ? v : bilinear(field, grid.y.size(), grid.x.size(), clamped_i, clamped_j, 0.0);
      out.present[j * frame.s.size() + i] = inside ? 1 : 0;
    }
  }
  return out;
}

std::vector<double> from_aligned(const AlignedFrame& frame, std::span<const double> aligned, const FieldGrid& grid,
                                 double direction_deg, double outside) {
  if (aligned.size() != frame.cells()) throw std::invalid_argument("from_aligned: field size != aligned cells");
  const double d = direction_deg * std::numbers::pi / 180.0;
  const double sd = std::sin(d), cd = std::cos(d);
  const double s0 = frame.s.front(), n0 = frame.n.front(), hs = spacing(frame.s), hn = spacing(frame.n);
  std::vector<double> out(grid.cells());
  for (std::size_t j = 0; j < grid.y.size(); ++j) {
    for (std::size_t i = 0; i < grid.x.size(); ++i) {
      const double px = grid.x[i] - frame.origin_x, py = grid.y[j] - frame.origin_y;
      const double s = -px * sd - py * cd;
      const double n = px * cd - py * sd;
      out[j * grid.x.size() + i] = bilinear(aligned, frame.n.size(), frame.s.size(), (s - s0) / hs, (n - n0) / hn, outside);
    }
  }
  return out;
}

}  // namespace twinlab::surrogates
