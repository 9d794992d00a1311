#include "twins/dispersion/eulerian_model.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "base/error.hpp"
#include "sim/advection_diffusion.hpp"
#include "twins/dispersion/eulerian_profiles.hpp"
#include "twins/dispersion/plume_rise.hpp"
#include "twins/dispersion/site_sources.hpp"
#include "twins/dispersion/wind_profile.hpp"

namespace twinlab::twins::dispersion {
namespace {

sim::BoundaryConditions make_boundaries(const EulerianSettings& e) {
  sim::BoundaryConditions b;
  const auto lateral = e.lateral == LateralBoundary::Open ? sim::BoundaryKind::Open : sim::BoundaryKind::Closed;
  b.west = b.east = b.south = b.north = lateral;
  b.top = e.top == TopBoundary::Open ? sim::BoundaryKind::Open : sim::BoundaryKind::Closed;
  return b;
}

sim::TransportCoefficients coefficients_for(const Config& c, const LayerHeights& layers,
                                            const MeteorologyPeriod& period) {
  return eulerian_transport(c, period, layers, period_profiles(c, period, layers));
}

// Site geometry: the grid's cell faces for emission_cell_shares.
EmissionGridFaces emission_faces(const sim::StructuredGrid& g) {
  EmissionGridFaces f;
  for (int i = 0; i <= g.nx(); ++i) f.x_m.push_back(g.x_min_m() + i * g.dx_m());
  for (int j = 0; j <= g.ny(); ++j) f.y_m.push_back(g.y_min_m() + j * g.dy_m());
  for (int k = 0; k <= g.nz(); ++k) f.z_m.push_back(g.z_face_m(k));  // stretched layers too
  return f;
}

std::vector<sim::PointSource> sources_at(const Config& c, const sim::StructuredGrid& grid,
                                         const MeteorologyPeriod& period, double t_s) {
  std::vector<sim::PointSource> out;
  for (const auto& s : c.sources) {
    const double h = effective_source_height_m(c, s, period);
    if (s.type != SourceType::Point) {  // site geometry: areas, lines, volumes over the cells they cover
      for (const CellShare& share : emission_cell_shares(s, h, emission_faces(grid)))
        out.push_back({grid.index(share.i, share.j, share.k), share.fraction * emission_rate_at(s, t_s)});
      continue;
    }
    const auto cell = grid.locate(s.x_m, s.y_m, h);
    if (!cell) continue;  // cannot happen for a validated config (sources inside the domain)
    out.push_back({grid.index(*cell), emission_rate_at(s, t_s)});
  }
  return out;
}

// Every time at which the physics changes (period starts, schedule changes) and the end, sorted, unique,
// within [0, duration]. Output times are deliberately not among them: the steps, and so every KPI, do not
// depend on what is written (outputs are taken from a copy of the solver, see run_eulerian_model).
std::vector<double> breakpoints(const Config& c) {
  const double end = c.eulerian.duration_s;
  std::vector<double> t{0.0, end};
  for (const auto& p : c.meteorology.periods)
    if (p.start_s < end) t.push_back(p.start_s);
  for (const auto& s : c.sources)
    for (const auto& e : s.schedule)
      if (e.time_s < end) t.push_back(e.time_s);
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end(), [](double a, double b) { return std::abs(a - b) < 1e-9; }), t.end());
  return t;
}

// 0, every multiple of output_interval_s before the end, and the end.
std::vector<double> output_times(const Config& c) {
  const double end = c.eulerian.duration_s, every = c.eulerian.output_interval_s;
  std::vector<double> t{0.0};
  for (long long k = 1; static_cast<double>(k) * every < end * (1.0 - 1e-12); ++k)
    t.push_back(static_cast<double>(k) * every);
  t.push_back(end);
  return t;
}

// t_s is the exact output time (the solver's clock carries the round-off of summed steps).
void record(EulerianResult& r, const Config& c, const sim::AdvectionDiffusionSolver& solver, double t_s,
            const FieldSink& sink) {
  const auto& field = solver.concentration();
  r.times_s.push_back(t_s);
  if (sink) {
    sink(t_s, field.data(), static_cast<std::size_t>(field.size()));
  } else {
    r.concentration.insert(r.concentration.end(), field.data(), field.data() + field.size());
  }
  for (const auto& rec : c.receptors)
    r.receptor_concentration.push_back(solver.grid().interpolate(field, rec.x_m, rec.y_m, rec.z_m));
  const auto& b = solver.budget();
  r.budget.emitted_kg.push_back(b.emitted_kg);
  r.budget.in_domain_kg.push_back(b.in_domain_kg);
  r.budget.outflow_kg.push_back(b.outflow_kg);
  r.budget.decayed_kg.push_back(b.decayed_kg);
  r.budget.deposited_kg.push_back(b.deposited_kg);
}

// The KPIs, updated from the solver's state after every step: sensor peaks, time above threshold (the step's
// end value held for the step), and the maximum over the lowest cell layer.
void observe(EulerianResult& r, const Config& c, const sim::AdvectionDiffusionSolver& solver, double t_s,
             double dt_s) {
  const auto& grid = solver.grid();
  const auto& field = solver.concentration();
  const double threshold = c.pollutant.threshold_kg_m3;
  for (std::size_t i = 0; i < c.receptors.size(); ++i) {
    const auto& rec = c.receptors[i];
    const double value = grid.interpolate(field, rec.x_m, rec.y_m, rec.z_m);
    r.receptor_peak_kg_m3[i] = std::max(r.receptor_peak_kg_m3[i], value);
    if (threshold > 0.0 && value > threshold) r.receptor_time_above_threshold_s[i] += dt_s;
  }
  const std::size_t layer = grid.plane_size();
  const double* ground = field.data();
  const double* best = std::max_element(ground, ground + layer);
  if (*best > r.ground_maximum.concentration_kg_m3) {
    const auto cell = grid.cell(static_cast<std::size_t>(best - ground));
    r.ground_maximum = {*best, grid.x_centre_m(cell.i), grid.y_centre_m(cell.j), t_s};
  }
}

}  // namespace

std::vector<double> eulerian_layer_faces(const Config& c) {
  const auto& e = c.eulerian;
  if (e.first_layer_m > 0.0) return sim::geometric_layer_faces(0.0, c.domain.z_max_m, e.nz, e.first_layer_m);
  if (e.stretch > 0.0) return sim::geometric_layer_faces_with_ratio(0.0, c.domain.z_max_m, e.nz, e.stretch);
  std::vector<double> faces(static_cast<std::size_t>(e.nz) + 1);
  const double dz = c.domain.z_max_m / e.nz;
  for (int f = 0; f <= e.nz; ++f) faces[static_cast<std::size_t>(f)] = f * dz;
  return faces;
}

const MeteorologyPeriod& eulerian_transport_period(const Meteorology& met, double t_s) {
  const MeteorologyPeriod& now = period_at(met, t_s);
  if (now.status == PeriodStatus::Valid) return now;
  const auto at = static_cast<std::size_t>(&now - met.periods.data());
  for (std::size_t k = at; k-- > 0;)
    if (met.periods[k].status == PeriodStatus::Valid) return met.periods[k];
  for (std::size_t k = at + 1; k < met.periods.size(); ++k)
    if (met.periods[k].status == PeriodStatus::Valid) return met.periods[k];
  throw base::InputError({"", 0, 0, "meteorology.periods"},
                         "has no valid period (all " + std::to_string(met.periods.size()) +
                             " are calm or missing); the Eulerian model needs at least one hour with wind");
}

sim::StructuredGrid eulerian_grid(const Config& c) {
  const auto& d = c.domain;
  const auto& e = c.eulerian;
  if (e.first_layer_m > 0.0 || e.stretch > 0.0) {
    return sim::StructuredGrid(e.nx, e.ny, d.x_min_m, d.y_min_m, (d.x_max_m - d.x_min_m) / e.nx,
                               (d.y_max_m - d.y_min_m) / e.ny, eulerian_layer_faces(c));
  }
  return sim::StructuredGrid::covering(e.nx, e.ny, e.nz, d.x_min_m, d.x_max_m, d.y_min_m, d.y_max_m, 0.0, d.z_max_m);
}

sim::VerticalScheme eulerian_vertical_scheme(const Config& c) {
  switch (c.eulerian.vertical_diffusion) {
    case VerticalDiffusionMode::Explicit: return sim::VerticalScheme::Explicit;
    case VerticalDiffusionMode::Implicit: return sim::VerticalScheme::Implicit;
    case VerticalDiffusionMode::Auto: break;
  }
  return c.eulerian.first_layer_m > 0.0 || c.eulerian.stretch > 0.0 ? sim::VerticalScheme::Implicit
                                                                     : sim::VerticalScheme::Explicit;
}

double effective_source_height_m(const Config& config, const Source& source, const MeteorologyPeriod& period) {
  const auto& met = config.meteorology;
  const WindProfile profile = wind_profile_for(met, period);
  const StackExit exit{source.diameter_m, source.exit_velocity_m_s, source.exit_temperature_K};
  const PlumeRise rise = briggs_plume_rise(exit, period_ambient_temperature_K(met, period),
                                           profile.speed_at(source.height_m), period.stability);
  // Keep the release inside the top cell (half a cell below the top boundary).
  double top = config.domain.z_max_m * (1.0 - 0.5 / std::max(1, config.eulerian.nz));
  if (config.eulerian.first_layer_m > 0.0 || config.eulerian.stretch > 0.0) {
    const std::vector<double> faces = eulerian_layer_faces(config);
    top = config.domain.z_max_m - 0.5 * (faces[faces.size() - 1] - faces[faces.size() - 2]);
  }
  return std::clamp(source.height_m + rise.final_rise_m, 0.0, top);
}

EulerianResult run_eulerian_model(const Config& c, const ProgressCallback& progress, const FieldSink& fields) {
  const sim::StructuredGrid grid = eulerian_grid(c);
  const LayerHeights layers = layer_heights(grid);
  const MeteorologyPeriod* period = &eulerian_transport_period(c.meteorology, 0.0);
  sim::AdvectionDiffusionSolver solver(grid, coefficients_for(c, layers, *period), make_boundaries(c.eulerian),
                                       c.eulerian.courant, eulerian_vertical_scheme(c));
  solver.set_sources(sources_at(c, grid, *period, 0.0));

  EulerianResult r;
  r.x_m = grid.x_centres_m();
  r.y_m = grid.y_centres_m();
  r.z_m = grid.z_centres_m();
  r.z_faces_m = layer_heights(grid).faces_m;
  r.vertical_scheme = solver.vertical_scheme() == sim::VerticalScheme::Implicit ? "implicit" : "explicit";
  r.advective_limit_s = solver.limits().advective_s;
  r.diffusive_limit_s = solver.limits().diffusive_s;
  r.time_step_s = solver.time_step_s();
  r.receptor_time_above_threshold_s.assign(c.receptors.size(), 0.0);
  r.receptor_peak_kg_m3.assign(c.receptors.size(), 0.0);
  for (std::size_t k = 0; k < c.meteorology.periods.size(); ++k) {
    const MeteorologyPeriod& p = c.meteorology.periods[k];
    if (p.start_s >= c.eulerian.duration_s) break;
    if (p.status == PeriodStatus::Calm) ++r.calm_periods;
    if (p.status == PeriodStatus::Missing) ++r.missing_periods;
  }
  record(r, c, solver, 0.0, fields);

  const std::vector<double> cuts = breakpoints(c);
  const std::vector<double> outputs = output_times(c);
  const double eps_s = 1e-9 * std::max(1.0, c.eulerian.duration_s);
  std::size_t next_output = 1;  // outputs[0] = 0 is recorded above
  for (std::size_t seg = 0; seg + 1 < cuts.size(); ++seg) {
    const double t0 = cuts[seg], t1 = cuts[seg + 1];
    // Calm / missing: carried with the last valid period's transport, left out of the KPIs (see the header).
    const bool counted = period_at(c.meteorology, t0).status == PeriodStatus::Valid;
    if (!counted) r.excluded_time_s += t1 - t0;
    const MeteorologyPeriod* now = &eulerian_transport_period(c.meteorology, t0);
    if (now != period) {
      period = now;
      solver.set_coefficients(coefficients_for(c, layers, *period));
    }
    solver.set_sources(sources_at(c, grid, *period, t0));
    // Equal steps no longer than the automatic one, ending exactly on t1.
    const long long n =
        std::max(1LL, static_cast<long long>(std::ceil((t1 - t0) / solver.time_step_s() - 1e-9)));
    const double dt = (t1 - t0) / static_cast<double>(n);
    r.largest_step_s = std::max(r.largest_step_s, dt);
    for (long long s = 0; s < n; ++s) {
      const double t_before = t0 + static_cast<double>(s) * dt;
      const double t_after = s + 1 == n ? t1 : t0 + static_cast<double>(s + 1) * dt;
      // An output time inside this step: a copy of the solver takes the shorter step to it and is recorded;
      // the run itself goes on with its own steps, so outputs never change the trajectory or a KPI.
      while (next_output < outputs.size() && outputs[next_output] < t_after - eps_s) {
        sim::AdvectionDiffusionSolver snapshot = solver;
        if (outputs[next_output] > t_before + eps_s) snapshot.step(outputs[next_output] - t_before);
        record(r, c, snapshot, outputs[next_output], fields);
        ++next_output;
      }
      solver.step(dt);
      if (counted) observe(r, c, solver, t_after, dt);
      if (progress) progress(t_after, c.eulerian.duration_s);  // every step: a long segment still shows an ETA
      if (next_output < outputs.size() && std::abs(outputs[next_output] - t_after) <= eps_s) {
        record(r, c, solver, outputs[next_output], fields);
        ++next_output;
      }
    }
  }
  r.steps = solver.steps();
  const auto& dep = solver.deposited_kg_m2();
  r.deposited_kg_m2.assign(dep.data(), dep.data() + dep.size());
  return r;
}

}  // namespace twinlab::twins::dispersion
