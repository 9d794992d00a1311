#include "scenarios/dispersion/resources.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "twins/dispersion/wind_profile.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

constexpr double value_bytes = 8.0;             // one double
constexpr double solver_copies = 3.0;           // concentration, its update, the copy taken at output times
constexpr double cell_updates_per_s = 1e8;      // faster than the solver's fastest measured rate: a lower bound
constexpr double plume_evaluations_per_s = 1e8; // Gaussian kernel evaluations (node x source x period) per s

std::string count_text(double n) {
  std::ostringstream out;
  if (n < 1e7) out << static_cast<long long>(n); else out << std::scientific << std::setprecision(2) << n;
  return out.str();
}

}  // namespace

ResourceEstimate dispersion_resources(const dsp::Config& c) {
  ResourceEstimate e;
  const double periods = static_cast<double>(c.meteorology.periods.size());
  const double receptors = static_cast<double>(c.receptors.size());
  double plume_bytes = 0.0, eulerian_bytes = 0.0;
  std::string plume_detail, eulerian_detail;
  if (c.plume.enabled) {
    const double nodes = static_cast<double>(c.plume.grid_nx) * c.plume.grid_ny;
    plume_bytes = (nodes * (periods + 1.0) + receptors * periods) * value_bytes;
    const std::string sizes = "plume receptor grid " + std::to_string(c.plume.grid_nx) + " x " +
                              std::to_string(c.plume.grid_ny) + " nodes x " + count_text(periods) + " periods";
    plume_detail = sizes + " x 8 B";
    const double evaluations = nodes * periods * std::max<double>(1.0, static_cast<double>(c.sources.size()));
    e.time_s = evaluations / plume_evaluations_per_s;
    e.time_detail = sizes + " x " + std::to_string(c.sources.size()) + " sources at 1e8 evaluations/s";
    e.time_key = "dispersion.plume";
  }
  if (c.eulerian.enabled) {
    const auto& g = c.eulerian;
    const double cells = static_cast<double>(g.nx) * g.ny * g.nz;
    const double duration = g.duration_s, every = g.output_interval_s;
    // 0, every multiple of the interval before the end, the end (as eulerian_model.cpp's output_times).
    const double outputs = std::ceil(duration / every * (1.0 - 1e-12)) + 1.0;
    eulerian_bytes = cells * (outputs + solver_copies) * value_bytes + receptors * outputs * value_bytes;
    eulerian_detail = "Eulerian grid " + std::to_string(g.nx) + " x " + std::to_string(g.ny) + " x " +
                      std::to_string(g.nz) + " cells x (" + count_text(outputs) + " stored fields + " +
                      count_text(solver_copies) + " working copies) x 8 B";
    // Steps: at least duration / (courant dx_min / u_top), u_top the fastest wind at the top cell centre.
    const double dx = (c.domain.x_max_m - c.domain.x_min_m) / g.nx, dy = (c.domain.y_max_m - c.domain.y_min_m) / g.ny;
    const double z_top = c.domain.z_max_m * (1.0 - 0.5 / g.nz);
    double u_top = 0.0;
    for (const auto& p : c.meteorology.periods)  // calm / missing periods run with a valid one's wind
      if (p.status == dsp::PeriodStatus::Valid)
        u_top = std::max(u_top, dsp::wind_profile_for(c.meteorology, p).speed_at(z_top));
    const double limit_s = u_top > 0.0 ? g.courant * std::min(dx, dy) / u_top : duration;
    const double steps = std::ceil(duration / std::max(limit_s, 1e-300));
    const double time_s = cells * steps / cell_updates_per_s;
    if (time_s > e.time_s) {
      e.time_s = time_s;
      e.time_detail = count_text(cells) + " cells x at least " + count_text(steps) +
                      " steps (advective limit " + std::to_string(limit_s) + " s) at 1e8 cell updates/s";
      e.time_key = "dispersion.eulerian";
    }
  }
  const bool eulerian_larger = eulerian_bytes >= plume_bytes;
  e.memory_bytes = plume_bytes + eulerian_bytes;
  e.memory_detail = plume_bytes > 0.0 && eulerian_bytes > 0.0
                        ? (eulerian_larger ? eulerian_detail + ", plus the " + plume_detail
                                           : plume_detail + ", plus the " + eulerian_detail)
                        : plume_detail + eulerian_detail;
  e.memory_key = eulerian_larger ? "dispersion.eulerian" : "dispersion.plume";
  return e;
}

}  // namespace twinlab::scenarios
