#include "scenarios/dispersion/job.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/progress.hpp"
#include "scenarios/dispersion/meteorology_file.hpp"
#include "scenarios/dispersion/limits_report.hpp"
#include "twins/dispersion/eulerian_model.hpp"
#include "twins/dispersion/plume_model.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Concentrations are printed in ug/m^3, the unit of air-quality limits (1 kg/m^3 = 1e9 ug/m^3).
constexpr double ug_per_kg = 1.0e9;


}  // namespace

DispersionOutcome run_dispersion(const dsp::Config& config, bool interactive) {
  DispersionOutcome outcome;
  if (config.plume.enabled) {
    const auto start = std::chrono::steady_clock::now();
    outcome.plume = dsp::run_plume_model(config);
    outcome.plume_seconds = seconds_since(start);
    if (interactive) spdlog::info("gaussian plume: {} periods x {} x {} grid nodes in {:.2f} s", outcome.plume->times_s.size(),
                 config.plume.grid_nx, config.plume.grid_ny, outcome.plume_seconds);
    outcome.kpis.push_back(dsp::plume_kpis(config, *outcome.plume));
  }
  if (config.eulerian.enabled) {
    const auto start = std::chrono::steady_clock::now();
    base::ProgressLine bar("eulerian");
    const dsp::ProgressCallback progress = [&bar](double t_s, double duration_s) { bar.update(t_s / duration_s); };
    // Fields go to a spool as they are produced: memory does not grow with the number of outputs.
    const std::size_t cells = static_cast<std::size_t>(config.eulerian.nx) * static_cast<std::size_t>(config.eulerian.ny) *
                              static_cast<std::size_t>(config.eulerian.nz);
    outcome.eulerian_fields = std::make_shared<FieldSpool>(cells);
    FieldSpool& spool = *outcome.eulerian_fields;
    const dsp::FieldSink sink = [&spool](double, const double* values, std::size_t) { spool.append(values); };
    outcome.eulerian =
        dsp::run_eulerian_model(config, interactive && base::progress_enabled() ? progress : nullptr, sink);
    bar.finish();
    outcome.eulerian_seconds = seconds_since(start);
    const auto& e = *outcome.eulerian;
    if (interactive) spdlog::info("eulerian: {} x {} x {} cells (lowest layer {:.3g} m), {} steps of {:.3g} s (advective limit {:.3g} s, "
                 "diffusive {:.3g} s, vertical terms {}) in {:.2f} s",
                 config.eulerian.nx, config.eulerian.ny, config.eulerian.nz,
                 e.z_faces_m.size() > 1 ? e.z_faces_m[1] - e.z_faces_m[0] : 0.0, e.steps, e.time_step_s,
                 e.advective_limit_s, e.diffusive_limit_s, e.vertical_scheme, outcome.eulerian_seconds);
    outcome.kpis.push_back(dsp::eulerian_kpis(config, e));
  }
  return outcome;
}

namespace {

// Decimals that show a grid's resolution: exact for spacings like 50, 0.5 or 0.05 m, one more than the
// spacing's order of magnitude otherwise (33.3 for 100/3 m).
int decimals_for(double spacing_m) {
  if (!(spacing_m > 0.0)) return 0;
  for (int d = 0; d <= 3; ++d) {
    const double scaled = spacing_m * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return d;
  }
  return std::max(0, static_cast<int>(std::ceil(-std::log10(spacing_m)))) + 1;
}

std::string duration_text(double s) {
  if (s >= 3600.0 && std::abs(s / 3600.0 - std::round(s / 3600.0)) < 1e-9) return fmt::format("{:g} h", s / 3600.0);
  return fmt::format("{:.3g} s", s);
}

std::string range_text(const dsp::TrustedRange& r) {
  return std::isfinite(r.max_distance_m) ? fmt::format("{:.0f} - {:.0f}", r.min_distance_m, r.max_distance_m)
                                         : fmt::format(">= {:.0f}", r.min_distance_m);
}

}  // namespace

std::string dispersion_kpi_table(const dsp::Config& config, const DispersionOutcome& outcome) {
  std::string table;
  auto row = [&](const std::string& label, const std::vector<std::string>& cells) {
    table += fmt::format("{:<46}", label);
    for (const auto& c : cells) table += fmt::format(" {:>26}", c);
    table += "\n";
  };
  if (!config.meteorology.source.empty()) {  // meteorology from a file: what was modelled, skipped, counted
    const PeriodCounts n = count_periods(config.meteorology.periods);
    table += fmt::format("meteorology {}: {} periods: {} valid, {} calm, {} missing (calm and missing skipped)\n",
                         config.meteorology.source, config.meteorology.periods.size(), n.valid, n.calm, n.missing);
    if (outcome.eulerian && outcome.eulerian->excluded_time_s > 0.0)  // the Eulerian rule (eulerian_model.hpp)
      table += fmt::format("eulerian: {} calm and {} missing periods ({}) run with the last valid period's transport, "
                           "left out of its KPIs\n", outcome.eulerian->calm_periods, outcome.eulerian->missing_periods,
                           duration_text(outcome.eulerian->excluded_time_s));
  }
  std::vector<std::string> header;
  for (const auto& k : outcome.kpis) header.push_back(k.model);
  row("KPI (each column is one model's figures)", header);
  auto per_model = [&](auto&& cell) {
    std::vector<std::string> cells;
    for (const auto& k : outcome.kpis) cells.push_back(cell(k));
    return cells;
  };
  row("  trusted at sensors [m from every source]",
      per_model([](const dsp::ModelKpis& k) { return range_text(k.trusted_range); }));
  bool untrusted = false;
  row("max ground-level concentration [ug/m^3]", per_model([&](const dsp::ModelKpis& k) {
        untrusted = untrusted || !k.ground_maximum_trusted;
        return fmt::format("{:.4g}{}", k.ground_maximum.concentration_kg_m3 * ug_per_kg,
                           k.ground_maximum_trusted ? "" : " *");
      }));
  row("  at height above ground [m]", per_model([](const dsp::ModelKpis& k) {
        return fmt::format("{:g} ({})", k.ground_level_height_m,
                           k.model == "eulerian" ? "lowest cell centre" : "receptor grid");
      }));
  row("  at x, y [m]", per_model([](const dsp::ModelKpis& k) {
        const int d = decimals_for(k.grid_spacing_m);
        return fmt::format("{:.{}f}, {:.{}f}", k.ground_maximum.x_m, d, k.ground_maximum.y_m, d);
      }));
  row("  at time [s]", per_model([](const dsp::ModelKpis& k) { return fmt::format("{:.0f}", k.ground_maximum.time_s); }));
  const bool threshold = config.pollutant.threshold_kg_m3 > 0.0;
  const std::string above = fmt::format("  time above {:g} ug/m^3 [s]", config.pollutant.threshold_kg_m3 * ug_per_kg);
  for (std::size_t r = 0; r < config.receptors.size(); ++r) {
    if (config.receptors[r].network >= 0) continue;  // networks: one row each, below
    row("sensor " + config.receptors[r].name + " peak [ug/m^3]", per_model([&](const dsp::ModelKpis& k) {
          untrusted = untrusted || !k.receptors[r].trusted;
          return fmt::format("{:.4g}{}", k.receptors[r].peak_kg_m3 * ug_per_kg, k.receptors[r].trusted ? "" : " *");
        }));
    if (threshold)
      row(above, per_model([&](const dsp::ModelKpis& k) {
            return fmt::format("{:.0f}", k.receptors[r].time_above_threshold_s);
          }));
  }
  // Site geometry: a receptor network's highest peak and where (a grid may hold thousands of receptors).
  for (std::size_t n = 0; n < config.receptor_networks.size(); ++n) {
    row("network " + config.receptor_networks[n].name + " highest peak [ug/m^3]", per_model([&](const dsp::ModelKpis& k) {
          std::size_t best = config.receptors.size();
          for (std::size_t r = 0; r < config.receptors.size(); ++r)
            if (config.receptors[r].network == static_cast<int>(n) &&
                (best == config.receptors.size() || k.receptors[r].peak_kg_m3 > k.receptors[best].peak_kg_m3))
              best = r;
          return fmt::format("{:.4g} at {}", k.receptors[best].peak_kg_m3 * ug_per_kg, config.receptors[best].name);
        }));
  }
  if (threshold)
    row(fmt::format("threshold {:g} ug/m^3 compared with", config.pollutant.threshold_kg_m3 * ug_per_kg),
        per_model([](const dsp::ModelKpis& k) {
          return k.model == "eulerian" ? fmt::format("each step (<= {})", duration_text(k.threshold_averaging_s))
                                       : fmt::format("period means ({})", duration_text(k.threshold_averaging_s));
        }));
  row("deposited mass [kg]", per_model([](const dsp::ModelKpis& k) {
        return k.model == "eulerian" ? fmt::format("{:.4g}", k.deposited_kg) : std::string("-");
      }));
  if (untrusted)
    table += "* outside that model's trusted range (sensors: a warning names them; docs/dispersion.md, \"Where "
             "each model can be trusted\")\n";
  table += compliance_table(config, outcome.plume ? &*outcome.plume : nullptr);
  return table;
}

}  // namespace twinlab::scenarios
