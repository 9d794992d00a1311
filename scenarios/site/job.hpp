#pragma once
// One run of the site twin: the line, then the dispersion with the coupled source's schedule from that line
// run; the outcomes of both, and the writers of the user's files (results.h5 with the groups line/,
// dispersion/ and coupling/; summary.json; vtk/line/ and vtk/dispersion/).
#include <filesystem>
#include <string>
#include <vector>

#include "scenarios/dispersion/job.hpp"
#include "scenarios/production_line/job.hpp"
#include "scenarios/site/coupling.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

struct SiteOutcome {
  LineOutcome line;
  twins::dispersion::Config dispersion_config;  // the file's, with the coupled source's schedule
  DispersionOutcome dispersion;
  CoupledSeries coupled;
};

SiteOutcome run_site(const twins::production_line::LineConfig& line, const twins::dispersion::Config& dispersion,
                     const CouplingConfig& coupling, const RunSettings& settings);

// KPIs of both twins, prefixed "line." and "dispersion.", and the coupling's masses ("coupling.source_kg").
std::vector<Kpi> site_kpis(const SiteOutcome& outcome);

std::string site_kpi_table(const twins::production_line::LineConfig& line, const CouplingConfig& coupling,
                           const SiteOutcome& outcome);

void write_site_outputs(const Scenario& scenario, const twins::production_line::LineConfig& line,
                        const CouplingConfig& coupling, const SiteOutcome& outcome, const std::filesystem::path& dir);

}  // namespace twinlab::scenarios
