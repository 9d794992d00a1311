#include "sim/structured_grid.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "base/error.hpp"

namespace twinlab::sim {
namespace {

void require_cells(int n, const char* name) {
  if (n < 1) throw base::InputError({"", 0, 0, std::string("grid.") + name}, "must be >= 1 (got " + std::to_string(n) + ")");
}

void require_finite(double value, const char* name) {
  if (!std::isfinite(value)) throw base::InputError({"", 0, 0, std::string("grid.") + name}, "must be finite");
}

void require_positive(double value, const char* name) {
  if (!(value > 0.0) || !std::isfinite(value)) {
    throw base::InputError({"", 0, 0, std::string("grid.") + name},
                     "must be a finite number > 0 (got " + std::to_string(value) + ")");
  }
}

// Position of coordinate q in cell-centre units, clamped to [0, n - 1]; returns the lower centre index
// and the weight of the upper one.
void bracket(double q, double q_min, double dq, int n, int& lower, double& weight) {
  double t = (q - q_min) / dq - 0.5;
  t = std::clamp(t, 0.0, static_cast<double>(n - 1));
  lower = std::min(static_cast<int>(t), std::max(n - 2, 0));
  weight = t - lower;
}

// The same on the non-uniform centres of layers with the given faces (nz + 1 >= 2 of them).
void bracket_faces(double q, const std::vector<double>& faces, int& lower, double& weight) {
  const int n = static_cast<int>(faces.size()) - 1;
  auto centre = [&](int k) { return 0.5 * (faces[static_cast<std::size_t>(k)] + faces[static_cast<std::size_t>(k) + 1]); };
  if (n < 2 || q <= centre(0)) {
    lower = 0;
    weight = 0.0;
    return;
  }
  if (q >= centre(n - 1)) {
    lower = n - 2;
    weight = 1.0;
    return;
  }
  int lo = 0, hi = n - 1;  // centre(lo) < q < centre(hi)
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    (centre(mid) <= q ? lo : hi) = mid;
  }
  lower = lo;
  weight = (q - centre(lo)) / (centre(lo + 1) - centre(lo));
}

[[noreturn]] void bad_key(const std::string& key, const std::string& message) {
  throw base::InputError({"", 0, 0, key}, message);
}

double sum_of_powers(double r, int n) {  // 1 + r + ... + r^(n-1)
  double s = 0.0, p = 1.0;
  for (int k = 0; k < n; ++k) {
    s += p;
    p *= r;
  }
  return s;
}

std::vector<double> faces_from(double z_min_m, double z_max_m, int nz, double first_m, double r) {
  std::vector<double> faces(static_cast<std::size_t>(nz) + 1);
  faces[0] = z_min_m;
  double dz = first_m;
  for (int k = 1; k < nz; ++k) {
    faces[static_cast<std::size_t>(k)] = faces[static_cast<std::size_t>(k) - 1] + dz;
    dz *= r;
  }
  faces[static_cast<std::size_t>(nz)] = z_max_m;  // exact top (the sum carries round-off)
  return faces;
}

}  // namespace

StructuredGrid::StructuredGrid(int nx, int ny, int nz, double x_min_m, double y_min_m, double z_min_m,
                               double dx_m, double dy_m, double dz_m)
    : nx_(nx), ny_(ny), nz_(nz), x_min_m_(x_min_m), y_min_m_(y_min_m), z_min_m_(z_min_m), dx_m_(dx_m),
      dy_m_(dy_m) {
  require_cells(nx, "nx");
  require_cells(ny, "ny");
  require_cells(nz, "nz");
  require_finite(x_min_m, "x_min_m");
  require_finite(y_min_m, "y_min_m");
  require_finite(z_min_m, "z_min_m");
  require_positive(dx_m, "dx_m");
  require_positive(dy_m, "dy_m");
  require_positive(dz_m, "dz_m");
  z_faces_m_.resize(static_cast<std::size_t>(nz) + 1);
  for (int k = 0; k <= nz; ++k) z_faces_m_[static_cast<std::size_t>(k)] = z_min_m + k * dz_m;
  dz_uniform_m_ = dz_m;
}

StructuredGrid::StructuredGrid(int nx, int ny, double x_min_m, double y_min_m, double dx_m, double dy_m,
                               std::vector<double> z_faces_m)
    : nx_(nx), ny_(ny), nz_(static_cast<int>(z_faces_m.size()) - 1), x_min_m_(x_min_m), y_min_m_(y_min_m),
      z_min_m_(z_faces_m.empty() ? 0.0 : z_faces_m.front()), dx_m_(dx_m), dy_m_(dy_m),
      z_faces_m_(std::move(z_faces_m)) {
  require_cells(nx, "nx");
  require_cells(ny, "ny");
  if (z_faces_m_.size() < 2) bad_key("grid.z_faces_m", "needs at least 2 faces (got " + std::to_string(z_faces_m_.size()) + ")");
  require_finite(x_min_m, "x_min_m");
  require_finite(y_min_m, "y_min_m");
  require_positive(dx_m, "dx_m");
  require_positive(dy_m, "dy_m");
  for (std::size_t k = 0; k < z_faces_m_.size(); ++k) {
    if (!std::isfinite(z_faces_m_[k]) || (k > 0 && !(z_faces_m_[k] > z_faces_m_[k - 1]))) {
      bad_key("grid.z_faces_m[" + std::to_string(k) + "]",
              "faces must be finite and strictly increasing (got " + std::to_string(z_faces_m_[k]) + ")");
    }
  }
  // Uniform when every layer has the same thickness (to 1e-12 of the height): then the same arithmetic as
  // the uniform constructor (centres z_min + (k + 1/2) dz).
  uniform_z_ = false;
  const double height = z_faces_m_.back() - z_min_m_, even = height / nz_;
  bool even_layers = true;
  for (int k = 0; k < nz_; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    if (std::abs((z_faces_m_[kk + 1] - z_faces_m_[kk]) - even) > 1e-12 * height) even_layers = false;
  }
  if (even_layers) {
    uniform_z_ = true;
    dz_uniform_m_ = even;
  }
}

double StructuredGrid::dz_m() const {
  if (!uniform_z_) throw std::logic_error("StructuredGrid::dz_m(): the grid is stretched in z; use dz_m(k)");
  return dz_uniform_m_;
}

std::vector<double> geometric_layer_faces(double z_min_m, double z_max_m, int nz, double first_layer_m) {
  require_cells(nz, "nz");
  const double height = z_max_m - z_min_m;
  if (!(height > 0.0) || !std::isfinite(height)) bad_key("grid.z_max_m", "must be above z_min_m");
  const double uniform = height / nz;
  if (!(first_layer_m > 0.0) || !(first_layer_m <= uniform * (1.0 + 1e-12))) {
    bad_key("first_layer_m", "must be > 0 and at most the height over the number of layers, " +
                                 std::to_string(uniform) + " m (got " + std::to_string(first_layer_m) + ")");
  }
  // first * (1 + r + ... + r^(nz-1)) = height is increasing in r: bisect on [1, r_hi].
  double lo = 1.0, hi = 2.0;
  while (first_layer_m * sum_of_powers(hi, nz) < height) hi *= 2.0;
  for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; ++it) {
    const double mid = 0.5 * (lo + hi);
    (first_layer_m * sum_of_powers(mid, nz) < height ? lo : hi) = mid;
  }
  return faces_from(z_min_m, z_max_m, nz, first_layer_m, 0.5 * (lo + hi));
}

std::vector<double> geometric_layer_faces_with_ratio(double z_min_m, double z_max_m, int nz, double stretch) {
  require_cells(nz, "nz");
  const double height = z_max_m - z_min_m;
  if (!(height > 0.0) || !std::isfinite(height)) bad_key("grid.z_max_m", "must be above z_min_m");
  if (!(stretch >= 1.0) || !(stretch <= 10.0)) {
    bad_key("stretch", "must be between 1 and 10 (got " + std::to_string(stretch) + ")");
  }
  return faces_from(z_min_m, z_max_m, nz, height / sum_of_powers(stretch, nz), stretch);
}

double layer_growth_ratio(const std::vector<double>& z_faces_m) {
  double r = 1.0;
  for (std::size_t k = 2; k < z_faces_m.size(); ++k)
    r = std::max(r, (z_faces_m[k] - z_faces_m[k - 1]) / (z_faces_m[k - 1] - z_faces_m[k - 2]));
  return r;
}

StructuredGrid StructuredGrid::covering(int nx, int ny, int nz, double x_min_m, double x_max_m,
                                        double y_min_m, double y_max_m, double z_min_m, double z_max_m) {
  require_cells(nx, "nx");
  require_cells(ny, "ny");
  require_cells(nz, "nz");
  return StructuredGrid(nx, ny, nz, x_min_m, y_min_m, z_min_m, (x_max_m - x_min_m) / nx,
                        (y_max_m - y_min_m) / ny, (z_max_m - z_min_m) / nz);
}

CellIndex StructuredGrid::cell(std::size_t index) const {
  const std::size_t plane = plane_size();
  const auto k = static_cast<int>(index / plane);
  const std::size_t rest = index % plane;
  return {static_cast<int>(rest % static_cast<std::size_t>(nx_)), static_cast<int>(rest / static_cast<std::size_t>(nx_)), k};
}

std::vector<double> StructuredGrid::x_centres_m() const {
  std::vector<double> out(static_cast<std::size_t>(nx_));
  for (int i = 0; i < nx_; ++i) out[static_cast<std::size_t>(i)] = x_centre_m(i);
  return out;
}

std::vector<double> StructuredGrid::y_centres_m() const {
  std::vector<double> out(static_cast<std::size_t>(ny_));
  for (int j = 0; j < ny_; ++j) out[static_cast<std::size_t>(j)] = y_centre_m(j);
  return out;
}

std::vector<double> StructuredGrid::z_centres_m() const {
  std::vector<double> out(static_cast<std::size_t>(nz_));
  for (int k = 0; k < nz_; ++k) out[static_cast<std::size_t>(k)] = z_centre_m(k);
  return out;
}

std::optional<CellIndex> StructuredGrid::locate(double x_m, double y_m, double z_m) const {
  auto one = [](double q, double q_min, double dq, int n) -> int {
    if (!std::isfinite(q)) return -1;
    const double t = (q - q_min) / dq;
    if (t < 0.0 || t > n) return -1;
    return std::min(static_cast<int>(t), n - 1);
  };
  const int i = one(x_m, x_min_m_, dx_m_, nx_);
  const int j = one(y_m, y_min_m_, dy_m_, ny_);
  int k = -1;
  if (uniform_z_) {
    k = one(z_m, z_min_m_, dz_uniform_m_, nz_);
  } else if (std::isfinite(z_m) && z_m >= z_faces_m_.front() && z_m <= z_faces_m_.back()) {
    // The layer whose [bottom, top) holds z (the top face belongs to the last layer).
    const auto above = std::upper_bound(z_faces_m_.begin(), z_faces_m_.end(), z_m);
    k = std::min(static_cast<int>(above - z_faces_m_.begin()) - 1, nz_ - 1);
  }
  if (i < 0 || j < 0 || k < 0) return std::nullopt;
  return CellIndex{i, j, k};
}

double StructuredGrid::interpolate(const Eigen::Ref<const Eigen::VectorXd>& field, double x_m, double y_m,
                                   double z_m) const {
  if (static_cast<std::size_t>(field.size()) != cell_count()) {
    throw base::InputError({"", 0, 0, "field"}, "has " + std::to_string(field.size()) + " values, the grid has " +
                                              std::to_string(cell_count()) + " cells");
  }
  if (!std::isfinite(x_m) || !std::isfinite(y_m) || !std::isfinite(z_m)) {
    throw base::InputError({"", 0, 0, "point"}, "coordinates must be finite");
  }
  int i = 0, j = 0, k = 0;
  double wx = 0.0, wy = 0.0, wz = 0.0;
  bracket(x_m, x_min_m_, dx_m_, nx_, i, wx);
  bracket(y_m, y_min_m_, dy_m_, ny_, j, wy);
  if (uniform_z_) {
    bracket(z_m, z_min_m_, dz_m(), nz_, k, wz);
  } else {
    bracket_faces(z_m, z_faces_m_, k, wz);
  }
  const int i1 = std::min(i + 1, nx_ - 1), j1 = std::min(j + 1, ny_ - 1), k1 = std::min(k + 1, nz_ - 1);
  auto at = [&](int a, int b, int c) { return field[static_cast<Eigen::Index>(index(a, b, c))]; };
  const double c00 = (1 - wx) * at(i, j, k) + wx * at(i1, j, k);
  const double c10 = (1 - wx) * at(i, j1, k) + wx * at(i1, j1, k);
  const double c01 = (1 - wx) * at(i, j, k1) + wx * at(i1, j, k1);
  const double c11 = (1 - wx) * at(i, j1, k1) + wx * at(i1, j1, k1);
  const double c0 = (1 - wy) * c00 + wy * c10;
  const double c1 = (1 - wy) * c01 + wy * c11;
  return (1 - wz) * c0 + wz * c1;
}

}  // namespace twinlab::sim
