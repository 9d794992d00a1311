#include "scenarios/compare/comparison.hpp"

#include <cmath>

#include <fmt/format.h>

#include "scenarios/provenance.hpp"
#include "scenarios/scenario.hpp"
#include "sim/confidence_interval.hpp"

namespace twinlab::scenarios {

namespace {

constexpr double confidence_level = 0.95;

KpiDelta delta_of(const Kpi& base, const Kpi& variant) {
  KpiDelta d;
  d.value = variant.value;
  d.delta = variant.value - base.value;
  d.relative = base.value != 0.0 ? d.delta / std::abs(base.value) : std::nan("");
  const std::size_t n = base.replications.size();
  if (n >= 2 && variant.replications.size() == n) {
    std::vector<double> differences(n);
    for (std::size_t r = 0; r < n; ++r) differences[r] = variant.replications[r] - base.replications[r];
    const sim::Estimate e = sim::mean_confidence_interval(differences, confidence_level);
    d.ci_half_width = e.half_width;
    d.significant = std::abs(e.mean) > e.half_width ? 1 : 0;  // a zero-width CI of a non-zero mean counts
  } else {
    d.ci_half_width = std::nan("");
    d.significant = d.delta != 0.0 ? 1 : 0;
  }
  return d;
}

}  // namespace

Comparison compare_kpis(const std::vector<std::string>& names, const std::vector<std::vector<Kpi>>& kpis) {
  Comparison c;
  c.variants = names;
  for (const auto& k : kpis.front()) {
    c.kpi_names.push_back(k.name);
    c.kpi_units.push_back(k.unit);
    c.base.push_back(k.value);
    c.paired = c.paired || k.replications.size() >= 2;
  }
  for (std::size_t v = 1; v < kpis.size(); ++v) {
    std::vector<KpiDelta> row;
    for (const auto& b : kpis.front()) {
      const Kpi* match = nullptr;
      for (const auto& k : kpis[v])
        if (k.name == b.name) match = &k;
      row.push_back(match ? delta_of(b, *match) : KpiDelta{std::nan(""), std::nan(""), std::nan(""), std::nan(""), 0});
    }
    c.deltas.push_back(std::move(row));
  }
  return c;
}

std::string comparison_table(const Comparison& c) {
  std::string out;
  for (std::size_t v = 0; v < c.deltas.size(); ++v) {
    out += fmt::format("{} vs {}{}\n", c.variants[v + 1], c.variants[0],
                       c.paired ? " (paired 95% CI over replications, common random numbers)" : "");
    out += fmt::format("{:<48} {:>13} {:>13} {:>13} {:>9} {:>11} {:>5}  {}\n", "KPI", "base", "variant", "delta",
                       "rel.", "+/- (95%)", "sig.", "unit");
    for (std::size_t k = 0; k < c.kpi_names.size(); ++k) {
      if (c.kpi_names[k].rfind("station.", 0) == 0) continue;  // per-station figures: in the files
      const KpiDelta& d = c.deltas[v][k];
      const std::string rel = std::isnan(d.relative) ? "-" : fmt::format("{:+.2f}%", 100.0 * d.relative);
      const std::string half = std::isnan(d.ci_half_width) ? "-" : fmt::format("{:.4g}", d.ci_half_width);
      out += fmt::format("{:<48} {:>13.6g} {:>13.6g} {:>+13.4g} {:>9} {:>11} {:>5}  {}\n", c.kpi_names[k], c.base[k],
                         d.value, d.delta, rel, half, d.significant ? "yes" : "no", c.kpi_units[k]);
    }
    out += "\n";
  }
  return out;
}

nlohmann::json comparison_json(const Comparison& c) {
  auto number = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); };
  nlohmann::json j = {{"filetype", "twinlab-compare"}, {"format_version", 1}, {"base", c.variants.front()},
                      {"confidence_level", confidence_level}, {"paired", c.paired}};
  nlohmann::json variants = nlohmann::json::array();
  for (std::size_t v = 0; v < c.deltas.size(); ++v) {
    nlohmann::json kpis = nlohmann::json::array();
    for (std::size_t k = 0; k < c.kpi_names.size(); ++k) {
      const KpiDelta& d = c.deltas[v][k];
      kpis.push_back({{"name", c.kpi_names[k]}, {"unit", c.kpi_units[k]}, {"base", number(c.base[k])},
                      {"value", number(d.value)}, {"delta", number(d.delta)}, {"relative", number(d.relative)},
                      {"ci_half_width", number(d.ci_half_width)}, {"significant", d.significant == 1}});
    }
    variants.push_back({{"name", c.variants[v + 1]}, {"kpis", kpis}});
  }
  j["variants"] = variants;
  return j;
}

io::Dataset comparison_dataset(const Comparison& c, const Scenario& base, std::uint64_t seed) {
  io::Dataset d;
  add_provenance(d, base, base.twin->name);
  d.attributes.set("filetype", "twinlab-compare");
  d.attributes.set("seed", static_cast<std::int64_t>(seed));
  io::Group& g = d.add_group("compare");
  g.attributes.set("confidence_level", confidence_level);
  const std::vector<std::string> variants(c.variants.begin() + 1, c.variants.end());
  g.add_coordinate("variant", variants, "", "variant name (the base is the group attribute base)");
  g.add_coordinate("kpi", c.kpi_names, "", "KPI name");
  g.attributes.set("base", c.variants.front());
  const std::size_t nv = variants.size(), nk = c.kpi_names.size();
  g.add_variable("unit", {"kpi"}, {nk}, c.kpi_units, "", "unit of the KPI (SI, UDUNITS spelling)");
  g.add_variable("base_value", {"kpi"}, {nk}, c.base, "", "the base scenario's KPI");
  auto per_variant = [&](const char* name, const char* long_name, auto get) {
    std::vector<double> values(nv * nk);
    for (std::size_t v = 0; v < nv; ++v)
      for (std::size_t k = 0; k < nk; ++k) values[v * nk + k] = get(c.deltas[v][k]);
    g.add_variable(name, {"variant", "kpi"}, {nv, nk}, values, "", long_name);
  };
  per_variant("value", "the variant's KPI", [](const KpiDelta& x) { return x.value; });
  per_variant("delta", "variant minus base", [](const KpiDelta& x) { return x.delta; });
  per_variant("relative_change", "delta / |base|", [](const KpiDelta& x) { return x.relative; });
  per_variant("ci_half_width", "half-width of the paired 95% CI of delta (NaN: deterministic)",
              [](const KpiDelta& x) { return x.ci_half_width; });
  std::vector<std::int64_t> significant(nv * nk);
  for (std::size_t v = 0; v < nv; ++v)
    for (std::size_t k = 0; k < nk; ++k) significant[v * nk + k] = c.deltas[v][k].significant;
  g.add_variable("significant", {"variant", "kpi"}, {nv, nk}, significant, "1", "1 when the CI excludes 0");
  return d;
}

}  // namespace twinlab::scenarios
