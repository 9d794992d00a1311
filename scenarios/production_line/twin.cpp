#include "scenarios/production_line/twin.hpp"

#include <cmath>

#include <spdlog/spdlog.h>

#include "scenarios/production_line/config.hpp"
#include "scenarios/production_line/job.hpp"
#include "scenarios/production_line/kpi_table.hpp"
#include "scenarios/production_line/render.hpp"
#include "scenarios/production_line/resources.hpp"
#include "scenarios/production_line/schema.hpp"
#include "scenarios/production_line/statistics_report.hpp"
#include "scenarios/scenario.hpp"
#include "twins/production_line/validate.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

namespace {

class LineRun final : public TwinRun {
 public:
  LineRun(const Scenario& scenario, const pl::LineConfig& config, LineOutcome outcome)
      : scenario_(scenario), config_(config), outcome_(std::move(outcome)) {}

  // The line KPIs with their confidence half-widths and per-replication values, then per station its
  // state fractions and throughput as "station.NAME.KPI".
  std::vector<Kpi> kpis() const override { return line_twin_kpis(outcome_); }

  void write_outputs(const std::filesystem::path& dir) const override {
    write_line_outputs(scenario_, config_, outcome_, dir);
  }
  std::string kpi_table() const override {
    return line_kpi_table(config_, outcome_.result) + line_statistics_table(outcome_.result);
  }

 private:
  const Scenario& scenario_;
  const pl::LineConfig& config_;
  LineOutcome outcome_;
};

class LineTwin final : public Twin {
 public:
  explicit LineTwin(const Scenario& scenario) : scenario_(scenario), config_(checked_line_config(scenario)) {}

  std::unique_ptr<TwinRun> run(const RunSettings& settings) const override {
    LineOutcome outcome = run_line_job(config_, settings.seed, settings.threads, settings.interactive);
    for (const std::string& warning : line_statistics_warnings(scenario_.document.root().at("line"), outcome.result))
      spdlog::warn("{}", warning);
    return std::make_unique<LineRun>(scenario_, config_, std::move(outcome));
  }
  ResourceEstimate estimate() const override { return line_resources(config_); }

 private:
  const Scenario& scenario_;
  pl::LineConfig config_;
};

}  // namespace

// The line twin checks its own semantics (graph, probabilities, ranges) and names the key; the
// scenario places that key in the file.
pl::LineConfig checked_line_config(const Scenario& scenario) {
  auto config = line_config(scenario.document.root().at("line"), scenario.directory());
  try {
    pl::validate_line(config, "line");
  } catch (const base::InputError& e) {
    scenario.document.rethrow_located(e);
  }
  return config;
}

std::vector<Kpi> line_twin_kpis(const LineOutcome& outcome) {
  const auto& r = outcome.result;
  std::vector<Kpi> out;
  for (const auto& k : r.kpis)
    out.push_back({k.name, k.unit, k.value.mean, k.value.half_width, k.value.std_dev, k.per_replication});
  for (const auto& column : r.stations.columns)
    for (std::size_t s = 0; s < r.stations.names.size(); ++s)
      out.push_back({"station." + r.stations.names[s] + "." + column.name, column.unit, column.mean[s],
                     column.half_width[s], std::nan(""), {}});
  return out;
}

TwinEntry production_line_twin_entry() {
  return {"production_line", "production line: stations, buffers, failures, maintenance, quality, energy",
          line_section_schema,
          [](const Scenario& scenario) -> std::unique_ptr<Twin> { return std::make_unique<LineTwin>(scenario); },
          render_line_results};
}

}  // namespace twinlab::scenarios
