#include "scenarios/production_line/statistics_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "base/error.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

namespace {
nlohmann::json number_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }
}  // namespace

nlohmann::json line_statistics_summary(const pl::LineResult& r) {
  nlohmann::json warmup = nlohmann::json::object();
  for (const auto& w : r.warmup)
    warmup[w.series] = {{"method", "MSER-5"},
                        {"given_s", w.given_s},
                        {"detected_s", w.detected_s},
                        {"cut_samples", w.cut_samples},
                        {"reliable", w.reliable},
                        {"transient", w.transient},
                        {"given_too_short", w.too_short()},
                        {"shift_calendar", w.shift_calendar},
                        {"difference", number_or_null(w.difference)},
                        {"difference_half_width", number_or_null(w.difference_half_width)}};
  const auto& c = r.replication_choice;
  nlohmann::json choice = {{"automatic", c.automatic}, {"used", r.replications}};
  if (c.automatic) {
    choice["kpis"] = c.kpis;
    choice["relative_half_width"] = c.relative_half_width;
    choice["max_replications"] = c.max_replications;
    choice["target_met"] = c.target_met;
    choice["run"] = c.run;
  }
  return {{"warmup", warmup}, {"replications", choice}};
}

std::string line_statistics_table(const pl::LineResult& r) {
  std::string text = fmt::format("\n{:<16} {:>12} {:>12} {:>8}  {}\n", "warm-up (MSER-5)", "given s", "detected s",
                                 "cut", "verdict");
  for (const auto& w : r.warmup) {
    const char* verdict = w.shift_calendar       ? "not judged (shift calendar)"
                          : w.too_short()        ? "given warm-up too short"
                          : !w.reliable          ? "run too short to tell"
                          : w.cut_samples > 0    ? "ok (cut not significant)"
                                                 : "ok";
    text += fmt::format("{:<16} {:>12.6g} {:>12.6g} {:>8}  {}\n", w.series, w.given_s, w.detected_s, w.cut_samples, verdict);
  }
  const auto& c = r.replication_choice;
  if (c.automatic) {
    std::string kpis;
    for (const auto& k : c.kpis) kpis += (kpis.empty() ? "" : ", ") + k;
    text += fmt::format("replications: {} (auto: {} within +/- {:g} % relative; {})\n", r.replications, kpis,
                        100.0 * c.relative_half_width,
                        c.target_met ? "target met" : fmt::format("cap of {} reached first", c.max_replications));
  }
  return text;
}

std::vector<std::string> line_statistics_warnings(const io::ScenarioNode& section, const pl::LineResult& r) {
  std::vector<std::string> warnings;
  const io::ScenarioNode run = section.at("run");
  for (const auto& w : r.warmup) {
    if (w.too_short())
      warnings.push_back(base::format_input_error(
          run.at("warmup_s").location(),
          fmt::format("the warm-up is shorter than MSER-5 detects on the {} series ({:g} s given, {:g} s detected; "
                      "the first {} samples after it differ from the rest by {:.4g} +- {:.4g}); set warmup_s >= {:g}",
                      w.series, w.given_s, w.detected_s, w.cut_samples, w.difference, w.difference_half_width,
                      w.detected_s)));
    else if (!w.reliable && w.transient)
      warnings.push_back(base::format_input_error(
          run.at("horizon_s").location(),
          fmt::format("the {} series still drifts over the whole run (MSER-5 would cut half of it); lengthen "
                      "horizon_s or warmup_s",
                      w.series)));
  }
  const auto& c = r.replication_choice;
  if (c.automatic && !c.target_met)
    warnings.push_back(base::format_input_error(
        run.at("precision").at("max_replications").location(),
        fmt::format("the precision target (+/- {:g} % relative) was not met within {} replications; the intervals "
                    "reported are wider; raise max_replications or relax relative_half_width",
                    100.0 * c.relative_half_width, c.max_replications)));
  return warnings;
}

}  // namespace twinlab::scenarios
