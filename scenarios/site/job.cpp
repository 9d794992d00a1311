#include "scenarios/site/job.hpp"

#include <omp.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "scenarios/dispersion/twin.hpp"
#include "scenarios/production_line/kpi_table.hpp"
#include "scenarios/production_line/twin.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;
namespace pl = twins::production_line;

SiteOutcome run_site(const pl::LineConfig& line, const dsp::Config& dispersion, const CouplingConfig& coupling,
                     const RunSettings& settings) {
  SiteOutcome out;
  out.line = run_line_job(line, settings.seed, settings.threads, settings.interactive);
  out.coupled = coupled_series(coupling, out.line.result);
  out.dispersion_config = dispersion;
  dsp::Source& source = out.dispersion_config.sources.at(coupling.source_index);
  source.emission_rate_kg_s = 0.0;
  source.schedule = source_schedule(coupling, out.coupled);
  if (settings.interactive)
    spdlog::info("coupling: {:.6g} kg of direct emissions x {:g} kg {}/kg = {:.6g} kg from source {} over [{:g}, {:g}] s",
                 out.coupled.line_direct_kg, coupling.factor_kg_per_kg, coupling.pollutant, out.coupled.source_kg,
                 coupling.source, coupling.start_s, coupling.start_s + coupling.line_horizon_s);
  if (settings.threads > 0) omp_set_num_threads(settings.threads);  // this thread's OpenMP regions
  out.dispersion = run_dispersion(out.dispersion_config, settings.interactive);
  return out;
}

std::vector<Kpi> site_kpis(const SiteOutcome& outcome) {
  std::vector<Kpi> out;
  for (Kpi k : line_twin_kpis(outcome.line)) {
    k.name = "line." + k.name;
    out.push_back(std::move(k));
  }
  for (Kpi k : dispersion_twin_kpis(outcome.dispersion_config, outcome.dispersion)) {
    k.name = "dispersion." + k.name;
    out.push_back(std::move(k));
  }
  const double nan = std::nan("");
  out.push_back({"coupling.line_direct_emissions_kg", "kg", outcome.coupled.line_direct_kg, nan, nan, {}});
  out.push_back({"coupling.source_emissions_kg", "kg", outcome.coupled.source_kg, nan, nan, {}});
  return out;
}

std::string site_kpi_table(const pl::LineConfig& line, const CouplingConfig& coupling, const SiteOutcome& outcome) {
  std::string table = "== line (KPIs line.*) ==\n";
  table += line_kpi_table(line, outcome.line.result);
  table += fmt::format("== coupling: line direct emissions -> source {} ==\n", coupling.source);
  table += fmt::format("line direct emissions over its window [kg]     {:.6g} ({})\n", outcome.coupled.line_direct_kg,
                       coupling.replication_mean ? std::string("mean over replications")
                                                 : fmt::format("replication {}", coupling.replication));
  table += fmt::format("factor [kg {}/kg]                              {:g}\n", coupling.pollutant,
                       coupling.factor_kg_per_kg);
  table += fmt::format("source {} emits [kg {}]                       {:.6g} over [{:g}, {:g}] s\n", coupling.source,
                       coupling.pollutant, outcome.coupled.source_kg, coupling.start_s,
                       coupling.start_s + coupling.line_horizon_s);
  table += "== dispersion (KPIs dispersion.*) ==\n";
  table += dispersion_kpi_table(outcome.dispersion_config, outcome.dispersion);
  return table;
}

}  // namespace twinlab::scenarios
