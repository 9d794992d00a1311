#pragma once
// The per-source-type dispatch of both models (config.hpp SourceType): point sources go through the
// vectorised point kernel (plume) or into the one cell holding their release (Eulerian); area, line and
// volume sources through their own units:
//  * plume: area_source (exact crosswind, adaptive along-wind integral), line_source (rectangles per
//    segment, each an exact area), volume_source (virtual distances);
//  * Eulerian: an area or line emits into the cells it covers in proportion to the exact area of the
//    outline (or road rectangle) inside each cell, in the cell layer holding the release height; a volume
//    emits into the box of side 4.3 sigma_y0 and height +-2.15 sigma_z0 about its centre (ISC's relation of
//    the initial sigmas to the size; cut at the ground), in proportion to the box's volume in each cell.
// Every rate is the source's total kg/s: an area's flux is Q / area, a road's Q / (width x length).
#include <cstddef>
#include <string>
#include <vector>

#include "twins/dispersion/config.hpp"
#include "twins/dispersion/gaussian_plume.hpp"

namespace twinlab::twins::dispersion {

// Checks the keys of a source's type (vertices: >= 3 for an area, simple, non-zero area; >= 2 for a line
// with non-zero length; width_m > 0; sigma_y0_m, sigma_z0_m > 0 for a volume; no stack exit parameters for a
// type other than point). Throws base::InputError whose key is relative to the source ("vertices[2]",
// "width_m", ...).
void validate_source_geometry(const Source& source);

// Plan area of an area source (m^2), of a road (width x centre-line length); 0 for points and volumes.
double source_area_m2(const Source& source);

// The point sources among the period's kernel inputs (`period` in Config::sources order).
std::vector<PlumeSource> point_plume_sources(const Config& config, const std::vector<PlumeSource>& period);

// Adds every area, line and volume source's concentration at the receptors.
void accumulate_extended_sources(const Config& config, const std::vector<PlumeSource>& period,
                                 const ReceptorSpan& receptors, double* concentration_kg_m3);

// Eulerian: cell faces of a grid (ascending, size cells + 1 per axis), and a source's share of each cell.
struct EmissionGridFaces {
  std::vector<double> x_m, y_m, z_m;
};
struct CellShare {
  int i = 0, j = 0, k = 0;
  double fraction = 0.0;  // of the source's rate; the shares sum to the part of the source inside the grid
};
// For an area, line or volume source released at release_height_m (m above ground).
std::vector<CellShare> emission_cell_shares(const Source& source, double release_height_m,
                                            const EmissionGridFaces& faces);

}  // namespace twinlab::twins::dispersion
