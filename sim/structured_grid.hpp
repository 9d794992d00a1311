#pragma once
// A uniform, axis-aligned 3-D grid of cells with values at cell centres (finite-volume layout).
// Fields on it are contiguous arrays of grid.cell_count() doubles, x fastest:
//   index(i, j, k) = (k * ny + j) * nx + i,
// so a row of constant (j, k) is contiguous and a plane of constant k is nx * ny contiguous values.
#include <cstddef>
#include <optional>
#include <vector>

#include <Eigen/Core>

namespace twinlab::sim {

struct CellIndex {
  int i = 0, j = 0, k = 0;
  bool operator==(const CellIndex&) const = default;
};

class StructuredGrid {
 public:
  // nx, ny, nz >= 1 cells; (x_min_m, y_min_m, z_min_m) is the lower corner of cell (0, 0, 0);
  // dx_m, dy_m, dz_m > 0 are the cell sizes. Throws InputError on a bad value (key "grid.<name>").
  StructuredGrid(int nx, int ny, int nz, double x_min_m, double y_min_m, double z_min_m, double dx_m,
                 double dy_m, double dz_m);

  // The grid of nx * ny * nz cells exactly covering the box [x_min_m, x_max_m] x [y..] x [z..].
  static StructuredGrid covering(int nx, int ny, int nz, double x_min_m, double x_max_m, double y_min_m,
                                 double y_max_m, double z_min_m, double z_max_m);

  int nx() const { return nx_; }
  int ny() const { return ny_; }
  int nz() const { return nz_; }
  std::size_t cell_count() const { return static_cast<std::size_t>(nx_) * ny_ * nz_; }
  std::size_t plane_size() const { return static_cast<std::size_t>(nx_) * ny_; }

  double x_min_m() const { return x_min_m_; }
  double y_min_m() const { return y_min_m_; }
  double z_min_m() const { return z_min_m_; }
  double x_max_m() const { return x_min_m_ + nx_ * dx_m_; }
  double y_max_m() const { return y_min_m_ + ny_ * dy_m_; }
  double z_max_m() const { return z_min_m_ + nz_ * dz_m_; }
  double dx_m() const { return dx_m_; }
  double dy_m() const { return dy_m_; }
  double dz_m() const { return dz_m_; }
  double cell_volume_m3() const { return dx_m_ * dy_m_ * dz_m_; }

  std::size_t index(int i, int j, int k) const {
    return (static_cast<std::size_t>(k) * ny_ + static_cast<std::size_t>(j)) * nx_ + static_cast<std::size_t>(i);
  }
  std::size_t index(const CellIndex& c) const { return index(c.i, c.j, c.k); }
  CellIndex cell(std::size_t index) const;  // inverse of index(); index must be < cell_count()

  double x_centre_m(int i) const { return x_min_m_ + (i + 0.5) * dx_m_; }
  double y_centre_m(int j) const { return y_min_m_ + (j + 0.5) * dy_m_; }
  double z_centre_m(int k) const { return z_min_m_ + (k + 0.5) * dz_m_; }
  std::vector<double> x_centres_m() const;
  std::vector<double> y_centres_m() const;
  std::vector<double> z_centres_m() const;

  // The cell containing the point, or none if it lies outside the closed box (a point on the upper
  // boundary belongs to the last cell).
  std::optional<CellIndex> locate(double x_m, double y_m, double z_m) const;

  // Trilinear interpolation of a cell-centred field at a point. Coordinates are clamped to the box
  // spanned by the outermost cell centres, so near (or beyond) a boundary the value of the nearest
  // centre plane is used. Throws InputError if field.size() != cell_count().
  double interpolate(const Eigen::Ref<const Eigen::VectorXd>& field, double x_m, double y_m,
                     double z_m) const;

  Eigen::VectorXd make_field(double value = 0.0) const {
    return Eigen::VectorXd::Constant(static_cast<Eigen::Index>(cell_count()), value);
  }

 private:
  int nx_, ny_, nz_;
  double x_min_m_, y_min_m_, z_min_m_;
  double dx_m_, dy_m_, dz_m_;
};

}  // namespace twinlab::sim
