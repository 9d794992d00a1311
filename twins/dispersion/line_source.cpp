#include "twins/dispersion/line_source.hpp"

#include "twins/dispersion/source_geometry.hpp"

namespace twinlab::twins::dispersion {

namespace {

double flux_of(const LineRelease& line) {
  const double length = polyline_length_m(line.centre_line);
  return length > 0.0 && line.width_m > 0.0 ? line.plume.emission_rate_kg_s / (length * line.width_m) : 0.0;
}

}  // namespace

AreaResult line_source_concentration(const LineRelease& line, double x, double y, double z,
                                     const AreaIntegration& settings) {
  const double flux = flux_of(line);
  AreaResult sum;
  for (const auto& rect : line_rectangles(line.centre_line, line.width_m)) {
    const AreaResult r = area_source_concentration(rect, flux, line.plume, x, y, z, settings);
    sum.concentration_kg_m3 += r.concentration_kg_m3;
    sum.error_bound_kg_m3 += r.error_bound_kg_m3;
    sum.subintervals += r.subintervals;
    sum.converged = sum.converged && r.converged;
  }
  return sum;
}

void accumulate_line_source(const LineRelease& line, const ReceptorSpan& receptors, double* out,
                            const AreaIntegration& settings) {
  const double flux = flux_of(line);
  for (const auto& rect : line_rectangles(line.centre_line, line.width_m))
    accumulate_area_source(rect, flux, line.plume, receptors, out, settings);
}

}  // namespace twinlab::twins::dispersion
