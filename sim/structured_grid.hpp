#pragma once
// An axis-aligned 3-D grid of cells with values at cell centres (finite-volume layout): uniform in x and
// y, and in z either uniform or stretched (any increasing sequence of layer faces, e.g. thin layers near
// the ground growing geometrically, see geometric_layer_faces()).
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

  // A grid stretched in z: z_faces_m holds the nz + 1 layer faces, strictly increasing (layer k spans
  // [z_faces_m[k], z_faces_m[k + 1]]). Throws InputError ("grid.z_faces_m") otherwise.
  StructuredGrid(int nx, int ny, double x_min_m, double y_min_m, double dx_m, double dy_m,
                 std::vector<double> z_faces_m);

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
  double z_max_m() const { return z_faces_m_.back(); }
  double dx_m() const { return dx_m_; }
  double dy_m() const { return dy_m_; }
  // True when every layer has the same thickness.
  bool uniform_z() const { return uniform_z_; }
  // The layer thickness of a uniform grid; throws std::logic_error on a stretched one (use dz_m(k)).
  double dz_m() const;
  double dz_m(int k) const {  // thickness of layer k (exactly the uniform spacing on a uniform grid)
    return uniform_z_ ? dz_uniform_m_
                      : z_faces_m_[static_cast<std::size_t>(k) + 1] - z_faces_m_[static_cast<std::size_t>(k)];
  }
  double z_face_m(int k) const { return z_faces_m_[static_cast<std::size_t>(k)]; }  // k = 0 .. nz
  const std::vector<double>& z_faces_m() const { return z_faces_m_; }
  // Volume of a cell of a uniform grid; throws std::logic_error on a stretched one (use cell_volume_m3(k)).
  double cell_volume_m3() const { return dx_m_ * dy_m_ * dz_m(); }
  double cell_volume_m3(int k) const { return dx_m_ * dy_m_ * dz_m(k); }
  double cell_area_m2() const { return dx_m_ * dy_m_; }  // horizontal area of a cell

  std::size_t index(int i, int j, int k) const {
    return (static_cast<std::size_t>(k) * ny_ + static_cast<std::size_t>(j)) * nx_ + static_cast<std::size_t>(i);
  }
  std::size_t index(const CellIndex& c) const { return index(c.i, c.j, c.k); }
  CellIndex cell(std::size_t index) const;  // inverse of index(); index must be < cell_count()

  double x_centre_m(int i) const { return x_min_m_ + (i + 0.5) * dx_m_; }
  double y_centre_m(int j) const { return y_min_m_ + (j + 0.5) * dy_m_; }
  double z_centre_m(int k) const {
    return uniform_z_ ? z_min_m_ + (k + 0.5) * dz_uniform_m_
                      : 0.5 * (z_faces_m_[static_cast<std::size_t>(k)] + z_faces_m_[static_cast<std::size_t>(k) + 1]);
  }
  std::vector<double> x_centres_m() const;
  std::vector<double> y_centres_m() const;
  std::vector<double> z_centres_m() const;

  // The cell containing the point, or none if it lies outside the closed box (a point on the upper
  // boundary belongs to the last cell).
  std::optional<CellIndex> locate(double x_m, double y_m, double z_m) const;

  // Trilinear interpolation of a cell-centred field at a point (linear between the two nearest cell
  // centres along each axis, whatever the layer thicknesses). Coordinates are clamped to the box
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
  double dx_m_, dy_m_;
  std::vector<double> z_faces_m_;  // nz + 1
  bool uniform_z_ = true;
  double dz_uniform_m_ = 0.0;      // the spacing when uniform_z_
};

// nz + 1 faces from z_min_m to z_max_m with layer thicknesses growing geometrically, dz_k = dz_0 r^k:
// the first layer first_layer_m thick, the ratio r >= 1 solved so that the nz layers fill the height
// exactly. Throws InputError ("first_layer_m") unless 0 < first_layer_m <= (z_max_m - z_min_m) / nz.
std::vector<double> geometric_layer_faces(double z_min_m, double z_max_m, int nz, double first_layer_m);
// The same, given the ratio r >= 1 instead (the first layer then follows). Throws InputError ("stretch").
std::vector<double> geometric_layer_faces_with_ratio(double z_min_m, double z_max_m, int nz, double stretch);
// The growth ratio of a face sequence: max over k of dz_{k+1} / dz_k (1 for a uniform grid).
double layer_growth_ratio(const std::vector<double>& z_faces_m);

}  // namespace twinlab::sim
