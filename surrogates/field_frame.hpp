#pragma once
// The wind-aligned frame of a ground-level field: a plume that turns with the wind is the same shape in a frame
// that turns with it, so one POD basis serves every wind direction there. Torch-free.
//
// Coordinates: x east, y north (m); the field is (y, x) row-major on a regular grid (nodes). Wind direction is
// meteorological: the bearing the wind blows FROM, degrees clockwise from north (270 = blowing towards +x).
// The aligned frame has its origin at the source, s along the wind (downwind positive) and n across it
// (positive to the left of the travel direction):
//     e_s = (-sin d, -cos d),  e_n = (cos d, -sin d),  p = origin + s e_s + n e_n.
// The aligned grid is square, s and n in [-R, R] with R the largest distance from the origin to a corner of
// the field's grid, at the finer of the grid's spacings divided by `refinement` (default 2: a round trip
// through the aligned grid then blurs the field by a quarter of its own spacing, not half): every node of the
// field lies on it for any direction.
//
// Resampling is bilinear between nodes. A value wanted outside the grid it is read from is a gap (to_aligned:
// `present` = 0, holding the value at the grid's nearest point) or, from the aligned grid (from_aligned), the
// `outside` value: exactly what
// torch.grid_sampler(..., bilinear, zeros padding, align_corners=True) computes on (values - outside), which
// the TorchScript field model uses, so training and prediction resample the same way.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace twinlab::surrogates {

struct FieldGrid {
  std::vector<double> x, y;  // node coordinates, strictly increasing, evenly spaced (m)
  std::size_t cells() const { return x.size() * y.size(); }
};

struct AlignedFrame {
  double origin_x = 0.0, origin_y = 0.0;  // m
  std::vector<double> s, n;               // aligned grid node coordinates (m); the aligned field is (n, s)
  std::size_t cells() const { return s.size() * n.size(); }
};

// The aligned grid that covers `grid` for every direction about (origin_x, origin_y). Throws
// std::invalid_argument for a grid of fewer than 2 x 2 nodes.
AlignedFrame aligned_frame_for(const FieldGrid& grid, double origin_x, double origin_y, int refinement = 2);

struct AlignedField {
  std::vector<double> values;         // [n x s]; a gap holds the value at the nearest point of the grid
  std::vector<std::uint8_t> present;  // 1 where the aligned node lies inside the field's grid
};

// The field (on `grid`) resampled on the aligned grid for wind direction `direction_deg`.
AlignedField to_aligned(const FieldGrid& grid, std::span<const double> field, const AlignedFrame& frame,
                        double direction_deg);

// An aligned field resampled back on `grid` (the inverse of to_aligned up to interpolation).
std::vector<double> from_aligned(const AlignedFrame& frame, std::span<const double> aligned, const FieldGrid& grid,
                                 double direction_deg, double outside);

}  // namespace twinlab::surrogates
