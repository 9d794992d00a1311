#pragma once
// Plane geometry of extended sources (areas, roads): polygon area and centroid, the simplicity check that
// refuses a self-intersecting outline, exact clipping of a polygon to an axis-aligned rectangle (the area it
// covers in a grid cell), and a road polyline of a given width as rectangles.
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

// Signed shoelace area, m^2 (> 0 counter-clockwise).
double signed_polygon_area_m2(const std::vector<Vertex>& polygon);

// Centroid of a polygon of non-zero area (the mean of the vertices for a degenerate one).
Vertex polygon_centroid(const std::vector<Vertex>& polygon);

// The first pair of edges (i, k), i < k, edge i from vertex i to vertex i+1 (cyclically), that touch or cross
// although they are not neighbours (or that overlap although neighbours), or none for a simple polygon.
// Exact orientation tests on the given doubles (O(n^2): outlines have tens of vertices).
std::optional<std::pair<std::size_t, std::size_t>> polygon_self_intersection(const std::vector<Vertex>& polygon);

// Area of the part of a simple polygon inside the rectangle [x0, x1] x [y0, y1], m^2 (Sutherland-Hodgman
// clipping against the convex rectangle: exact for any simple polygon, convex or not, up to round-off).
double clipped_polygon_area_m2(const std::vector<Vertex>& polygon, double x0, double x1, double y0, double y1);

// A road: each segment of the centre line as a rectangle of the given width (counter-clockwise), so that
// the rectangles' total area is width x centre-line length. Zero-length segments are skipped.
std::vector<std::vector<Vertex>> line_rectangles(const std::vector<Vertex>& centre_line, double width_m);

// Length of a polyline, m.
double polyline_length_m(const std::vector<Vertex>& line);

}  // namespace twinlab::twins::dispersion
