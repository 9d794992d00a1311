#include "twins/dispersion/area_source.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <queue>

#include "twins/dispersion/briggs_sigma.hpp"
#include "twins/dispersion/plume_vertical.hpp"

namespace twinlab::twins::dispersion {

namespace {

// Gauss-Kronrod 7/15 on [-1, 1]: Kronrod nodes x_k (k = 0..7, x_7 = 0; the 7 Gauss nodes are x_1, x_3, x_5,
// x_7 and their negatives), Kronrod weights, Gauss weights of x_1, x_3, x_5, x_7.
constexpr double kNode[8] = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                             0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                             0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                             0.207784955007898467600689403773245, 0.0};
constexpr double kKronrod[8] = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                                0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                                0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                                0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
constexpr double kGauss[4] = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                              0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

// erf(b) - erf(a) for a <= b, to full relative accuracy also far in a tail (where both erf are near +-1
// and their difference would cancel): there it is taken as a difference of erfc.
double erf_difference(double a, double b) {
  if (a > 0.0) return std::erfc(a) - std::erfc(b);
  if (b < 0.0) return std::erfc(-b) - std::erfc(-a);
  return std::erf(b) - std::erf(a);
}

struct WindVertex {
  double d, b;  // downwind distance from the vertex to the receptor, crosswind offset of the vertex
};

// The integrand of the along-wind integral (area_source.hpp) for one receptor.
class AlongWind {
 public:
  AlongWind(const std::vector<Vertex>& outline, double flux, const PlumeSource& s, double x, double y, double z)
      : s_(s), z_(z) {
    const double theta = s.wind_direction_deg * std::numbers::pi / 180.0;
    const double ex = -std::sin(theta), ey = -std::cos(theta);  // the wind blows towards (ex, ey)
    v_.reserve(outline.size());
    for (const Vertex& p : outline) {
      const double dx = x - p.x_m, dy = y - p.y_m;
      v_.push_back({dx * ex + dy * ey, -(dy * ex - dx * ey)});
    }
    scale_ = flux / (2.0 * std::sqrt(2.0 * std::numbers::pi) * s.wind_speed_m_s);
    cuts_.reserve(outline.size());
  }

  const std::vector<WindVertex>& vertices() const { return v_; }

  double operator()(double d) {
    cuts_.clear();
    const std::size_t n = v_.size();
    for (std::size_t i = 0; i < n; ++i) {
      const WindVertex& a = v_[i];
      const WindVertex& c = v_[(i + 1) % n];
      if ((a.d <= d && d < c.d) || (c.d <= d && d < a.d)) cuts_.push_back(a.b + (d - a.d) / (c.d - a.d) * (c.b - a.b));
    }
    if (cuts_.size() < 2) return 0.0;
    std::sort(cuts_.begin(), cuts_.end());
    const double sy = sigma_at(s_.sigma.y, d), sz = sigma_at(s_.sigma.z, d);
    const double inv = 1.0 / (std::numbers::sqrt2 * sy);
    double widths = 0.0;
    for (std::size_t k = 0; k + 1 < cuts_.size(); k += 2) widths += erf_difference(cuts_[k] * inv, cuts_[k + 1] * inv);
    if (widths == 0.0) return 0.0;
    const double vertical = plume_vertical_factor(z_, s_.effective_height_m, sz, s_.mixing_height_m);
    return scale_ * vertical * std::exp(-s_.decay_rate_1_s * d / s_.wind_speed_m_s) / sz * widths;
  }

 private:
  const PlumeSource& s_;
  double z_, scale_ = 0.0;
  std::vector<WindVertex> v_;
  std::vector<double> cuts_;
};

struct Piece {
  double a, b, value, error;
  bool operator<(const Piece& o) const { return error < o.error; }  // max-heap on the error estimate
};

template <class F>
Piece kronrod(F& f, double a, double b) {
  const double mid = 0.5 * (a + b), half = 0.5 * (b - a);
  const double centre = f(mid);
  double k15 = kKronrod[7] * centre, g7 = kGauss[3] * centre;
  for (int i = 0; i < 7; ++i) {
    const double sum = f(mid - half * kNode[i]) + f(mid + half * kNode[i]);
    k15 += kKronrod[i] * sum;
    if (i % 2 == 1) g7 += kGauss[i / 2] * sum;
  }
  return {a, b, k15 * half, std::abs((k15 - g7) * half)};
}

}  // namespace

AreaResult area_source_concentration(const std::vector<Vertex>& outline, double flux, const PlumeSource& s, double x,
                                     double y, double z, const AreaIntegration& settings) {
  AreaResult r;
  if (flux == 0.0 || outline.size() < 3) return r;
  if (s.mixing_height_m > 0.0 && (s.effective_height_m > s.mixing_height_m || z > s.mixing_height_m)) return r;
  AlongWind f(outline, flux, s, x, y, z);
  // Breakpoints: every vertex's distance inside the integrated range.
  std::vector<double> cuts;
  double d_max = -INFINITY;
  for (const WindVertex& v : f.vertices()) d_max = std::max(d_max, v.d);
  if (d_max <= kAreaMinDownwind_m) return r;
  double d_min = kAreaMinDownwind_m;
  {
    double lowest = INFINITY;
    for (const WindVertex& v : f.vertices()) lowest = std::min(lowest, v.d);
    d_min = std::max(d_min, lowest);
  }
  cuts.push_back(d_min);
  for (const WindVertex& v : f.vertices())
    if (v.d > d_min && v.d < d_max) cuts.push_back(v.d);
  cuts.push_back(d_max);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  std::priority_queue<Piece> heap;
  double total = 0.0, error = 0.0;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const Piece p = kronrod(f, cuts[i], cuts[i + 1]);
    total += p.value;
    error += p.error;
    heap.push(p);
  }
  auto done = [&] { return error <= std::max(settings.relative_tolerance * std::abs(total), settings.absolute_tolerance_kg_m3); };
  while (!done() && static_cast<int>(heap.size()) < settings.max_subintervals) {
    const Piece worst = heap.top();
    heap.pop();
    const double mid = 0.5 * (worst.a + worst.b);
    const Piece left = kronrod(f, worst.a, mid), right = kronrod(f, mid, worst.b);
    total += left.value + right.value - worst.value;
    error += left.error + right.error - worst.error;
    heap.push(left);
    heap.push(right);
  }
  // Re-sum (the running sums carry round-off from the updates).
  total = error = 0.0;
  r.subintervals = static_cast<int>(heap.size());
  while (!heap.empty()) {
    total += heap.top().value;
    error += heap.top().error;
    heap.pop();
  }
  r.concentration_kg_m3 = std::max(total, 0.0);
  r.error_bound_kg_m3 = error;
  r.converged = done();
  return r;
}

void accumulate_area_source(const std::vector<Vertex>& outline, double flux, const PlumeSource& release,
                            const ReceptorSpan& receptors, double* out, const AreaIntegration& settings) {
  const auto n = static_cast<long long>(receptors.count);
#pragma omp parallel for schedule(dynamic, 64)
  for (long long i = 0; i < n; ++i) {
    out[i] += area_source_concentration(outline, flux, release, receptors.x_m[i], receptors.y_m[i], receptors.z_m[i],
                                        settings).concentration_kg_m3;
  }
}

}  // namespace twinlab::twins::dispersion
