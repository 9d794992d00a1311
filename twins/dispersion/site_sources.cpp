#include "twins/dispersion/site_sources.hpp"

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "twins/dispersion/area_source.hpp"
#include "twins/dispersion/line_source.hpp"
#include "twins/dispersion/source_geometry.hpp"
#include "twins/dispersion/volume_source.hpp"

namespace twinlab::twins::dispersion {

namespace {

[[noreturn]] void refuse(const std::string& key, const std::string& message) {
  throw base::InputError({"", 0, 0, key}, message);
}

std::string vertex_key(std::size_t i) { return "vertices[" + std::to_string(i) + "]"; }

// Index range [first, last] of the cells whose faces [f[i], f[i+1]] overlap [lo, hi].
std::pair<int, int> overlapping(const std::vector<double>& f, double lo, double hi) {
  const int cells = static_cast<int>(f.size()) - 1;
  int first = static_cast<int>(std::upper_bound(f.begin(), f.end(), lo) - f.begin()) - 1;
  int last = static_cast<int>(std::lower_bound(f.begin(), f.end(), hi) - f.begin()) - 1;
  return {std::clamp(first, 0, cells - 1), std::clamp(last, 0, cells - 1)};
}

// The layer holding height z (the top layer for z at the top face).
int layer_of(const std::vector<double>& z_faces, double z) {
  const int layers = static_cast<int>(z_faces.size()) - 1;
  const int k = static_cast<int>(std::upper_bound(z_faces.begin(), z_faces.end(), z) - z_faces.begin()) - 1;
  return std::clamp(k, 0, layers - 1);
}

void add_polygon_shares(const std::vector<Vertex>& polygon, double weight_per_m2, int k, const EmissionGridFaces& f,
                        std::vector<CellShare>& out) {
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  for (const Vertex& v : polygon) {
    x_lo = std::min(x_lo, v.x_m);
    x_hi = std::max(x_hi, v.x_m);
    y_lo = std::min(y_lo, v.y_m);
    y_hi = std::max(y_hi, v.y_m);
  }
  const auto [i0, i1] = overlapping(f.x_m, x_lo, x_hi);
  const auto [j0, j1] = overlapping(f.y_m, y_lo, y_hi);
  for (int j = j0; j <= j1; ++j) {
    for (int i = i0; i <= i1; ++i) {
      const double a = clipped_polygon_area_m2(polygon, f.x_m[i], f.x_m[i + 1], f.y_m[j], f.y_m[j + 1]);
      if (a > 0.0) out.push_back({i, j, k, a * weight_per_m2});
    }
  }
}

double overlap(double a0, double a1, double b0, double b1) { return std::max(0.0, std::min(a1, b1) - std::max(a0, b0)); }

}  // namespace

void validate_source_geometry(const Source& s) {
  const auto& v = s.vertices;
  if (s.type != SourceType::Point &&
      (s.diameter_m != 0.0 || s.exit_velocity_m_s != 0.0 || s.exit_temperature_K != 0.0))
    refuse("exit_velocity_m_s", "stack exit parameters (diameter_m, exit_velocity_m_s, exit_temperature_K) apply "
                                "to a point source only: remove them or make the source type point");
  switch (s.type) {
    case SourceType::Point: return;
    case SourceType::Volume:
      if (!(std::isfinite(s.sigma_y0_m) && s.sigma_y0_m > 0.0))
        refuse("sigma_y0_m", "must be finite and > 0 (got " + std::to_string(s.sigma_y0_m) + ")");
      if (!(std::isfinite(s.sigma_z0_m) && s.sigma_z0_m > 0.0))
        refuse("sigma_z0_m", "must be finite and > 0 (got " + std::to_string(s.sigma_z0_m) + ")");
      return;
    case SourceType::Area: {
      if (v.size() < 3)
        refuse("vertices", "an area needs at least 3 vertices (got " + std::to_string(v.size()) + "); give its outline");
      for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i].x_m) || !std::isfinite(v[i].y_m)) refuse(vertex_key(i), "must be finite");
      if (const auto cross = polygon_self_intersection(v))
        refuse(vertex_key(cross->second),
               "the outline intersects itself: edge " + std::to_string(cross->first) + " (vertices " +
                   std::to_string(cross->first) + "-" + std::to_string((cross->first + 1) % v.size()) + ") meets edge " +
                   std::to_string(cross->second) + " (vertices " + std::to_string(cross->second) + "-" +
                   std::to_string((cross->second + 1) % v.size()) +
                   "); list the vertices in order around the area, without repeats");
      if (signed_polygon_area_m2(v) == 0.0) refuse("vertices", "the outline encloses no area (got 0 m^2)");
      return;
    }
    case SourceType::Line: {
      if (v.size() < 2)
        refuse("vertices", "a line needs at least 2 vertices (got " + std::to_string(v.size()) + ")");
      for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i].x_m) || !std::isfinite(v[i].y_m)) refuse(vertex_key(i), "must be finite");
      if (!(polyline_length_m(v) > 0.0)) refuse("vertices", "the centre line has zero length");
      if (!(std::isfinite(s.width_m) && s.width_m > 0.0))
        refuse("width_m", "must be finite and > 0 (got " + std::to_string(s.width_m) + ")");
      return;
    }
  }
}

double source_area_m2(const Source& s) {
  switch (s.type) {
    case SourceType::Area: return std::abs(signed_polygon_area_m2(s.vertices));
    case SourceType::Line: return s.width_m * polyline_length_m(s.vertices);
    default: return 0.0;
  }
}

std::vector<PlumeSource> point_plume_sources(const Config& config, const std::vector<PlumeSource>& period) {
  std::vector<PlumeSource> out;
  for (std::size_t i = 0; i < period.size(); ++i)
    if (config.sources.at(i).type == SourceType::Point) out.push_back(period[i]);
  return out;
}

void accumulate_extended_sources(const Config& config, const std::vector<PlumeSource>& period,
                                 const ReceptorSpan& receptors, double* out) {
  for (std::size_t i = 0; i < period.size(); ++i) {
    const Source& s = config.sources.at(i);
    const PlumeSource& p = period[i];
    if (p.emission_rate_kg_s == 0.0) continue;
    switch (s.type) {
      case SourceType::Point: break;
      case SourceType::Area:
        accumulate_area_source(s.vertices, p.emission_rate_kg_s / source_area_m2(s), p, receptors, out);
        break;
      case SourceType::Line: accumulate_line_source({s.vertices, s.width_m, p}, receptors, out); break;
      case SourceType::Volume: accumulate_volume_source({p, s.sigma_y0_m, s.sigma_z0_m}, receptors, out); break;
    }
  }
}

std::vector<CellShare> emission_cell_shares(const Source& s, double h, const EmissionGridFaces& f) {
  std::vector<CellShare> out;
  switch (s.type) {
    case SourceType::Point: break;
    case SourceType::Area: add_polygon_shares(s.vertices, 1.0 / source_area_m2(s), layer_of(f.z_m, h), f, out); break;
    case SourceType::Line: {
      const double per_m2 = 1.0 / source_area_m2(s);
      for (const auto& rect : line_rectangles(s.vertices, s.width_m)) add_polygon_shares(rect, per_m2, layer_of(f.z_m, h), f, out);
      break;
    }
    case SourceType::Volume: {
      const double half = 2.15 * s.sigma_y0_m;
      const double x0 = s.x_m - half, x1 = s.x_m + half, y0 = s.y_m - half, y1 = s.y_m + half;
      // Cut at the ground and the domain top: the whole rate stays in the domain vertically.
      const double z0 = std::max(f.z_m.front(), h - 2.15 * s.sigma_z0_m), z1 = std::min(f.z_m.back(), h + 2.15 * s.sigma_z0_m);
      const double volume = (x1 - x0) * (y1 - y0) * (z1 - z0);
      const auto [i0, i1] = overlapping(f.x_m, x0, x1);
      const auto [j0, j1] = overlapping(f.y_m, y0, y1);
      const auto [k0, k1] = overlapping(f.z_m, z0, z1);
      for (int k = k0; k <= k1; ++k)
        for (int j = j0; j <= j1; ++j)
          for (int i = i0; i <= i1; ++i) {
            const double v = overlap(x0, x1, f.x_m[i], f.x_m[i + 1]) * overlap(y0, y1, f.y_m[j], f.y_m[j + 1]) *
                             overlap(z0, z1, f.z_m[k], f.z_m[k + 1]);
            if (v > 0.0) out.push_back({i, j, k, v / volume});
          }
      break;
    }
  }
  return out;
}

}  // namespace twinlab::twins::dispersion
