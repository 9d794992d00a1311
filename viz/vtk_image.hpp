#pragma once
// A regular 3-D grid with named arrays, written as a VTK XML ImageData file (.vti) for ParaView.
// Plain structures only: no VTK types here.
//
// VTK conventions: `dimensions` counts POINTS per axis. A finite-volume field of nx*ny*nz cells is written
// as cell data on dimensions {nx+1, ny+1, nz+1} with the origin at the lower corner of the first cell
// (image_for_cells() does this); point samples use dimensions {nx, ny, nz} with the origin at the first
// sample. An axis of 1 point is flat (a 2-D image). Values are ordered x fastest, then y, then z, with the
// components of a vector interleaved (vx, vy, vz, vx, ...) — the row-major (z, y, x) order of the twins.
#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "viz/field_data.hpp"

namespace twinlab::viz {

enum class Association { point, cell };

struct ImageArray {
  std::string name;  // shown in ParaView, e.g. "concentration_kg_m3"
  Association association = Association::cell;
  int components = 1;          // 1: scalar, 3: vector (any count >= 1 is written)
  std::vector<double> values;  // tuples * components values
};

struct ImageData {
  std::array<double, 3> origin{0.0, 0.0, 0.0};     // position of the first point, m
  std::array<double, 3> spacing{1.0, 1.0, 1.0};    // distance between points per axis, m (> 0)
  std::array<std::size_t, 3> dimensions{1, 1, 1};  // points per axis (>= 1)
  std::vector<ImageArray> arrays;
  FieldData field_data;  // units of the arrays, the frame's time
};

// A grid of `cells` cells of size `cell_size_m` whose lower corner is at `corner_m`, ready for cell arrays.
ImageData image_for_cells(const std::array<double, 3>& corner_m, const std::array<double, 3>& cell_size_m,
                          const std::array<std::size_t, 3>& cells);

std::size_t point_count(const ImageData& image);
std::size_t cell_count(const ImageData& image);  // as VTK counts them: axes of one point add no factor

// Throws std::invalid_argument naming the problem (sizes, names, spacing).
void validate(const ImageData& image);

// Validates, then writes `path` atomically (binary appended, zlib). std::runtime_error on I/O failure.
void write_vti(const ImageData& image, const std::filesystem::path& path);

}  // namespace twinlab::viz
