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
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sim/model_evaluation.hpp"
#include "tests/support/prairie_grass.hpp"
#include "twins/dispersion/plume_model.hpp"

using namespace twinlab::twins::dispersion;
using twinlab::sim::EvaluationStatistics;
using twinlab::test::PrairieGrassArc;

namespace {

StabilityClass stability_of(const PrairieGrassArc& arc) {
  return static_cast<StabilityClass>(arc.pasquill_class - 'A');
}

// The model's arc maximum for one run: a unit source at the release height, the wind along +x, receptors on
// the plume axis at every arc distance (a Gaussian plume peaks on its axis), rural sigmas, no lid, no rise.
std::vector<double> predict_run(const std::vector<PrairieGrassArc>& run_arcs, WindProfileKind wind) {
  const PrairieGrassArc& first = run_arcs.front();
  Config c;
  c.domain = {-10.0, 1000.0, -500.0, 500.0, 100.0};
  c.plume.grid_nx = 2;  // the grid is not used here; keep it minimal
  c.plume.grid_ny = 2;
  c.meteorology.reference_height_m = first.wind_height_m;
  c.meteorology.terrain = Terrain::Rural;
  c.meteorology.wind_profile = wind;
  c.meteorology.periods = {routine_period(0.0, first.wind_speed_m_s, 270.0, stability_of(first), 0.0)};
  Source s;
  s.name = "release";
  s.height_m = first.release_height_m;
  s.emission_rate_kg_s = 1.0;  // C/Q directly, s/m^3
  c.sources = {s};
  for (const PrairieGrassArc& a : run_arcs) c.receptors.push_back({"arc", a.distance_m, 0.0, a.receptor_height_m});
  return run_plume_model(c).receptor_concentration;
}

using Statistics = EvaluationStatistics;

struct Evaluation {
  Statistics all, unstable, stable;  // all arcs; classes A-D; classes E-F
};

Evaluation evaluate_model(WindProfileKind wind) {
  const auto runs = twinlab::test::prairie_grass_runs_with_meteorology();
  // 53 runs have meteorology in the data set (A 3, B 2, C 15, D 22, E 5, F 6): all of them must be used.
  REQUIRE(runs.size() == 53);

  std::vector<double> observed, predicted;
  std::map<char, std::pair<std::vector<double>, std::vector<double>>> by_group;  // 'U'nstable/neutral, 'S'table
  for (const auto& [run, run_arcs] : runs) {
    const std::vector<double> p = predict_run(run_arcs, wind);
    REQUIRE(p.size() == run_arcs.size());
    for (std::size_t k = 0; k < p.size(); ++k) {
      CAPTURE(run, run_arcs[k].distance_m);
      REQUIRE(p[k] > 0.0);
      observed.push_back(run_arcs[k].arc_max_over_q_s_m3);
      predicted.push_back(p[k]);
      const char group = run_arcs[k].pasquill_class >= 'E' ? 'S' : 'U';
      by_group[group].first.push_back(run_arcs[k].arc_max_over_q_s_m3);
      by_group[group].second.push_back(p[k]);
    }
  }
  using twinlab::sim::evaluate_predictions;
  return {evaluate_predictions(observed, predicted), evaluate_predictions(by_group['U'].first, by_group['U'].second),
          evaluate_predictions(by_group['S'].first, by_group['S'].second)};
}

std::string describe(const char* label, const Statistics& s) {
  std::ostringstream out;
  out << label << ": n=" << s.n << " FAC2=" << s.fac2 << " FB=" << s.fractional_bias
      << " MG=" << s.geometric_mean_bias << " VG=" << s.geometric_variance << " NMSE=" << s.normalized_mse;
  return out.str();
}

}  // namespace

TEST_CASE("Prairie Grass arc maxima: model-evaluation statistics", "[dispersion][prairie_grass]") {
  const auto [all, unstable, stable] = evaluate_model(WindProfileKind::PowerLaw);
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
  const auto [all, unstable, stable] = evaluate_model(WindProfileKind::Uniform);
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
