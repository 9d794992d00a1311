#include "scenarios/site/twin.hpp"

#include "scenarios/dispersion/config.hpp"
#include "scenarios/dispersion/resources.hpp"
#include "scenarios/production_line/resources.hpp"
#include "scenarios/production_line/twin.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/site/job.hpp"
#include "scenarios/site/schema.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;
namespace pl = twins::production_line;

namespace {

class SiteRun final : public TwinRun {
 public:
  SiteRun(const Scenario& scenario, const pl::LineConfig& line, const CouplingConfig& coupling, SiteOutcome outcome)
      : scenario_(scenario), line_(line), coupling_(coupling), outcome_(std::move(outcome)) {}

  std::vector<Kpi> kpis() const override { return site_kpis(outcome_); }
  void write_outputs(const std::filesystem::path& dir) const override {
    write_site_outputs(scenario_, line_, coupling_, outcome_, dir);
  }
  std::string kpi_table() const override { return site_kpi_table(line_, coupling_, outcome_); }

 private:
  const Scenario& scenario_;
  const pl::LineConfig& line_;
  const CouplingConfig& coupling_;
  SiteOutcome outcome_;
};

// The dispersion config; the coupled source, checked to exist first, is read without the "emits nothing"
// warning (its rate comes from the line run).
dsp::Config coupled_dispersion_config(const Scenario& scenario) {
  const io::ScenarioNode root = scenario.document.root();
  const std::size_t source = coupled_source_index(root.at("coupling"), root.at("dispersion"));
  return dispersion_config(root.at("dispersion"), {root.at("dispersion").at("sources").item(source).at("name").text()});
}

class SiteTwin final : public Twin {
 public:
  explicit SiteTwin(const Scenario& scenario)
      : scenario_(scenario),
        line_(checked_line_config(scenario)),
        dispersion_(coupled_dispersion_config(scenario)),
        coupling_(read_coupling(scenario.document.root().at("coupling"), scenario.document.root().at("dispersion"),
                                dispersion_, line_)) {}

  std::unique_ptr<TwinRun> run(const RunSettings& settings) const override {
    return std::make_unique<SiteRun>(scenario_, line_, coupling_, run_site(line_, dispersion_, coupling_, settings));
  }

  // Both runs, one after the other: their memory and time add up; the larger part is blamed.
  ResourceEstimate estimate() const override {
    const ResourceEstimate a = line_resources(line_), b = dispersion_resources(dispersion_);
    ResourceEstimate e;
    e.memory_bytes = a.memory_bytes + b.memory_bytes;
    e.memory_detail = "line: " + a.memory_detail + "; dispersion: " + b.memory_detail;
    e.memory_key = a.memory_bytes >= b.memory_bytes ? a.memory_key : b.memory_key;
    e.time_s = a.time_s + b.time_s;
    e.time_detail = "line: " + a.time_detail + "; dispersion: " + b.time_detail;
    e.time_key = a.time_s >= b.time_s ? a.time_key : b.time_key;
    return e;
  }

 private:
  const Scenario& scenario_;
  pl::LineConfig line_;
  dsp::Config dispersion_;
  CouplingConfig coupling_;
};

}  // namespace

TwinEntry site_twin_entry() {
  return {"site", "coupled site: a production line whose direct emissions feed a dispersion source",
          site_section_schema,
          [](const Scenario& scenario) -> std::unique_ptr<Twin> { return std::make_unique<SiteTwin>(scenario); },
          nullptr};  // no pictures of its own yet: `render` says so
}

}  // namespace twinlab::scenarios
