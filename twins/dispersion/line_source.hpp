#pragma once
// Line source (a road, a conveyor) in the Gaussian plume model: the centre line's segments as rectangles of
// the road's width (source_geometry.hpp line_rectangles), each an area source integrated exactly
// (area_source.hpp), with the same flux q = Q / (width x centre-line length) kg/s/m^2 on all of them, so
// the total emission is exactly Q. This is how AERMOD's LINE source type works (a rectangular area per
// segment). At a bend the rectangles of two segments overlap on the inside and leave a wedge open on the
// outside; both have area width^2 tan(angle/2) / 4 and the overlap is counted twice, so a road with bends
// emits a few parts in width/length more or less near each bend than the stated flux, the total staying Q.
// The error bound of the result is the sum of the segments' bounds.
#include <vector>

#include "twins/dispersion/area_source.hpp"

namespace twinlab::twins::dispersion {

struct LineRelease {
  std::vector<Vertex> centre_line;  // >= 2 vertices, length > 0
  double width_m = 1.0;             // > 0
  PlumeSource plume;                // total rate, release height, wind, sigma curves, lid, decay (position unused)
};

AreaResult line_source_concentration(const LineRelease& line, double x_m, double y_m, double z_m,
                                     const AreaIntegration& settings = {});

void accumulate_line_source(const LineRelease& line, const ReceptorSpan& receptors, double* concentration_kg_m3,
                            const AreaIntegration& settings = {});

}  // namespace twinlab::twins::dispersion
