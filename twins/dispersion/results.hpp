#pragma once
// Plain results of the dispersion twin: what io/ and viz/ are handed (through scenarios/), never the
// model's internals. Concentrations in kg/m^3; flat arrays in C order with the index order named.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace twinlab::twins::dispersion {

struct GroundMaximum {
  double concentration_kg_m3 = 0.0;
  double x_m = 0.0, y_m = 0.0;
  double time_s = 0.0;  // start of the period / output time at which it occurred
};

// Statistics of many receptors' concentration series over the valid meteorology periods (averaging.hpp,
// design_value.hpp for the rules; averaging_blocks.hpp computes them).
struct SeriesStatistics {
  std::size_t receptors = 0, ranks = 0, limits = 0;
  std::vector<double> max_kg_m3;              // [receptor] highest value of a valid period
  std::vector<std::int64_t> max_period;       // [receptor] the first period with that value (-1: none)
  std::vector<double> mean_kg_m3;             // [receptor] period mean over valid hours
  std::vector<double> ranked;                 // [receptor][averaging period (4)][rank], when ranks > 0
  std::vector<double> design_value_kg_m3;     // [limit][receptor]
  std::vector<std::int64_t> exceedances;      // [limit][receptor]
  std::vector<std::int64_t> pass;             // [limit][receptor] 1 complies, 0 not
};

struct PlumeResult {
  std::vector<double> times_s;         // start of each meteorology period
  std::vector<double> x_m, y_m;        // receptor-grid node coordinates
  double grid_height_m = 0.0;
  std::vector<double> concentration;   // [time][y][x], kg/m^3, at grid_height_m
  std::vector<double> receptor_concentration;  // [time][receptor], kg/m^3
  std::vector<double> effective_height_m;      // [time][source]: stack height + plume rise
  std::vector<double> period_duration_s;       // how long each period holds (for time above threshold)
  // Grid storage (plume_model.hpp): every period's grid in `concentration` when full_grids, else only the
  // statistics (concentration is then empty). Both always hold grid_statistics ([y][x] order of nodes) and
  // receptor_statistics (with ranked values).
  bool full_grids = true;
  SeriesStatistics grid_statistics;
  SeriesStatistics receptor_statistics;
};

struct MassBudget {  // cumulative since t = 0, kg, at each output time
  std::vector<double> emitted_kg, in_domain_kg, outflow_kg, decayed_kg, deposited_kg;
};

struct EulerianResult {
  std::vector<double> times_s;           // output times (fields taken exactly there, see eulerian_model.hpp)
  std::vector<double> x_m, y_m, z_m;     // cell-centre coordinates
  std::vector<double> z_faces_m;         // [z + 1] layer faces (uniform or stretched layers)
  std::vector<double> concentration;     // [time][z][y][x], kg/m^3; empty when streamed to a FieldSink
  std::vector<double> receptor_concentration;  // [time][receptor], kg/m^3 (trilinear in cell centres)
  std::vector<double> deposited_kg_m2;   // [y][x] at the end of the run
  // KPIs, from the solver's own steps (never from the stored output times): identical for any output interval.
  std::vector<double> receptor_time_above_threshold_s;  // [receptor], accumulated every step
  std::vector<double> receptor_peak_kg_m3;              // [receptor], the largest value after any step
  GroundMaximum ground_maximum;                         // lowest cell layer, after any step
  MassBudget budget;
  double time_step_s = 0.0;              // the automatic step of the first period
  double largest_step_s = 0.0;           // the longest step taken (what a per-step KPI is held for)
  double advective_limit_s = 0.0;        // the stability limits it was chosen from (first period)
  double diffusive_limit_s = 0.0;
  long long steps = 0;
  std::string vertical_scheme;           // "explicit" or "implicit" (vertical diffusion and deposition)
  // Calm and missing periods of the meteorology inside the run (eulerian_model.hpp): carried with the last
  // valid period's transport and left out of the KPIs; their number and the time left out (s).
  int calm_periods = 0, missing_periods = 0;
  double excluded_time_s = 0.0;
};

}  // namespace twinlab::twins::dispersion
