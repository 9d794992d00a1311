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
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "twins/dispersion/plume_model.hpp"

using namespace twinlab::twins::dispersion;

namespace {

struct Arc {
  int run = 0;
  double release_m = 0.0, receptor_m = 0.0, distance_m = 0.0, observed_c_over_q = 0.0, u2_m_s = 0.0,
         u_height_m = 0.0;
  StabilityClass cls = StabilityClass::D;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

// Arcs of the runs with meteorology (class, wind) and a measured maximum.
std::vector<Arc> read_arcs() {
  std::ifstream in(std::string(TWINLAB_SOURCE_DIR) + "/tests/data/prairie_grass.csv");
  REQUIRE(in.good());
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const char* name : {"run", "release_height_m", "receptor_height_m", "distance_m", "n_valid",
                           "cmax_over_Q_sm3", "u_ms", "u_height_m", "pg_class_golder"}) {
    REQUIRE(col.count(name) == 1);
  }
  std::vector<Arc> arcs;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f = split(line);
    f.resize(header.size());
    const std::string& cls = f[col["pg_class_golder"]];
    if (cls.empty() || f[col["u_ms"]].empty() || f[col["cmax_over_Q_sm3"]].empty()) continue;
    if (std::stoi(f[col["n_valid"]]) == 0) continue;
    Arc a;
    a.run = std::stoi(f[col["run"]]);
    a.release_m = std::stod(f[col["release_height_m"]]);
    a.receptor_m = std::stod(f[col["receptor_height_m"]]);
    a.distance_m = std::stod(f[col["distance_m"]]);
    a.observed_c_over_q = std::stod(f[col["cmax_over_Q_sm3"]]);
    a.u2_m_s = std::stod(f[col["u_ms"]]);
    a.u_height_m = std::stod(f[col["u_height_m"]]);
    a.cls = static_cast<StabilityClass>(cls.at(0) - 'A');
    arcs.push_back(a);
  }
  return arcs;
}

// The model's arc maximum for one run: a unit source at the release height, the wind along +x, receptors on
// the plume axis at every arc distance (a Gaussian plume peaks on its axis), rural sigmas, no lid, no rise.
std::vector<double> predict_run(const std::vector<Arc>& run_arcs, WindProfileKind wind) {
  Config c;
  c.domain = {-10.0, 1000.0, -500.0, 500.0, 100.0};
  c.plume.grid_nx = 2;  // the grid is not used here; keep it minimal
  c.plume.grid_ny = 2;
  c.meteorology.reference_height_m = run_arcs.front().u_height_m;
  c.meteorology.terrain = Terrain::Rural;
  c.meteorology.wind_profile = wind;
  c.meteorology.periods = {{0.0, run_arcs.front().u2_m_s, 270.0, run_arcs.front().cls, 0.0}};
  Source s;
  s.name = "release";
  s.height_m = run_arcs.front().release_m;
  s.emission_rate_kg_s = 1.0;  // C/Q directly, s/m^3
  c.sources = {s};
  for (const Arc& a : run_arcs) c.receptors.push_back({"arc", a.distance_m, 0.0, a.receptor_m});
  return run_plume_model(c).receptor_concentration;
}

struct Statistics {
  std::size_t n = 0;
  double fac2 = 0.0, fb = 0.0, mg = 0.0, vg = 0.0, nmse = 0.0;
};

Statistics evaluate(const std::vector<double>& observed, const std::vector<double>& predicted) {
  Statistics s;
  s.n = observed.size();
  double so = 0.0, sp = 0.0, sl = 0.0, sl2 = 0.0, sd2 = 0.0;
  std::size_t within = 0;
  for (std::size_t i = 0; i < s.n; ++i) {
    const double o = observed[i], p = predicted[i];
    if (p >= 0.5 * o && p <= 2.0 * o) ++within;
    so += o;
    sp += p;
    sd2 += (o - p) * (o - p);
    const double l = std::log(o) - std::log(p);
    sl += l;
    sl2 += l * l;
  }
  const double n = static_cast<double>(s.n);
  s.fac2 = static_cast<double>(within) / n;
  s.fb = (so / n - sp / n) / (0.5 * (so / n + sp / n));
  s.mg = std::exp(sl / n);
  s.vg = std::exp(sl2 / n);
  s.nmse = (sd2 / n) / ((so / n) * (sp / n));
  return s;
}

struct Evaluation {
  Statistics all, unstable, stable;  // all arcs; classes A-D; classes E-F
};

Evaluation evaluate_model(WindProfileKind wind) {
  const std::vector<Arc> arcs = read_arcs();
  std::map<int, std::vector<Arc>> runs;
  for (const Arc& a : arcs) runs[a.run].push_back(a);
  // 53 runs have meteorology in the data set (A 3, B 2, C 15, D 22, E 5, F 6): all of them must be used.
  REQUIRE(runs.size() == 53);
  REQUIRE(arcs.size() >= 250);

  std::vector<double> observed, predicted;
  std::map<char, std::pair<std::vector<double>, std::vector<double>>> by_group;  // 'U'nstable/neutral, 'S'table
  for (const auto& [run, run_arcs] : runs) {
    const std::vector<double> p = predict_run(run_arcs, wind);
    REQUIRE(p.size() == run_arcs.size());
    for (std::size_t k = 0; k < p.size(); ++k) {
      CAPTURE(run, run_arcs[k].distance_m);
      REQUIRE(p[k] > 0.0);
      observed.push_back(run_arcs[k].observed_c_over_q);
      predicted.push_back(p[k]);
      const char group = run_arcs[k].cls >= StabilityClass::E ? 'S' : 'U';
      by_group[group].first.push_back(run_arcs[k].observed_c_over_q);
      by_group[group].second.push_back(p[k]);
    }
  }
  return {evaluate(observed, predicted), evaluate(by_group['U'].first, by_group['U'].second),
          evaluate(by_group['S'].first, by_group['S'].second)};
}

std::string describe(const char* label, const Statistics& s) {
  std::ostringstream out;
  out << label << ": n=" << s.n << " FAC2=" << s.fac2 << " FB=" << s.fb << " MG=" << s.mg << " VG=" << s.vg
      << " NMSE=" << s.nmse;
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
  CHECK(std::abs(all.fb) <= 0.3);
  CHECK(all.mg >= 0.7);
  CHECK(all.mg <= 1.3);
  CHECK(all.vg <= std::exp(std::log(2.0) * std::log(2.0)));
  CHECK(all.nmse > 1.5);        // the documented miss (see above)
  CHECK(all.nmse < 2.1);        // ... and its size (2.02)
  CHECK(unstable.nmse <= 1.5);  // A-D alone meet it (0.40)
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
  CHECK(std::abs(all.fb) <= 0.3);
  CHECK(all.mg >= 0.7);
  CHECK(all.mg <= 1.3);
  CHECK(all.nmse <= 1.5);
  CHECK(all.vg <= std::exp(std::log(2.0) * std::log(2.0)));
}
