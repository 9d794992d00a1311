#include "sim/structured_grid.hpp"

#include <algorithm>
#include <cmath>
#include <string>

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

}  // namespace

StructuredGrid::StructuredGrid(int nx, int ny, int nz, double x_min_m, double y_min_m, double z_min_m,
                               double dx_m, double dy_m, double dz_m)
    : nx_(nx), ny_(ny), nz_(nz), x_min_m_(x_min_m), y_min_m_(y_min_m), z_min_m_(z_min_m), dx_m_(dx_m),
      dy_m_(dy_m), dz_m_(dz_m) {
  require_cells(nx, "nx");
  require_cells(ny, "ny");
  require_cells(nz, "nz");
  require_finite(x_min_m, "x_min_m");
  require_finite(y_min_m, "y_min_m");
  require_finite(z_min_m, "z_min_m");
  require_positive(dx_m, "dx_m");
  require_positive(dy_m, "dy_m");
  require_positive(dz_m, "dz_m");
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
  const int k = one(z_m, z_min_m_, dz_m_, nz_);
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
  bracket(z_m, z_min_m_, dz_m_, nz_, k, wz);
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
