#pragma once
// A rectilinear 3-D grid (axis-aligned, any spacing per axis: e.g. layers thin near the ground) with named
// arrays, written as a VTK XML RectilinearGrid file (.vtr) for ParaView. Plain structures only.
// Conventions as vtk_image.hpp: the coordinates are POINTS (cell faces for a finite-volume field: nx + 1
// values for nx cells), values x fastest, then y, then z.
#include <cstddef>
#include <filesystem>
#include <vector>

#include "viz/vtk_image.hpp"

namespace twinlab::viz {

struct RectilinearGrid {
  std::vector<double> x, y, z;  // point coordinates per axis, strictly increasing, m (>= 1 each)
  std::vector<ImageArray> arrays;
  FieldData field_data;  // units of the arrays, the frame's time
};

std::size_t point_count(const RectilinearGrid& grid);
std::size_t cell_count(const RectilinearGrid& grid);  // axes of one point add no factor

// Throws std::invalid_argument naming the problem (coordinates, sizes, names).
void validate(const RectilinearGrid& grid);

// Validates, then writes `path` atomically (binary appended, zlib). std::runtime_error on I/O failure.
void write_vtr(const RectilinearGrid& grid, const std::filesystem::path& path);

}  // namespace twinlab::viz
