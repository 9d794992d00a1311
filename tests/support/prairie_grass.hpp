// Test support: Project Prairie Grass (1956) arcs from tests/data/prairie_grass.csv (see tests/data/README.md for
// the source and every conversion). Header-only; include it from test files only (uses Catch2 and the macro
// TWINLAB_SOURCE_DIR). Shared by the field-validation tests of both dispersion models.
#pragma once

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace twinlab::test {

// One arc of one run. Concentrations are divided by the release rate Q (s/m^3, s/m^2). Meteorology fields are
// NaN where the data set has none (15 of the 68 runs).
struct PrairieGrassArc {
  int run = 0;
  double release_height_m = 0.0, receptor_height_m = 0.0, distance_m = 0.0;
  double release_rate_g_s = 0.0;           // Q
  double arc_max_over_q_s_m3 = 0.0;        // measured arc maximum / Q
  double crosswind_integral_over_q_s_m2 = 0.0;  // measured crosswind integral / Q
  double obukhov_length_m = NAN, friction_velocity_m_s = NAN, mixing_height_m = NAN;
  double sigma_theta_deg = NAN, wind_speed_m_s = NAN, wind_height_m = NAN;
  char pasquill_class = 0;                 // 'A'..'F' (Golder 1972 from L), 0 where no meteorology
  int valid_samplers = 0;

  bool has_meteorology() const {
    return pasquill_class != 0 && std::isfinite(wind_speed_m_s) && std::isfinite(obukhov_length_m) &&
           std::isfinite(friction_velocity_m_s);
  }
};

namespace prairie_grass_detail {
inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}
inline double number_or_nan(const std::string& text) { return text.empty() ? NAN : std::stod(text); }
}  // namespace prairie_grass_detail

// Every arc of the file (340 = 68 runs x 5 arcs).
inline std::vector<PrairieGrassArc> read_prairie_grass_arcs() {
  using namespace prairie_grass_detail;
  std::ifstream in(std::string(TWINLAB_SOURCE_DIR) + "/tests/data/prairie_grass.csv");
  REQUIRE(in.good());
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split_csv_line(line);
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const char* name : {"run", "release_height_m", "receptor_height_m", "Q_gs", "distance_m", "n_valid",
                           "cmax_over_Q_sm3", "cwic_over_Q_sm2", "L_m", "ustar_ms", "zi_m", "sigma_theta_deg",
                           "u_ms", "u_height_m", "pg_class_golder"}) {
    REQUIRE(col.count(name) == 1);
  }
  std::vector<PrairieGrassArc> arcs;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f = split_csv_line(line);
    f.resize(header.size());
    PrairieGrassArc a;
    a.run = std::stoi(f[col["run"]]);
    a.release_height_m = std::stod(f[col["release_height_m"]]);
    a.receptor_height_m = std::stod(f[col["receptor_height_m"]]);
    a.release_rate_g_s = std::stod(f[col["Q_gs"]]);
    a.distance_m = std::stod(f[col["distance_m"]]);
    a.valid_samplers = std::stoi(f[col["n_valid"]]);
    a.arc_max_over_q_s_m3 = number_or_nan(f[col["cmax_over_Q_sm3"]]);
    a.crosswind_integral_over_q_s_m2 = number_or_nan(f[col["cwic_over_Q_sm2"]]);
    a.obukhov_length_m = number_or_nan(f[col["L_m"]]);
    a.friction_velocity_m_s = number_or_nan(f[col["ustar_ms"]]);
    a.mixing_height_m = number_or_nan(f[col["zi_m"]]);
    a.sigma_theta_deg = number_or_nan(f[col["sigma_theta_deg"]]);
    a.wind_speed_m_s = number_or_nan(f[col["u_ms"]]);
    a.wind_height_m = number_or_nan(f[col["u_height_m"]]);
    const std::string& cls = f[col["pg_class_golder"]];
    a.pasquill_class = cls.empty() ? 0 : cls.at(0);
    arcs.push_back(a);
  }
  REQUIRE(arcs.size() == 340);
  return arcs;
}

// The runs with meteorology, each with its arcs that have a measured maximum (53 runs, 265 arcs).
inline std::map<int, std::vector<PrairieGrassArc>> prairie_grass_runs_with_meteorology() {
  std::map<int, std::vector<PrairieGrassArc>> runs;
  for (const PrairieGrassArc& a : read_prairie_grass_arcs()) {
    if (!a.has_meteorology() || a.valid_samplers == 0 || !std::isfinite(a.arc_max_over_q_s_m3)) continue;
    runs[a.run].push_back(a);
  }
  return runs;
}

}  // namespace twinlab::test
