#include "twins/dispersion/source_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace twinlab::twins::dispersion {

namespace {

double cross(const Vertex& o, const Vertex& a, const Vertex& b) {
  return (a.x_m - o.x_m) * (b.y_m - o.y_m) - (a.y_m - o.y_m) * (b.x_m - o.x_m);
}

int sign(double v) { return (v > 0.0) - (v < 0.0); }

bool on_segment(const Vertex& p, const Vertex& a, const Vertex& b) {  // p collinear with a-b
  return std::min(a.x_m, b.x_m) <= p.x_m && p.x_m <= std::max(a.x_m, b.x_m) && std::min(a.y_m, b.y_m) <= p.y_m &&
         p.y_m <= std::max(a.y_m, b.y_m);
}

// Closed segments a-b and c-d share at least one point.
bool segments_touch(const Vertex& a, const Vertex& b, const Vertex& c, const Vertex& d) {
  const int d1 = sign(cross(c, d, a)), d2 = sign(cross(c, d, b));
  const int d3 = sign(cross(a, b, c)), d4 = sign(cross(a, b, d));
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return (d1 == 0 && on_segment(a, c, d)) || (d2 == 0 && on_segment(b, c, d)) || (d3 == 0 && on_segment(c, a, b)) ||
         (d4 == 0 && on_segment(d, a, b));
}

// Keeps the part of `in` on the inside of one rectangle side: inside(p) >= 0, cut(p, q) the crossing point.
template <class Inside, class Cut>
std::vector<Vertex> clip(const std::vector<Vertex>& in, Inside inside, Cut cut) {
  std::vector<Vertex> out;
  if (in.empty()) return out;
  out.reserve(in.size() + 4);
  Vertex prev = in.back();
  bool prev_in = inside(prev);
  for (const Vertex& cur : in) {
    const bool cur_in = inside(cur);
    if (cur_in != prev_in) out.push_back(cut(prev, cur));
    if (cur_in) out.push_back(cur);
    prev = cur;
    prev_in = cur_in;
  }
  return out;
}

Vertex at_x(const Vertex& p, const Vertex& q, double x) {
  const double t = (x - p.x_m) / (q.x_m - p.x_m);
  return {x, p.y_m + t * (q.y_m - p.y_m)};
}
Vertex at_y(const Vertex& p, const Vertex& q, double y) {
  const double t = (y - p.y_m) / (q.y_m - p.y_m);
  return {p.x_m + t * (q.x_m - p.x_m), y};
}

}  // namespace

double signed_polygon_area_m2(const std::vector<Vertex>& p) {
  double twice = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const Vertex& a = p[i];
    const Vertex& b = p[(i + 1) % p.size()];
    twice += a.x_m * b.y_m - b.x_m * a.y_m;
  }
  return 0.5 * twice;
}

Vertex polygon_centroid(const std::vector<Vertex>& p) {
  if (p.empty()) return {};
  // Relative to the first vertex, so that large map coordinates (UTM: 10^5..10^6 m) lose no digits.
  const Vertex o = p.front();
  double a2 = 0.0, cx = 0.0, cy = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double ax = p[i].x_m - o.x_m, ay = p[i].y_m - o.y_m;
    const double bx = p[(i + 1) % p.size()].x_m - o.x_m, by = p[(i + 1) % p.size()].y_m - o.y_m;
    const double c = ax * by - bx * ay;
    a2 += c;
    cx += (ax + bx) * c;
    cy += (ay + by) * c;
  }
  if (a2 == 0.0) {
    double mx = 0.0, my = 0.0;
    for (const Vertex& v : p) {
      mx += v.x_m;
      my += v.y_m;
    }
    return {mx / p.size(), my / p.size()};
  }
  return {o.x_m + cx / (3.0 * a2), o.y_m + cy / (3.0 * a2)};
}

std::optional<std::pair<std::size_t, std::size_t>> polygon_self_intersection(const std::vector<Vertex>& p) {
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Vertex& a = p[i];
    const Vertex& b = p[(i + 1) % n];
    for (std::size_t k = i + 1; k < n; ++k) {
      const Vertex& c = p[k];
      const Vertex& d = p[(k + 1) % n];
      const bool neighbours = k == i + 1 || (i == 0 && k == n - 1);
      if (!neighbours) {
        if (segments_touch(a, b, c, d)) return std::make_pair(i, k);
        continue;
      }
      // Neighbours share one vertex; they may not fold back onto each other (collinear and overlapping).
      const Vertex& shared = k == i + 1 ? b : a;
      const Vertex& u = k == i + 1 ? a : b;   // far end of edge i
      const Vertex& w = k == i + 1 ? d : c;   // far end of edge k
      const double ux = u.x_m - shared.x_m, uy = u.y_m - shared.y_m, wx = w.x_m - shared.x_m, wy = w.y_m - shared.y_m;
      if (ux * wy - uy * wx == 0.0 && ux * wx + uy * wy > 0.0) return std::make_pair(i, k);
    }
  }
  return std::nullopt;
}

double clipped_polygon_area_m2(const std::vector<Vertex>& polygon, double x0, double x1, double y0, double y1) {
  std::vector<Vertex> p = clip(polygon, [x0](const Vertex& v) { return v.x_m >= x0; },
                               [x0](const Vertex& a, const Vertex& b) { return at_x(a, b, x0); });
  p = clip(p, [x1](const Vertex& v) { return v.x_m <= x1; }, [x1](const Vertex& a, const Vertex& b) { return at_x(a, b, x1); });
  p = clip(p, [y0](const Vertex& v) { return v.y_m >= y0; }, [y0](const Vertex& a, const Vertex& b) { return at_y(a, b, y0); });
  p = clip(p, [y1](const Vertex& v) { return v.y_m <= y1; }, [y1](const Vertex& a, const Vertex& b) { return at_y(a, b, y1); });
  return std::abs(signed_polygon_area_m2(p));
}

std::vector<std::vector<Vertex>> line_rectangles(const std::vector<Vertex>& line, double width_m) {
  std::vector<std::vector<Vertex>> out;
  const double h = 0.5 * width_m;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const Vertex& a = line[i];
    const Vertex& b = line[i + 1];
    const double len = std::hypot(b.x_m - a.x_m, b.y_m - a.y_m);
    if (len == 0.0) continue;
    const double nx = -(b.y_m - a.y_m) / len * h, ny = (b.x_m - a.x_m) / len * h;  // left normal, half width
    out.push_back({{a.x_m - nx, a.y_m - ny}, {b.x_m - nx, b.y_m - ny}, {b.x_m + nx, b.y_m + ny}, {a.x_m + nx, a.y_m + ny}});
  }
  return out;
}

double polyline_length_m(const std::vector<Vertex>& line) {
  double len = 0.0;
  for (std::size_t i = 0; i + 1 < line.size(); ++i)
    len += std::hypot(line[i + 1].x_m - line[i].x_m, line[i + 1].y_m - line[i].y_m);
  return len;
}

}  // namespace twinlab::twins::dispersion
