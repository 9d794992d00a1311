#pragma once
// Named points with per-point values and optional line segments between them, written as a VTK XML
// PolyData file (.vtp): sources and receptors of a dispersion run, stations and the buffers between them
// on a production line. Plain structures only: no VTK types here.
//
// File layout: every point is also a vertex cell (so ParaView draws it in the default Surface view), and
// every segment a line cell. Point data: `name` (string, when names are given), the label arrays and the
// numeric point arrays. Cell data (only when segment arrays are given): VTK orders cells vertices first,
// so each segment array has one NaN per point followed by one tuple per segment.
#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "viz/field_data.hpp"

namespace twinlab::viz {

struct NumericArray {
  std::string name;            // e.g. "emission_rate_kg_s"
  int components = 1;          // 1: scalar, 3: vector
  std::vector<double> values;  // one tuple per point (or per segment), components interleaved
};

struct LabelArray {
  std::string name;                 // e.g. "kind" with values "source" / "receptor"
  std::vector<std::string> values;  // one per point
};

struct PointSet {
  std::vector<std::array<double, 3>> positions;      // x, y, z in m
  std::vector<std::string> names;                    // one per point, or empty for unnamed points
  std::vector<LabelArray> labels;                    // string arrays per point
  std::vector<NumericArray> point_arrays;            // numeric arrays per point
  std::vector<std::array<std::size_t, 2>> segments;  // lines between point indices (from, to)
  std::vector<NumericArray> segment_arrays;          // numeric arrays per segment, e.g. buffer level
  FieldData field_data;                              // units of the arrays
};

// Throws std::invalid_argument naming the problem (sizes, indices, duplicate or empty names).
void validate(const PointSet& points);

// Validates, then writes `path` atomically (binary appended, zlib). std::runtime_error on I/O failure.
void write_vtp(const PointSet& points, const std::filesystem::path& path);

}  // namespace twinlab::viz
