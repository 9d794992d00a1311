#include "scenarios/dispersion/twin.hpp"

#include <algorithm>
#include <cmath>
#include <omp.h>

#include "scenarios/dispersion/config.hpp"
#include "scenarios/dispersion/job.hpp"
#include "scenarios/dispersion/limits_report.hpp"
#include "scenarios/dispersion/render.hpp"
#include "scenarios/dispersion/resources.hpp"
#include "scenarios/dispersion/schema.hpp"
#include "scenarios/scenario.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

class DispersionRun final : public TwinRun {
 public:
  DispersionRun(const Scenario& scenario, const dsp::Config& config, DispersionOutcome outcome)
      : scenario_(scenario), config_(config), outcome_(std::move(outcome)) {}

  std::vector<Kpi> kpis() const override { return dispersion_twin_kpis(config_, outcome_); }

  std::vector<std::string> field_names() const override {
    return outcome_.plume ? std::vector<std::string>{"plume.ground_concentration_max"} : std::vector<std::string>{};
  }

  // The plume's receptor-grid concentration, the highest over the meteorology periods, (y, x).
  Field field(const std::string& name) const override {
    if (name != "plume.ground_concentration_max" || !outcome_.plume) return TwinRun::field(name);
    const auto& p = *outcome_.plume;  // the per-node maxima kept on the fly (plume_model.hpp)
    return Field{name, "kg m-3", {"y", "x"}, {p.y_m.size(), p.x_m.size()}, p.grid_statistics.max_kg_m3};
  }

  void write_outputs(const std::filesystem::path& dir) const override {
    write_dispersion_outputs(scenario_, config_, outcome_, dir);
  }
  std::string kpi_table() const override { return dispersion_kpi_table(config_, outcome_); }

 private:
  const Scenario& scenario_;
  const dsp::Config& config_;
  DispersionOutcome outcome_;
};

class DispersionTwin final : public Twin {
 public:
  explicit DispersionTwin(const Scenario& scenario)
      : scenario_(scenario), config_(dispersion_config(scenario.document.root().at("dispersion"))) {}

  std::unique_ptr<TwinRun> run(const RunSettings& settings) const override {
    if (settings.threads > 0) omp_set_num_threads(settings.threads);  // this thread's OpenMP regions
    return std::make_unique<DispersionRun>(scenario_, config_, run_dispersion(config_, settings.interactive));
  }
  ResourceEstimate estimate() const override { return dispersion_resources(config_); }

 private:
  const Scenario& scenario_;
  dsp::Config config_;
};

}  // namespace

std::vector<Kpi> dispersion_twin_kpis(const dsp::Config& config, const DispersionOutcome& outcome) {
  std::vector<Kpi> out;
  auto add = [&](const std::string& name, const char* unit, double value) {
    out.push_back({name, unit, value, std::nan(""), std::nan(""), {}});  // deterministic: no CI
  };
  for (const auto& k : outcome.kpis) {
    const std::string m = k.model + ".";
    add(m + "max_ground_concentration_kg_m3", "kg m-3", k.ground_maximum.concentration_kg_m3);
    add(m + "max_ground_concentration_x_m", "m", k.ground_maximum.x_m);
    add(m + "max_ground_concentration_y_m", "m", k.ground_maximum.y_m);
    add(m + "max_ground_concentration_time_s", "s", k.ground_maximum.time_s);
    for (std::size_t i = 0; i < k.receptors.size(); ++i) {
      const auto& r = k.receptors[i];
      if (config.receptors[i].network >= 0) continue;  // network receptors: in results.h5, not KPIs
      add(m + "receptor." + r.name + ".peak_kg_m3", "kg m-3", r.peak_kg_m3);
      add(m + "receptor." + r.name + ".time_above_threshold_s", "s", r.time_above_threshold_s);
    }
    if (k.model == "eulerian") add(m + "deposited_kg", "kg", k.deposited_kg);
  }
  const std::vector<Kpi> compliance = compliance_kpis(config, outcome.plume ? &*outcome.plume : nullptr);
  out.insert(out.end(), compliance.begin(), compliance.end());
  return out;
}

TwinEntry dispersion_twin_entry() {
  return {"dispersion", "pollutant dispersion: Gaussian plume and Eulerian finite-volume models",
          dispersion_section_schema,
          [](const Scenario& scenario) -> std::unique_ptr<Twin> { return std::make_unique<DispersionTwin>(scenario); },
          render_dispersion_results};
}

}  // namespace twinlab::scenarios
