// Field validation against Project Prairie Grass (1956): arc-maximum C/Q predicted by the plume model for
// every run with meteorology and compared with the measurements using the standard model-evaluation
// statistics (Hanna et al. 1993; Chang & Hanna 2004):
//   FAC2 = fraction of pairs with 0.5 <= Cp/Co <= 2
//   FB   = (mean Co - mean Cp) / (0.5 (mean Co + mean Cp))   (> 0: under-prediction)
//   MG   = exp(mean ln Co - mean ln Cp)                       (> 1: under-prediction)
//   VG   = exp(mean (ln Co - ln Cp)^2)
//   NMSE = mean (Co - Cp)^2 / (mean Co mean Cp)
// Data: tests/data/prairie_grass.csv (see tests/data/README.md for its source).
#include <catch2/catch.hpp>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <numbers>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sim/model_evaluation.hpp"
#include "tests/support/prairie_grass.hpp"
#include "tests/support/prairie_grass_scoring.hpp"
#include "twins/dispersion/plume_model.hpp"

using namespace twinlab::twins::dispersion;
using twinlab::sim::EvaluationStatistics;
using twinlab::test::PrairieGrassArc;

namespace {

StabilityClass stability_of(const PrairieGrassArc& arc) {
  return static_cast<StabilityClass>(arc.pasquill_class - 'A');
}

// The Prairie Grass site: short grass, z0 = 0.006 m (the value behind the data set's Golder classes,
// tests/data/README.md).
constexpr double kPrairieGrassRoughness_m = 0.006;

enum class Turbulence { BriggsPowerLaw, BriggsUniform, Similarity };

// One run as a scenario: a unit source at the release height, the wind along +x, receptors on the plume axis
// at every arc distance (a Gaussian plume peaks on its axis), rural sigmas, no plume rise. Briggs: the class
// and the wind only, no lid. Similarity: the measured u*, L, zi (stable runs have none: h is then derived),
// sigma_v = sigma_theta u(2 m) at 2 m, and the wind at 2 m.
Config run_config(const std::vector<PrairieGrassArc>& run_arcs, Turbulence turbulence) {
  const PrairieGrassArc& first = run_arcs.front();
  Config c;
  c.domain = {-10.0, 1000.0, -500.0, 500.0, 100.0};
  c.plume.grid_nx = 2;  // the grid is not used here; keep it minimal
  c.plume.grid_ny = 2;
  c.meteorology.reference_height_m = first.wind_height_m;
  c.meteorology.terrain = Terrain::Rural;
  c.meteorology.wind_profile =
      turbulence == Turbulence::BriggsPowerLaw ? WindProfileKind::PowerLaw : WindProfileKind::Uniform;
  c.meteorology.surface.roughness_length_m = kPrairieGrassRoughness_m;
  MeteorologyPeriod period = routine_period(0.0, first.wind_speed_m_s, 270.0, stability_of(first), 0.0);
  if (turbulence == Turbulence::Similarity) {
    c.meteorology.turbulence = TurbulenceModel::Similarity;
    period.mixing_height_m = std::isfinite(first.mixing_height_m) ? first.mixing_height_m : 0.0;
    period.boundary_layer.friction_velocity_m_s = first.friction_velocity_m_s;
    period.boundary_layer.obukhov_length_m = first.obukhov_length_m;
    period.boundary_layer.sigma_v_m_s = first.sigma_theta_deg * std::numbers::pi / 180.0 * first.wind_speed_m_s;
    period.boundary_layer.measurement_height_m = first.wind_height_m;
  }
  c.meteorology.periods = {period};
  Source s;
  s.name = "release";
  s.height_m = first.release_height_m;
  s.emission_rate_kg_s = 1.0;  // C/Q directly, s/m^3
  c.sources = {s};
  for (const PrairieGrassArc& a : run_arcs) c.receptors.push_back({"arc", a.distance_m, 0.0, a.receptor_height_m});
  return c;
}

struct RunPrediction {
  std::vector<double> arc_max;             // C/Q on the axis, s/m^3
  std::vector<double> crosswind_integral;  // C/Q integrated across the plume, s/m^2
};

// Arc maxima from the model, and crosswind integrals from them: the plume is Gaussian across the wind, so
// the integral is the axis value times sqrt(2 pi) sigma_y(x) of the curve the kernel used.
RunPrediction predict_run(const std::vector<PrairieGrassArc>& run_arcs, Turbulence turbulence) {
  const Config c = run_config(run_arcs, turbulence);
  RunPrediction r;
  r.arc_max = run_plume_model(c).receptor_concentration;
  const PlumeSource source = plume_sources_for_period(c, 0).front();
  for (std::size_t k = 0; k < run_arcs.size(); ++k) {
    r.crosswind_integral.push_back(r.arc_max.at(k) * std::sqrt(2.0 * std::numbers::pi) *
                                   sigma_at(source.sigma.y, run_arcs[k].distance_m));
  }
  return r;
}

using Statistics = EvaluationStatistics;

using Evaluation = twinlab::test::PrairieGrassEvaluation;
using twinlab::test::describe;
using twinlab::test::describe_all;

Evaluation evaluate_model(Turbulence turbulence) {
  const auto runs = twinlab::test::prairie_grass_runs_with_meteorology();
  // 53 runs have meteorology in the data set (A 3, B 2, C 15, D 22, E 5, F 6): all of them must be used.
  REQUIRE(runs.size() == 53);
  twinlab::test::PrairieGrassScores scores;
  for (const auto& [run, run_arcs] : runs) {
    const RunPrediction p = predict_run(run_arcs, turbulence);
    REQUIRE(p.arc_max.size() == run_arcs.size());
    for (std::size_t k = 0; k < run_arcs.size(); ++k) {
      const PrairieGrassArc& a = run_arcs[k];
      CAPTURE(run, a.distance_m);
      REQUIRE(p.arc_max[k] > 0.0);
      scores.add(a, p.arc_max[k], p.crosswind_integral[k]);
    }
  }
  return scores.evaluate();
}

}  // namespace

TEST_CASE("Prairie Grass arc maxima: model-evaluation statistics", "[dispersion][prairie_grass]") {
  const Evaluation e = evaluate_model(Turbulence::BriggsPowerLaw);
  const Statistics &all = e["all"], &unstable = e["A-D"], &stable = e["E-F"];
  INFO(describe("all", all));
  INFO(describe("A-D", unstable));
  INFO(describe("E-F", stable));
  // What this model gets with the power-law wind (the default; Release build, 265 arc maxima of 53 runs):
  //   all  FAC2 0.804  FB -0.291  MG 0.984  VG 1.47  NMSE 2.02
  //   A-D  FAC2 0.829  FB +0.148  MG 1.089  VG 1.35  NMSE 0.40   (210 arcs)
  //   E-F  FAC2 0.709  FB -0.529  MG 0.668  VG 2.06  NMSE 1.02   (55 arcs: over-prediction in stable air)
  // Bounds:
  //  * Chang & Hanna (2004, Meteorol. Atmos. Phys. 87:167) criteria for a "good" model on research-grade
  //    field data: |FB| <= 0.3 and 0.7 <= MG <= 1.3 (mean bias within ~30%), FAC2 >= 0.5, NMSE <= 1.5.
  //    FAC2, FB and MG are met (FB only just); NMSE is MISSED (2.02): it weighs the largest concentrations,
  //    the class E-F arcs at 50-100 m, where the power law carries the 2 m wind down to its 1 m floor for a
  //    0.46 m release and so raises every prediction by 2^p (up to 2^0.55 = 1.46 in class F). The miss is
  //    asserted, so that a change of it fails here and docs/dispersion.md, which states it, is revisited.
  //    With the wind taken as measured the same plume meets every criterion (the next test case).
  //  * FAC2 >= 0.7 overall and for A-D: stricter than 0.5 because the Pasquill curves were drawn largely from
  //    these very Prairie Grass measurements (Pasquill 1961, Gifford 1961), so a correct implementation must
  //    do clearly better than a generic model. Deliberately broken variants, computed on the same data,
  //    all fail it: no ground reflection FAC2 0.45 (MG 1.89), class shifted one step more stable 0.49
  //    (MG 0.46) or less stable 0.40 (MG 2.12), sigmas x1.5 0.39, sigmas x0.7 0.56.
  //  * VG <= exp(ln(2)^2) = 1.62: a typical (geometric r.m.s.) scatter within a factor of 2, the "relative
  //    scatter less than about a factor of two" Chang & Hanna expect of a good model (their formal VG
  //    criterion, < 4, is looser); every broken variant above has VG > 2.1.
  //  * Stable classes alone: FAC2 >= 0.5 only (see the known weakness above).
  CHECK(all.n >= 250);
  CHECK(all.fac2 >= 0.7);
  CHECK(unstable.fac2 >= 0.7);
  CHECK(stable.fac2 >= 0.5);
  CHECK(std::abs(all.fractional_bias) <= 0.3);
  CHECK(all.geometric_mean_bias >= 0.7);
  CHECK(all.geometric_mean_bias <= 1.3);
  CHECK(all.geometric_variance <= std::exp(std::log(2.0) * std::log(2.0)));
  CHECK(all.normalized_mse > 1.5);        // the documented miss (see above)
  CHECK(all.normalized_mse < 2.1);        // ... and its size (2.02)
  CHECK(unstable.normalized_mse <= 1.5);  // A-D alone meet it (0.40)
}

TEST_CASE("Prairie Grass with the wind taken as measured (uniform profile): all five statistics",
          "[dispersion][prairie_grass]") {
  // The releases were at 0.46 m and the wind measured at 2 m. The power law (above) carries that wind down
  // to its 1 m floor, u(1 m) = u(2 m) (1/2)^p, which raises every prediction by 2^p: up to 2^0.55 = 1.46 in
  // class F, where the concentrations are largest. That costs NMSE most (it weighs the large values). With
  // the wind as measured (wind_profile: uniform) the textbook Briggs plume meets all of Chang & Hanna's criteria:
  //   all  FAC2 0.792  FB -0.026  MG 1.124  VG 1.45  NMSE 0.82
  //   A-D  FAC2 0.814  FB +0.240  MG 1.186  VG 1.38  NMSE 0.56
  //   E-F  FAC2 0.709  FB -0.196  MG 0.918  VG 1.73  NMSE 0.40
  // Bounds: Chang & Hanna's criteria as above, and the VG bound of the first test case.
  const Evaluation e = evaluate_model(Turbulence::BriggsUniform);
  const Statistics &all = e["all"], &unstable = e["A-D"], &stable = e["E-F"];
  INFO(describe("all", all));
  INFO(describe("A-D", unstable));
  INFO(describe("E-F", stable));
  CHECK(all.n >= 250);
  CHECK(all.fac2 >= 0.5);
  CHECK(std::abs(all.fractional_bias) <= 0.3);
  CHECK(all.geometric_mean_bias >= 0.7);
  CHECK(all.geometric_mean_bias <= 1.3);
  CHECK(all.normalized_mse <= 1.5);
  CHECK(all.geometric_variance <= std::exp(std::log(2.0) * std::log(2.0)));
}

TEST_CASE("Prairie Grass score table (prints every group, run by hand for docs/dispersion.md)",
          "[.prairie_grass_table]") {
  for (const auto& [name, t] : {std::pair{"briggs power law", Turbulence::BriggsPowerLaw},
                                std::pair{"briggs uniform wind", Turbulence::BriggsUniform},
                                std::pair{"similarity", Turbulence::Similarity}}) {
    std::cout << "== " << name << "\n" << describe_all(evaluate_model(t));
  }
}

TEST_CASE("Prairie Grass: the Briggs figures the issue quotes (arc maxima, wind as measured)",
          "[dispersion][prairie_grass]") {
  // Issue #14 quotes the textbook curves at FAC2 0.79 overall, 0.55 on the 800 m arc and 0.53 in the most
  // unstable runs (class A, 15 arcs). With the wind as measured (uniform profile) this code gives exactly
  // those: 0.792 (210/265), 0.547 (29/53), 0.533 (8/15). Equality to one arc: a change of one arc's verdict
  // moves FAC2 by 1/265 = 0.0038, 1/53 = 0.019, 1/15 = 0.067.
  const Evaluation e = evaluate_model(Turbulence::BriggsUniform);
  INFO(describe_all(e));
  CHECK(e["all"].fac2 == Approx(210.0 / 265.0).margin(1e-12));
  CHECK(e["x800"].fac2 == Approx(29.0 / 53.0).margin(1e-12));
  CHECK(e["A"].fac2 == Approx(8.0 / 15.0).margin(1e-12));
}

TEST_CASE("Prairie Grass with similarity turbulence: the issue's targets", "[dispersion][prairie_grass]") {
  // Measured u*, L, zi, sigma_theta and u(2 m) for the 53 runs (run_config). This model gets (Release build):
  //   arc max   all   FAC2 0.860  FB +0.034  MG 1.118  VG 1.32  NMSE 0.295   (Briggs, wind as measured: 0.792)
  //             800 m FAC2 0.755  FB -0.325  MG 0.848  VG 1.63  NMSE 1.06    (Briggs 0.547)
  //             A     FAC2 0.733  (Briggs 0.533)   B 0.600 (Briggs 0.800)   C 0.880   D 0.918   E 0.880  F 0.733
  //             E-F   FAC2 0.800  FB -0.049  NMSE 0.150
  //   crosswind all   FAC2 0.940  FB +0.068  MG 1.072  VG 1.20  NMSE 0.188
  //             800 m FAC2 0.811  FB -0.339  NMSE 1.02
  // Bounds: the targets of issue #14 for the arc maxima (FAC2 >= 0.85 overall and >= 0.7 at 800 m,
  // NMSE <= 0.5, |FB| <= 0.3) are all met and asserted as such; the margin of FAC2 over 0.85 is 2 arcs of 265,
  // so any change that spoils more than two arc predictions fails here. Beyond the targets: class A, the
  // Briggs curves' worst group, >= 0.7 (11 of 15 arcs today); the crosswind integrals (sigma_y plays no part
  // there, so they test the vertical spread and the wind alone) FAC2 >= 0.9, |FB| <= 0.3, NMSE <= 0.5; and
  // the VG bound of the Briggs cases (scatter within a factor of 2). Known weak spots (docs/dispersion.md):
  // class B (2 runs, 10 arcs: 0.60 vs Briggs 0.80) and FB -0.33 at 800 m (over-prediction far out).
  const Evaluation e = evaluate_model(Turbulence::Similarity);
  INFO(describe_all(e));
  CHECK(e["all"].n == 265);
  CHECK(e["all"].fac2 >= 0.85);
  CHECK(e["x800"].fac2 >= 0.7);
  CHECK(e["all"].normalized_mse <= 0.5);
  CHECK(std::abs(e["all"].fractional_bias) <= 0.3);
  CHECK(e["all"].geometric_mean_bias >= 0.7);
  CHECK(e["all"].geometric_mean_bias <= 1.3);
  CHECK(e["all"].geometric_variance <= std::exp(std::log(2.0) * std::log(2.0)));
  CHECK(e["A"].fac2 >= 0.7);
  CHECK(e["E-F"].fac2 >= 0.75);
  const Statistics& cw = e.crosswind.at("all");
  CHECK(cw.n == 265);
  CHECK(cw.fac2 >= 0.9);
  CHECK(std::abs(cw.fractional_bias) <= 0.3);
  CHECK(cw.normalized_mse <= 0.5);
  // The 800 m over-prediction, asserted with its size so that a change of it is noticed (FB -0.325).
  CHECK(e["x800"].fractional_bias < -0.2);
  CHECK(e["x800"].fractional_bias > -0.45);
}
