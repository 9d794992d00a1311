#pragma once
// Exact solutions of the advection-diffusion equation used to verify sim/advection_diffusion (tests only).
#include <cmath>
#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "sim/structured_grid.hpp"

namespace twinlab::sim::testing {

inline constexpr double kPi = 3.14159265358979323846;

// Steady concentration of a continuous point source Q (kg/s) at the origin in uniform wind u along x in
// an infinite domain with constant diffusivities (exact solution of u c_x = Kx c_xx + Ky c_yy + Kz c_zz).
inline double steady_point_source(double q, double u, double kx, double ky, double kz, double x, double y, double z) {
  const double rho = std::sqrt(x * x / kx + y * y / ky + z * z / kz);
  return q / (4.0 * kPi * std::sqrt(kx * ky * kz) * rho) * std::exp(u * (x - std::sqrt(kx) * rho) / (2.0 * kx));
}

// Mean over [lo, hi] of the 1-D Gaussian density with centre m and variance 2 K tau (s = 2 sqrt(K tau)).
inline double gaussian_cell_mean(double lo, double hi, double m, double s) {
  return (std::erf((hi - m) / s) - std::erf((lo - m) / s)) / (2.0 * (hi - lo));
}

// Exact cell averages of a puff of mass M (kg) centred at (xc, yc) on the closed ground z = z_min
// (image source below it), tau_s after its release as a point, with constant Kh, Kz (variance 2 K tau).
inline Eigen::VectorXd puff_cell_means(const StructuredGrid& g, double mass, double xc, double yc, double kh,
                                       double kz, double tau_s) {
  const double sh = 2.0 * std::sqrt(kh * tau_s), sz = 2.0 * std::sqrt(kz * tau_s);
  std::vector<double> fx(static_cast<std::size_t>(g.nx())), fy(static_cast<std::size_t>(g.ny())),
      fz(static_cast<std::size_t>(g.nz()));
  for (int i = 0; i < g.nx(); ++i)
    fx[static_cast<std::size_t>(i)] = gaussian_cell_mean(g.x_min_m() + i * g.dx_m(), g.x_min_m() + (i + 1) * g.dx_m(), xc, sh);
  for (int j = 0; j < g.ny(); ++j)
    fy[static_cast<std::size_t>(j)] = gaussian_cell_mean(g.y_min_m() + j * g.dy_m(), g.y_min_m() + (j + 1) * g.dy_m(), yc, sh);
  for (int k = 0; k < g.nz(); ++k)  // heights above the ground; doubled: the image below it
    fz[static_cast<std::size_t>(k)] = 2.0 * gaussian_cell_mean(k * g.dz_m(), (k + 1) * g.dz_m(), 0.0, sz);
  Eigen::VectorXd c = g.make_field();
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i)
        c[static_cast<Eigen::Index>(g.index(i, j, k))] =
            mass * fx[static_cast<std::size_t>(i)] * fy[static_cast<std::size_t>(j)] * fz[static_cast<std::size_t>(k)];
  return c;
}

}  // namespace twinlab::sim::testing
