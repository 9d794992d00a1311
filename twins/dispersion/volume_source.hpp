#pragma once
// Volume source (a building with vents, a conveyor transfer, a cloud released with an initial size) in the
// Gaussian plume model, by the virtual-source method of ISC3 (and AERMOD's volume source):
//   sigma_y = sigma_y(x + x_y),  sigma_z = sigma_z(x + x_z),
// with the virtual distances x_y, x_z chosen so that sigma_y(x_y) = sigma_y0 and sigma_z(x_z) = sigma_z0
// (found by bisection on the period's sigma curves, to 1e-10 relative). The concentration is the point
// plume's with these sigmas (plume_vertical.hpp for the vertical factor), centred at (x_m, y_m) and released
// at height H = the source's height_m, decay over the real travel time x / u; receptors upwind of the
// centre (x <= 0) get nothing, as for a point source.
// ISC's guidance for the initial sizes: sigma_y0 = side / 4.3 for a single volume; sigma_z0 = vertical size
// / 4.3 for an elevated source, / 2.15 for a surface-based one (the user states sigma_y0_m, sigma_z0_m).
// A curve that saturates (sigma = a x / (1 + b x) tends to a / b) may never reach sigma0: the spread then
// stays sigma0 at every distance (the curve would never exceed it).
#include "twins/dispersion/briggs_sigma.hpp"
#include "twins/dispersion/gaussian_plume.hpp"

namespace twinlab::twins::dispersion {

// x with sigma(x) = sigma0_m (m), or +infinity when the curve never reaches sigma0_m. sigma0_m >= 0.
double virtual_distance_m(const SigmaCurve& curve, double sigma0_m);

struct VolumeRelease {
  PlumeSource plume;        // centre (x_m, y_m), rate, release height, wind, sigma curves, lid, decay
  double sigma_y0_m = 1.0;  // > 0
  double sigma_z0_m = 1.0;  // > 0
};

double volume_source_concentration(const VolumeRelease& source, double x_m, double y_m, double z_m);

// Adds the volume source's concentration at every receptor (OpenMP over receptors).
void accumulate_volume_source(const VolumeRelease& source, const ReceptorSpan& receptors, double* concentration_kg_m3);

}  // namespace twinlab::twins::dispersion
