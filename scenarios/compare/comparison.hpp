#pragma once
// A what-if comparison: per variant and KPI the difference to the base, its relative size, and for a
// stochastic twin the paired 95 % confidence interval of the difference (replication r of the variant
// against replication r of the base: common random numbers make the pairs positively correlated, so the
// interval is far narrower than two independent ones) and whether it excludes zero.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/dataset.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

struct Scenario;

struct KpiDelta {
  double value = 0.0;         // the variant's
  double delta = 0.0;         // variant - base
  double relative = 0.0;      // delta / |base|; NaN when base is 0
  double ci_half_width = 0.0; // paired 95 % CI of delta; NaN for a deterministic twin (delta is exact)
  int significant = 0;        // 1 when the CI excludes 0 (deterministic: when delta != 0)
};

struct Comparison {
  std::vector<std::string> variants;  // names, the base first
  std::vector<std::string> kpi_names, kpi_units;  // the base's KPIs
  std::vector<double> base;                       // [kpi]
  std::vector<std::vector<KpiDelta>> deltas;      // [variant (base excluded)][kpi]
  bool paired = false;                            // per-replication values were available
};

// kpis[0] is the base's. A KPI a variant lacks gets NaN.
Comparison compare_kpis(const std::vector<std::string>& names, const std::vector<std::vector<Kpi>>& kpis);

std::string comparison_table(const Comparison& comparison);
nlohmann::json comparison_json(const Comparison& comparison);
// Group "compare", dims (variant, kpi): xr.open_dataset(path, engine="h5netcdf", group="compare").
io::Dataset comparison_dataset(const Comparison& comparison, const Scenario& base, std::uint64_t seed);

}  // namespace twinlab::scenarios
