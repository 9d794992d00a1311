#pragma once
// The vertical factor V of the Gaussian plume (gaussian_plume.hpp), written as a function of sigma_z rather
// than of the downwind distance, for the extended sources (area_source, volume_source, line_source), whose
// sigma_z is not the point source's sigma_z(x):
//   C = Q / (2 pi u sigma_y sigma_z) exp(-y^2 / 2 sigma_y^2) V(z; H, sigma_z, L)
// with the same rules as the point source: ground reflection without a lid (L = 0); all images between
// ground and lid while sigma_z <= 1.6 L (summed term by term until a term adds < 1e-17); the well-mixed
// limit V = sqrt(2 pi) sigma_z / L beyond; V = 0 when H > L or z > L (the lid separates the layers).
namespace twinlab::twins::dispersion {

// sigma_z_m > 0, z_m, h_m >= 0, lid_m >= 0 (0 = none). Dimensionless.
double plume_vertical_factor(double z_m, double h_m, double sigma_z_m, double lid_m);

}  // namespace twinlab::twins::dispersion
