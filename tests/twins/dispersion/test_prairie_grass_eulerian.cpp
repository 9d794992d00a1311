// Field validation of the EULERIAN model against Project Prairie Grass (1956), as test_prairie_grass.cpp does for
// the plume model: the steady C/Q at 1.5 m on the 50-800 m arcs (the samples are 10-min averages), arc maxima and
// crosswind integrals, scored with the model-evaluation statistics of sim/model_evaluation.hpp (FB, NMSE, MG, VG,
// FAC2; Chang & Hanna 2004), for the 53 runs with meteorology (265 arcs). Data: tests/data/prairie_grass.csv.
//
// Each arc is one run of run_eulerian_model (the model as a scenario runs it: turbulence: similarity, stretched
// layers, implicit vertical diffusion) on a grid scaled to the arc (the arcs span 50-800 m and the plume 2-300 m,
// so one grid resolving the 50 m arc and holding the 800 m one would need ~100x the cells):
//  * x from -2.5 dx to 1.1 X (X the arc distance), nx = 32 (dx = 1.1 X / 29.5); a cell centred on the source;
//  * y over +-4.5 sigma_y(X) of the plume's own similarity sigma (at the lateral boundaries the plume is
//    e^-10 of its axis value), ny = 25 (odd: a cell centred on the axis);
//  * z from the ground to min(h, max(20 m, X / 2)) with the lid at the top, nz = 20 stretched layers from a
//    0.3 m first layer (the 0.46 m release sits in the second layer, [0.3, 0.7] m);
//  * 16 000 cells (under the solver's one-thread threshold), run for 3 X / u(1 m), i.e. about three travel
//    times at the sampler height: the sampler value changes by < 0.5 % over the last fifth of the run.
//  * The lateral diffusivity's travel distance (eulerian.lateral_travel_distance_m) is the arc distance: a
//    K-theory model with one K_h per run can match the plume's sigma_y at one distance only (eulerian_profiles.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "sim/model_evaluation.hpp"
#include "tests/support/prairie_grass.hpp"
#include "tests/support/prairie_grass_scoring.hpp"
#include "twins/dispersion/boundary_layer_profiles.hpp"
#include "twins/dispersion/eulerian_model.hpp"
#include "twins/dispersion/similarity_sigma.hpp"

using namespace twinlab::twins::dispersion;
using twinlab::sim::EvaluationStatistics;
using twinlab::test::PrairieGrassArc;

namespace {

constexpr double kPrairieGrassRoughness_m = 0.006;

// The run's meteorology as one period (as the similarity plume in test_prairie_grass.cpp).
Meteorology run_meteorology(const PrairieGrassArc& first) {
  Meteorology m;
  m.reference_height_m = first.wind_height_m;
  m.terrain = Terrain::Rural;
  m.wind_profile = WindProfileKind::Uniform;
  m.surface.roughness_length_m = kPrairieGrassRoughness_m;
  m.turbulence = TurbulenceModel::Similarity;
  MeteorologyPeriod period =
      routine_period(0.0, first.wind_speed_m_s, 270.0, static_cast<StabilityClass>(first.pasquill_class - 'A'), 0.0);
  period.mixing_height_m = std::isfinite(first.mixing_height_m) ? first.mixing_height_m : 0.0;
  period.boundary_layer.friction_velocity_m_s = first.friction_velocity_m_s;
  period.boundary_layer.obukhov_length_m = first.obukhov_length_m;
  period.boundary_layer.sigma_v_m_s = first.sigma_theta_deg * std::numbers::pi / 180.0 * first.wind_speed_m_s;
  period.boundary_layer.measurement_height_m = first.wind_height_m;
  m.periods = {period};
  return m;
}

struct ArcPrediction {
  double arc_max = 0.0;             // C/Q on the axis at the sampler height, s/m^3
  double crosswind_integral = 0.0;  // C/Q integrated across the grid at the sampler height, s/m^2
  double change_last = 0.0;         // relative change over the last fifth of the run (steadiness)
};

struct GridChoice {
  int nx = 32, ny = 25, nz = 20;
  double first_layer_m = 0.3;
  double lateral_distance_m = 0.0;  // 0: the arc's distance; > 0: this one for every arc
};

ArcPrediction predict_arc(const PrairieGrassArc& arc, const GridChoice& g) {
  const double x_arc = arc.distance_m;
  Config c;
  c.meteorology = run_meteorology(arc);
  const MeteorologyPeriod& period = c.meteorology.periods[0];
  const BoundaryLayerState bl = resolve_boundary_layer(c.meteorology, period);
  const double sigma_y = similarity_sigma(bl, arc.release_height_m, x_arc).sigma_y_m;
  const double half_width = 4.5 * sigma_y;
  const double dx = 1.1 * x_arc / (g.nx - 2.5);
  c.domain = {-2.5 * dx, 1.1 * x_arc, -half_width, half_width,
              std::min(bl.boundary_layer_height_m, std::max(20.0, 0.5 * x_arc))};
  c.plume.enabled = false;
  c.eulerian.enabled = true;
  c.eulerian.nx = g.nx;
  c.eulerian.ny = g.ny;
  c.eulerian.nz = g.nz;
  c.eulerian.first_layer_m = std::min(g.first_layer_m, c.domain.z_max_m / g.nz);
  c.eulerian.top = TopBoundary::Lid;
  c.eulerian.duration_s = 3.0 * x_arc / bl.wind_speed_m_s(1.0);
  c.eulerian.output_interval_s = 0.2 * c.eulerian.duration_s;
  c.eulerian.lateral_travel_distance_m = g.lateral_distance_m > 0.0 ? g.lateral_distance_m : x_arc;
  Source s;
  s.name = "release";
  s.height_m = arc.release_height_m;
  s.emission_rate_kg_s = 1.0;  // C/Q directly
  c.sources = {s};
  c.receptors.push_back({"axis", x_arc, 0.0, arc.receptor_height_m});
  const double dy = 2.0 * half_width / g.ny;
  for (int j = 0; j < g.ny; ++j)
    c.receptors.push_back({"across", x_arc, -half_width + (j + 0.5) * dy, arc.receptor_height_m});
  const EulerianResult r = run_eulerian_model(c);
  const std::size_t nr = c.receptors.size(), last = r.times_s.size() - 1;
  ArcPrediction p;
  p.arc_max = r.receptor_concentration[last * nr];
  p.change_last = std::abs(p.arc_max - r.receptor_concentration[(last - 1) * nr]) / p.arc_max;
  for (int j = 0; j < g.ny; ++j) p.crosswind_integral += r.receptor_concentration[last * nr + 1 + j] * dy;
  return p;
}

struct Evaluation : twinlab::test::PrairieGrassEvaluation {
  double largest_change = 0.0;
};
using twinlab::test::describe;
using twinlab::test::describe_all;

// Groups: "all", "x50".."x800", "A".."F" (Golder class of the run), "A-D", "E-F".
Evaluation evaluate(const GridChoice& grid) {
  const auto runs = twinlab::test::prairie_grass_runs_with_meteorology();
  REQUIRE(runs.size() == 53);
  twinlab::test::PrairieGrassScores scores;
  double largest_change = 0.0;
  for (const auto& [run, run_arcs] : runs) {
    for (const PrairieGrassArc& a : run_arcs) {
      CAPTURE(run, a.distance_m);
      const ArcPrediction p = predict_arc(a, grid);
      REQUIRE(p.arc_max > 0.0);
      largest_change = std::max(largest_change, p.change_last);
      scores.add(a, p.arc_max, p.crosswind_integral);
    }
  }
  Evaluation e;
  static_cast<twinlab::test::PrairieGrassEvaluation&>(e) = scores.evaluate();
  e.largest_change = largest_change;
  return e;
}

}  // namespace

TEST_CASE("Prairie Grass Eulerian model with similarity turbulence: the issue's targets",
          "[dispersion][prairie_grass]") {
  // All 53 runs, 265 arcs (about 18 s of CPU in a Release build, one thread). This model gets:
  //   arc max   all   FAC2 0.921 (244/265)  FB -0.076  MG 0.888  VG 1.22  NMSE 0.364
  //             800 m FAC2 0.792 (42/53)    FB -0.139  MG 0.680  VG 1.54  NMSE 0.98
  //             A 0.733  B 0.800  C 0.973  D 0.982  E 0.880  F 0.733;  A-D 0.952, E-F 0.800
  //   crosswind all   FAC2 0.913  FB -0.109  MG 0.784  VG 1.25  NMSE 0.183;  800 m FAC2 0.755  FB -0.457
  // The targets (arc max FAC2 >= 0.85 overall and >= 0.7 at 800 m, NMSE <= 0.5, |FB| <= 0.3) are met.
  // The bounds below are tighter, near what is achieved, so that the test fails if the figures fall: a few arcs
  // of slack (each arc moves FAC2 by 1/265 = 0.0038 overall, 1/53 = 0.019 at 800 m) for arcs near a factor of
  // 2 whose verdict may flip with round-off of another compiler or flags; FB, NMSE and MG about 0.05 - 0.1 of
  // slack, several times what a change of grid gives (the refined grid of the table case moves them by
  // less, docs/dispersion.md). Beyond the targets: Chang & Hanna's MG within 0.7 - 1.3, VG <= exp(ln 2^2)
  // = 1.62 (factor-2 scatter), and the crosswind integrals (sigma_y plays no part there: the vertical spread
  // and the wind alone). The steady state is checked too: no sampler changes by more than 1 % over the last
  // fifth of its run. Known weak spots (asserted loosely, stated in docs/dispersion.md): class A and F arcs
  // (FAC2 0.73 each), over-prediction at 800 m (FB -0.14 arc max, -0.46 crosswind: vertical spread).
  const Evaluation e = evaluate(GridChoice{});
  INFO(describe_all(e));
  CHECK(e.largest_change < 0.01);
  CHECK(e["all"].n == 265);
  CHECK(e["all"].fac2 >= 0.90);    // target 0.85; achieved 0.921 (5 arcs of slack)
  CHECK(e["x800"].fac2 >= 0.75);   // target 0.7; achieved 0.792 (2 arcs of slack)
  CHECK(e["all"].normalized_mse <= 0.42);                 // target 0.5; achieved 0.364
  CHECK(std::abs(e["all"].fractional_bias) <= 0.15);      // target 0.3; achieved -0.076
  CHECK(e["all"].geometric_mean_bias >= 0.8);             // achieved 0.888
  CHECK(e["all"].geometric_mean_bias <= 1.3);
  CHECK(e["all"].geometric_variance <= std::exp(std::log(2.0) * std::log(2.0)));  // achieved 1.22
  CHECK(e["A-D"].fac2 >= 0.92);    // achieved 0.952 (210 arcs: 6 arcs of slack)
  CHECK(e["E-F"].fac2 >= 0.75);    // achieved 0.800 (55 arcs: 2 arcs of slack)
  const EvaluationStatistics& cw = e.crosswind.at("all");
  CHECK(cw.n == 265);
  CHECK(cw.fac2 >= 0.89);          // achieved 0.913
  CHECK(cw.normalized_mse <= 0.25);                       // achieved 0.183
  CHECK(std::abs(cw.fractional_bias) <= 0.2);             // achieved -0.109
  // The 800 m over-prediction of the crosswind integrals, asserted with its size so that a change is noticed.
  CHECK(e.crosswind.at("x800").fractional_bias < -0.3);
  CHECK(e.crosswind.at("x800").fractional_bias > -0.6);
}

TEST_CASE("Prairie Grass Eulerian model: score table and its sensitivity (run by hand for docs/dispersion.md)",
          "[.prairie_grass_eulerian_table]") {
  std::cout << "== eulerian, CI grid (32 x 25 x 20, first layer 0.3 m), K_h matched at each arc\n"
            << describe_all(evaluate(GridChoice{}));
  std::cout << "== eulerian, refined grid (48 x 37 x 30, first layer 0.2 m)\n"
            << describe_all(evaluate(GridChoice{48, 37, 30, 0.2, 0.0}));
  std::cout << "== eulerian, one K_h for every arc (matched at 800 m)\n"
            << describe_all(evaluate(GridChoice{32, 25, 20, 0.3, 800.0}));
  std::cout << "== eulerian, one K_h for every arc (matched at 200 m)\n"
            << describe_all(evaluate(GridChoice{32, 25, 20, 0.3, 200.0}));
}
