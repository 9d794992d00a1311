#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "twins/dispersion/briggs_sigma.hpp"
#include "twins/dispersion/eulerian_model.hpp"
#include "twins/dispersion/kpis.hpp"
#include "twins/dispersion/plume_model.hpp"

using namespace twinlab::twins::dispersion;

namespace {

// A 50 m stack without plume rise in a neutral (D) west wind, no lid, no losses; the Eulerian diffusivities
// are fitted to the Briggs sigmas at x_ref = 2000 m. Grid: 30 m x 30 m x 10 m cells.
Config cross_model_config() {
  Config c;
  c.domain = {0.0, 3000.0, -750.0, 750.0, 400.0};
  c.meteorology.periods = {routine_period(0.0, 5.0, 270.0, StabilityClass::D, 0.0)};
  c.sources = {{"stack", 150.0, 0.0, 50.0, 1.0, 0.0, 0.0, 0.0, {}}};
  c.eulerian.enabled = true;
  c.eulerian.nx = 100;
  c.eulerian.ny = 50;
  c.eulerian.nz = 40;
  c.eulerian.duration_s = 1500.0;  // > 3 travel times over the 1850 m to x_ref at ~6.5 m/s: steady
  c.eulerian.output_interval_s = 1500.0;
  c.eulerian.courant = 0.9;
  c.eulerian.reference_distance_m = 2000.0;
  c.eulerian.lateral = LateralBoundary::Open;
  c.eulerian.top = TopBoundary::Lid;
  c.plume.grid_nx = 101;  // 30 m node spacing, nodes on the Eulerian cell centres' x +- 15 m
  c.plume.grid_ny = 51;
  c.plume.grid_height_m = 5.0;  // the Eulerian lowest cell centre
  return c;
}

}  // namespace

TEST_CASE("Eulerian steady state approaches the Gaussian plume when K reproduces the plume's sigma") {
  const Config c = cross_model_config();
  const EulerianResult e = run_eulerian_model(c);
  Config plume_config = c;
  const PlumeResult p = run_plume_model(plume_config);

  // Eulerian: lowest layer at the column whose centre is 2000 m downwind of the source (x = 2150 m).
  const std::size_t nx = e.x_m.size(), ny = e.y_m.size(), nz = e.z_m.size();
  const std::size_t i_ref = static_cast<std::size_t>((2150.0 - 0.0) / 30.0);  // centre at 2145 m
  const double x_ref = e.x_m[i_ref];
  REQUIRE(std::abs(x_ref - 2145.0) < 1e-9);
  const std::size_t last = e.times_s.size() - 1;
  const double* ground = e.concentration.data() + last * nz * ny * nx;
  double eul_max = 0.0, eul_integral = 0.0;
  for (std::size_t j = 0; j < ny; ++j) {
    eul_max = std::max(eul_max, ground[j * nx + i_ref]);
    eul_integral += ground[j * nx + i_ref] * 30.0;
  }

  // The plume's centreline at the same x (the plume grid node nearest 2145 m), evaluated on its own grid.
  const std::size_t pnx = p.x_m.size(), pny = p.y_m.size();
  std::size_t pi = 0;
  for (std::size_t i = 0; i < pnx; ++i)
    if (std::abs(p.x_m[i] - x_ref) < std::abs(p.x_m[pi] - x_ref)) pi = i;
  double plume_max = 0.0, plume_integral = 0.0;
  for (std::size_t j = 0; j < pny; ++j) {
    plume_max = std::max(plume_max, p.concentration[j * pnx + pi]);
    plume_integral += p.concentration[j * pnx + pi] * (p.y_m[1] - p.y_m[0]);
  }
  CAPTURE(eul_max, plume_max, eul_integral, plume_integral, p.x_m[pi]);

  // Tolerance 8 % (observed: 2.7 % on the maximum, 2.6 % on the crosswind integral). The two models share
  // sigma at x_ref exactly, but (1) the Eulerian plume travels in the power-law wind profile (u varies by
  // +-8 % over the plume depth) where the Gaussian plume uses u(H); (2) the grid spreads the source over a
  // 30 x 30 x 10 m cell and the lowest cell centre is at 5 m; (3) the plume node lies 15 m upwind of the
  // cell centre (d ln C / d ln x ~ -1.5 there: ~1 %). Each is a few percent at most.
  CHECK(eul_max == Approx(plume_max).epsilon(0.08));
  CHECK(eul_integral == Approx(plume_integral).epsilon(0.08));
  // Mass is conserved by the run itself (open boundaries, no losses).
  const double residual = e.budget.emitted_kg.back() - e.budget.in_domain_kg.back() - e.budget.outflow_kg.back();
  CHECK(std::abs(residual) < 1e-9 * e.budget.emitted_kg.back());
}

TEST_CASE("Eulerian run records outputs, sensors, budget and threshold time") {
  Config c = cross_model_config();
  c.eulerian.nx = 30;
  c.eulerian.ny = 15;
  c.eulerian.nz = 10;
  c.eulerian.duration_s = 600.0;
  c.eulerian.output_interval_s = 200.0;
  c.pollutant.decay_rate_1_s = 1e-3;
  c.pollutant.deposition_velocity_m_s = 0.01;
  c.pollutant.threshold_kg_m3 = 1e-9;
  c.receptors = {{"near", 1000.0, 0.0, 1.5}, {"aside", 1000.0, -700.0, 1.5}};
  c.meteorology.periods.push_back(routine_period(300.0, 3.0, 250.0, StabilityClass::C, 0.0));
  c.sources[0].schedule = {{0.0, 1.0}, {250.0, 2.0}};
  const EulerianResult e = run_eulerian_model(c);

  REQUIRE(e.times_s == std::vector<double>{0.0, 200.0, 400.0, 600.0});
  CHECK(e.concentration.size() == 4u * 30u * 15u * 10u);
  CHECK(e.receptor_concentration.size() == 4u * 2u);
  // Emitted mass follows the schedule exactly: 250 s at 1 kg/s then 350 s at 2 kg/s.
  CHECK(e.budget.emitted_kg.back() == Approx(250.0 + 700.0).epsilon(1e-12));
  // Budget closes to round-off with decay, deposition and outflow all active.
  const auto& b = e.budget;
  const double residual = b.emitted_kg.back() - b.in_domain_kg.back() - b.outflow_kg.back() - b.decayed_kg.back() -
                          b.deposited_kg.back();
  CHECK(std::abs(residual) < 1e-10 * b.emitted_kg.back());
  CHECK(b.decayed_kg.back() > 0.0);
  CHECK(b.deposited_kg.back() > 0.0);
  // The downwind sensor sees the plume for most of the run; the one 700 m to the side (> 10 sigma_y, and the
  // wind turns away from it) never does.
  CHECK(e.receptor_time_above_threshold_s[0] > 100.0);
  CHECK(e.receptor_time_above_threshold_s[1] == 0.0);
  CHECK(*std::min_element(e.concentration.begin(), e.concentration.end()) >= 0.0);

  const ModelKpis k = eulerian_kpis(c, e);
  CHECK(k.deposited_kg == Approx(b.deposited_kg.back()));
  CHECK(k.ground_maximum.concentration_kg_m3 > 0.0);
  CHECK(k.ground_maximum.x_m > c.sources[0].x_m);  // downwind of the stack
}

TEST_CASE("Eulerian KPIs come from the solver's steps: the same for any output interval") {
  // A 5-minute release from a 10 m vent passes a sensor 700 m downwind between 300 s and ~600 s. With one
  // output at the end (1800 s) the puff has long left; the KPIs taken from stored snapshots (the old code)
  // gave a peak near 0 there and a ground maximum at t = 1800 s, while the per-step time above threshold
  // was hundreds of seconds. KPIs are now updated after every step, and output times no longer cut the steps.
  Config c;
  c.domain = {0.0, 3000.0, -600.0, 600.0, 300.0};
  c.meteorology.periods = {routine_period(0.0, 3.0, 270.0, StabilityClass::D, 0.0)};
  c.sources = {{"vent", 300.0, 0.0, 10.0, 0.0, 0.0, 0.0, 0.0, {{0.0, 2.0}, {300.0, 0.0}}}};
  c.receptors = {{"fence", 1000.0, 0.0, 1.5}};
  c.pollutant.threshold_kg_m3 = 1e-5;
  c.pollutant.decay_rate_1_s = 1e-4;
  c.pollutant.deposition_velocity_m_s = 0.01;
  c.plume.enabled = false;
  c.eulerian.enabled = true;
  c.eulerian.nx = 60;
  c.eulerian.ny = 24;
  c.eulerian.nz = 12;
  c.eulerian.duration_s = 1800.0;
  c.eulerian.reference_distance_m = 700.0;

  Config coarse = c, fine = c;
  coarse.eulerian.output_interval_s = 1800.0;
  fine.eulerian.output_interval_s = 70.0;  // not a divisor of anything in the run: outputs fall inside steps
  const EulerianResult a = run_eulerian_model(coarse), b = run_eulerian_model(fine);
  REQUIRE(a.times_s == std::vector<double>{0.0, 1800.0});
  REQUIRE(b.times_s.size() == 27u);  // 0, 70, ..., 1750, 1800

  // Identical trajectories, so identical KPIs to the last bit (no tolerance: same operations in the same order).
  CHECK(a.steps == b.steps);
  const ModelKpis ka = eulerian_kpis(coarse, a), kb = eulerian_kpis(fine, b);
  CHECK(ka.receptors[0].peak_kg_m3 == kb.receptors[0].peak_kg_m3);
  CHECK(ka.receptors[0].time_above_threshold_s == kb.receptors[0].time_above_threshold_s);
  CHECK(ka.ground_maximum.concentration_kg_m3 == kb.ground_maximum.concentration_kg_m3);
  CHECK(ka.ground_maximum.x_m == kb.ground_maximum.x_m);
  CHECK(ka.ground_maximum.time_s == kb.ground_maximum.time_s);
  CHECK(ka.deposited_kg == kb.deposited_kg);
  // The final fields (a true step end in both runs) agree bitwise too.
  const std::size_t cells = a.x_m.size() * a.y_m.size() * a.z_m.size();
  CHECK(std::equal(a.concentration.end() - static_cast<long>(cells), a.concentration.end(),
                   b.concentration.end() - static_cast<long>(cells)));

  // The figures are those of the passing puff, not of what happened to be stored.
  CHECK(ka.receptors[0].time_above_threshold_s > 60.0);
  CHECK(ka.receptors[0].peak_kg_m3 > c.pollutant.threshold_kg_m3);
  CHECK(ka.ground_maximum.time_s < 900.0);
  // The peak is (nearly) at least every stored value at the sensor. A snapshot is a state between two steps
  // (taken by a copy) and may exceed both by O((dt / tau)^2), tau the time over which the sensor's value
  // changes: a 900 m puff passing at ~3 m/s gives tau >~ 100 s against dt ~ 4 s, so well under 1 %.
  for (std::size_t t = 0; t < b.times_s.size(); ++t) {
    CAPTURE(t);
    CHECK(b.receptor_concentration[t] <= kb.receptors[0].peak_kg_m3 * 1.01);
  }
  // A snapshot taken inside a step by the copy is close to the state at that time: at 1800 s the mass budget
  // of the fine run equals the coarse one; at 70 s the emitted mass is exactly 70 s x 2 kg/s.
  CHECK(b.budget.emitted_kg[1] == Approx(140.0).epsilon(1e-12));
  CHECK(b.budget.deposited_kg.back() == a.budget.deposited_kg.back());
}

TEST_CASE("Eulerian run on stretched layers: thin ground layer, implicit vertical terms, budget closes") {
  // The budget test's case on 12 layers over 400 m, the first 2 m thick (the uniform grid's is 40 m).
  Config c = cross_model_config();
  c.eulerian.nx = 30;
  c.eulerian.ny = 15;
  c.eulerian.nz = 12;
  c.eulerian.first_layer_m = 2.0;
  c.eulerian.duration_s = 600.0;
  c.eulerian.output_interval_s = 300.0;
  c.pollutant.decay_rate_1_s = 1e-3;
  c.pollutant.deposition_velocity_m_s = 0.01;
  c.receptors = {{"near", 1000.0, 0.0, 1.5}};
  const EulerianResult e = run_eulerian_model(c);
  REQUIRE(e.z_faces_m.size() == 13u);
  CHECK(e.z_faces_m[1] == Approx(2.0));
  CHECK(e.z_m[0] == Approx(1.0));  // the "ground level" of the KPIs is now 1 m, not half a 33 m layer
  CHECK(e.vertical_scheme == "implicit");  // auto: implicit on stretched layers
  const auto& b = e.budget;
  const double residual = b.emitted_kg.back() - b.in_domain_kg.back() - b.outflow_kg.back() - b.decayed_kg.back() -
                          b.deposited_kg.back();
  CHECK(std::abs(residual) < 1e-10 * b.emitted_kg.back());
  CHECK(b.deposited_kg.back() > 0.0);
  CHECK(*std::min_element(e.concentration.begin(), e.concentration.end()) >= 0.0);
  // Explicit on the same layers takes many more steps (limited by Kz / dz^2 in the 2 m layer).
  Config ex = c;
  ex.eulerian.vertical_diffusion = VerticalDiffusionMode::Explicit;
  const EulerianResult x = run_eulerian_model(ex);
  INFO("steps implicit " << e.steps << ", explicit " << x.steps);
  CHECK(x.steps > 3 * e.steps);
  // Both solve the same equations: the sensor peaks agree to the implicit scheme's first-order time error
  // in the vertical terms (measured 3e-4 relative; 5e-3 leaves room for other cases' steps, and is still 10x
  // below the 5 % a wrong vertical flux on these layers gives).
  CHECK(e.receptor_peak_kg_m3[0] == Approx(x.receptor_peak_kg_m3[0]).epsilon(5e-3));
}

TEST_CASE("Eulerian fields streamed to a sink are the stored ones, and nothing is kept") {
  Config c = cross_model_config();
  c.eulerian.nx = 20;
  c.eulerian.ny = 10;
  c.eulerian.nz = 8;
  c.eulerian.duration_s = 500.0;
  c.eulerian.output_interval_s = 70.0;  // outputs inside steps too
  const EulerianResult stored = run_eulerian_model(c);
  std::vector<double> streamed, times;
  const FieldSink sink = [&](double t, const double* values, std::size_t n) {
    times.push_back(t);
    streamed.insert(streamed.end(), values, values + n);
  };
  const EulerianResult lean = run_eulerian_model(c, {}, sink);
  CHECK(lean.concentration.empty());
  CHECK(times == stored.times_s);
  CHECK(streamed == stored.concentration);  // bitwise
  CHECK(lean.receptor_peak_kg_m3 == stored.receptor_peak_kg_m3);
  CHECK(lean.ground_maximum.concentration_kg_m3 == stored.ground_maximum.concentration_kg_m3);
}

TEST_CASE("Eulerian run through calm and missing hours: last valid transport carried, hours left out of the KPIs") {
  // Four half-hours: valid, calm (0.2 m/s), missing (no wind at all), valid. The rule (eulerian_model.hpp): the
  // calm and missing ones are run with the first half-hour's transport and are not counted in the KPIs.
  Config c = cross_model_config();
  c.eulerian.nx = 30;
  c.eulerian.ny = 15;
  c.eulerian.nz = 10;
  c.eulerian.duration_s = 7200.0;
  c.eulerian.output_interval_s = 1800.0;
  c.pollutant.threshold_kg_m3 = 1e-9;
  c.receptors = {{"near", 1000.0, 0.0, 1.5}};
  MeteorologyPeriod calm = routine_period(1800.0, 0.2, 90.0, StabilityClass::F, 0.0);
  calm.status = PeriodStatus::Calm;
  MeteorologyPeriod missing = routine_period(3600.0, 0.0, 0.0, StabilityClass::A, 0.0);
  missing.status = PeriodStatus::Missing;
  c.meteorology.periods = {routine_period(0.0, 5.0, 270.0, StabilityClass::D, 0.0), calm, missing,
                           routine_period(5400.0, 5.0, 270.0, StabilityClass::D, 0.0)};
  const EulerianResult e = run_eulerian_model(c);
  CHECK(e.calm_periods == 1);
  CHECK(e.missing_periods == 1);
  CHECK(e.excluded_time_s == Approx(3600.0).epsilon(1e-12));

  // The same run with the two hours replaced by copies of the first (persistence, all valid): the same field,
  // bit for bit, at every output time (same steps, same coefficients), and the same mass budget.
  Config persisted = c;
  for (std::size_t k : {1u, 2u}) {
    persisted.meteorology.periods[k] = c.meteorology.periods[0];
    persisted.meteorology.periods[k].start_s = c.meteorology.periods[k].start_s;
  }
  const EulerianResult p = run_eulerian_model(persisted);
  CHECK(p.calm_periods == 0);
  CHECK(p.excluded_time_s == 0.0);
  CHECK(e.concentration == p.concentration);
  CHECK(e.budget.emitted_kg == p.budget.emitted_kg);
  CHECK(e.budget.outflow_kg == p.budget.outflow_kg);
  // KPIs: the sensor is in a steady plume from about 200 s on. Counted, that is ~7000 s above the threshold; with
  // the two hours left out ~3600 s less (to the step: 1 % covers the rounding of steps at the period edges).
  CHECK(p.receptor_time_above_threshold_s[0] > 6500.0);
  CHECK(e.receptor_time_above_threshold_s[0] ==
        Approx(p.receptor_time_above_threshold_s[0] - 3600.0).epsilon(0.01));
  // The ground maximum is taken in a counted hour.
  CHECK((e.ground_maximum.time_s <= 1800.0 || e.ground_maximum.time_s > 5400.0));

  // Nothing valid: refused, the key named.
  Config none = c;
  none.meteorology.periods = {calm, missing};
  none.meteorology.periods[0].start_s = 0.0;
  CHECK_THROWS_WITH(run_eulerian_model(none), Catch::Contains("meteorology.periods") && Catch::Contains("no valid period"));
  // Before the first valid period: the first valid one after it.
  none.meteorology.periods.push_back(routine_period(5400.0, 4.0, 180.0, StabilityClass::C, 0.0));
  CHECK(&eulerian_transport_period(none.meteorology, 0.0) == &none.meteorology.periods[2]);
  CHECK(&eulerian_transport_period(none.meteorology, 4000.0) == &none.meteorology.periods[2]);
}
