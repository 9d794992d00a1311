#include "scenarios/production_line/config.hpp"

#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "io/csv_column.hpp"
#include "scenarios/production_line/input_checks.hpp"
#include "scenarios/production_line/schema.hpp"
#include "twins/production_line/validate.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

namespace {

// The keys each kind of distribution takes (besides `distribution`).
const std::map<std::string, std::set<std::string>>& keys_by_kind() {
  static const std::map<std::string, std::set<std::string>> keys = {
      {"deterministic", {"value"}},      {"exponential", {"mean"}},         {"normal", {"mean", "std_dev"}},
      {"lognormal", {"mean", "std_dev"}}, {"weibull", {"shape", "scale"}}, {"uniform", {"min", "max"}},
      {"empirical", {"values", "csv", "column", "values_from"}}, {"geometric", {"probability", "step"}},
  };
  return keys;
}

// "a deterministic", "an exponential".
std::string with_article(const std::string& word) {
  const bool vowel = !word.empty() && std::string("aeiou").find(word.front()) != std::string::npos;
  return (vowel ? "an " : "a ") + word;
}

std::string joined(const std::set<std::string>& words) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : ", ") + w;
  return text;
}

// What the key means, from the distribution key table ("geometric (required): duration of one step" ->
// "duration of one step").
std::string description_of(const std::string& key) {
  static const io::KeySpec spec = distribution_schema("", "", "", "");
  const io::KeySpec* child = spec.child(key);
  if (!child) return key;
  const std::size_t colon = child->doc.find(": ");
  return colon == std::string::npos ? child->doc : child->doc.substr(colon + 2);
}

std::vector<pl::Successor> successors(const io::ScenarioNode& list) {
  std::vector<pl::Successor> out;
  for (std::size_t i = 0; i < list.size(); ++i)
    out.push_back({list.item(i).at("station").text(), list.item(i).at("probability").number()});
  return out;
}

pl::FailureBasis failure_basis(const std::string& word) {
  if (word == "time") return pl::FailureBasis::Time;
  if (word == "operation") return pl::FailureBasis::Operation;
  if (word == "wear") return pl::FailureBasis::Wear;
  return pl::FailureBasis::None;
}

pl::MaintenancePolicy maintenance_policy(const std::string& word) {
  if (word == "preventive") return pl::MaintenancePolicy::Preventive;
  if (word == "condition_based") return pl::MaintenancePolicy::ConditionBased;
  return pl::MaintenancePolicy::RunToFailure;
}

pl::StationConfig station(const io::ScenarioNode& n, const std::filesystem::path& base_dir) {
  pl::StationConfig s;
  s.name = n.at("name").text();
  s.machines = static_cast<int>(n.at("machines").integer());
  s.processing_time = distribution_spec(n.at("processing_time"), base_dir);
  s.ideal_cycle_time_s = n.at("ideal_cycle_time_s").number();
  s.buffer_capacity = n.at("buffer_unlimited").boolean() ? pl::kUnlimitedCapacity
                                                         : static_cast<int>(n.at("buffer_capacity").integer());
  s.assembly = n.at("assembly").boolean();
  s.next = successors(n.at("next"));

  const io::ScenarioNode f = n.at("failure");
  s.failure.basis = failure_basis(f.at("basis").text());
  s.failure.life = distribution_spec(f.at("life"), base_dir);
  s.failure.time_to_repair = distribution_spec(f.at("time_to_repair"), base_dir);
  s.failure.repair_cost = f.at("repair_cost").number();

  s.wear.rate_1_s = n.at("wear").at("rate_1_s").number();
  s.wear.acceleration = n.at("wear").at("acceleration").number();

  const io::ScenarioNode m = n.at("maintenance");
  s.maintenance.policy = maintenance_policy(m.at("policy").text());
  s.maintenance.interval_s = m.at("interval_s").number();
  s.maintenance.wear_threshold = m.at("wear_threshold").number();
  s.maintenance.duration = distribution_spec(m.at("duration"), base_dir);
  s.maintenance.cost = m.at("cost").number();
  if (s.maintenance.policy == pl::MaintenancePolicy::ConditionBased && s.wear.rate_1_s <= 0.0)
    m.at("policy").fail("condition_based maintenance needs wear: set wear.rate_1_s > 0");

  const io::ScenarioNode q = n.at("quality");
  s.quality.defect_probability = q.at("defect_probability").number();
  s.quality.defect_probability_per_wear = q.at("defect_probability_per_wear").number();
  s.quality.handling = q.at("handling").text() == "rework" ? pl::DefectHandling::Rework : pl::DefectHandling::Scrap;
  s.quality.rework_time_factor = q.at("rework_time_factor").number();

  const io::ScenarioNode p = n.at("power");
  s.power = {p.at("off_W").number(), p.at("idle_W").number(), p.at("busy_W").number(), p.at("down_W").number(),
             p.at("blocked_W").number()};
  s.emission_kg_per_operation = n.at("emission_kg_per_operation").number();
  return s;
}

}  // namespace

sim::DistributionSpec distribution_spec(const io::ScenarioNode& node, const std::filesystem::path& base_dir) {
  const io::ScenarioNode kind_node = node.at("distribution");
  const std::string kind = kind_node.text();
  const std::set<std::string>& allowed = keys_by_kind().at(kind);
  for (const auto& [other, keys] : keys_by_kind())
    for (const auto& key : keys)
      if (!allowed.count(key) && node.has(key))
        node.at(key).fail("not used by " + with_article(kind) + " distribution (it takes: " + joined(allowed) + ")");
  auto need = [&](const char* key) {
    if (!node.has(key))
      node.fail(with_article(kind) + " distribution needs '" + key + "' (it takes: " + joined(allowed) +
                "); add '" + key + "': " + description_of(key));
    return node.at(key).number();
  };
  if (kind == "deterministic") return sim::DistributionSpec::deterministic(need("value"));
  if (kind == "exponential") return sim::DistributionSpec::exponential(need("mean"));
  if (kind == "normal") return sim::DistributionSpec::normal(need("mean"), need("std_dev"));
  if (kind == "lognormal") return sim::DistributionSpec::lognormal(need("mean"), need("std_dev"));
  if (kind == "weibull") return sim::DistributionSpec::weibull(need("shape"), need("scale"));
  if (kind == "geometric") return sim::DistributionSpec::geometric(need("probability"), need("step"));
  if (kind == "uniform") {
    const double lo = need("min"), hi = need("max");
    if (hi < lo) node.at("max").fail("must be >= min");
    return sim::DistributionSpec::uniform(lo, hi);
  }
  // empirical: a list, or a CSV column
  if (node.has("values") == node.has("csv")) node.fail("an empirical distribution needs either 'values' or 'csv'");
  if (node.has("column") && !node.has("csv")) node.at("column").fail("only used with 'csv'");
  if (node.has("values_from") && !node.has("values")) node.at("values_from").fail("only used with 'values'");
  std::vector<double> values;
  if (node.has("values")) {
    values = node.at("values").numbers();
    if (values.empty()) node.at("values").fail("needs at least one value");
  } else {
    const std::filesystem::path csv = base_dir / node.at("csv").text();
    // A missing file is the scenario's mistake (reported at the key); a bad cell is the CSV's (at its line).
    if (!std::filesystem::is_regular_file(csv)) node.at("csv").fail("cannot open the CSV file " + csv.string());
    values = io::read_csv_column(csv, node.has("column") ? node.at("column").text() : "");
  }
  for (double v : values)
    if (v < 0.0) (node.has("values") ? node.at("values") : node.at("csv")).fail("durations must be >= 0");
  return sim::DistributionSpec::empirical(std::move(values));
}

pl::LineConfig line_config(const io::ScenarioNode& section, const std::filesystem::path& base_dir) {
  check_failure_blocks(section);
  pl::LineConfig c;
  const io::ScenarioNode stations = section.at("stations");
  for (std::size_t i = 0; i < stations.size(); ++i) c.stations.push_back(station(stations.item(i), base_dir));

  const io::ScenarioNode src = section.at("source");
  c.source.kind = src.at("kind").text() == "arrivals" ? pl::SourceKind::Arrivals : pl::SourceKind::Unlimited;
  c.source.interarrival_time = distribution_spec(src.at("interarrival_time"), base_dir);
  c.source.feeds = successors(src.at("feeds"));
  if (c.source.feeds.empty()) c.source.feeds.push_back({c.stations.front().name, 1.0});

  const io::ScenarioNode pull = section.at("pull");
  const std::string policy = pull.at("policy").text();
  c.pull.policy = policy == "kanban"       ? pl::PullPolicy::Kanban
                  : policy == "conwip"     ? pl::PullPolicy::Conwip
                  : policy == "base_stock" ? pl::PullPolicy::BaseStock
                                           : pl::PullPolicy::Push;
  const io::ScenarioNode loops = pull.at("kanban");
  for (std::size_t i = 0; i < loops.size(); ++i)
    c.pull.kanban.push_back({loops.item(i).at("from").text(), loops.item(i).at("to").text(),
                             static_cast<int>(loops.item(i).at("cards").integer())});
  c.pull.conwip_cards = static_cast<int>(pull.at("conwip_cards").integer());
  c.pull.base_stock = static_cast<int>(pull.at("base_stock").integer());

  c.repair_crews = static_cast<int>(section.at("repair_crews").integer());
  const io::ScenarioNode shifts = section.at("shifts");
  c.shifts.period_s = shifts.at("period_s").number();
  const io::ScenarioNode windows = shifts.at("windows");
  for (std::size_t i = 0; i < windows.size(); ++i)
    c.shifts.windows.push_back({windows.item(i).at("start_s").number(), windows.item(i).at("end_s").number()});
  c.emissions.grid_kg_per_kwh = section.at("emissions").at("grid_kg_per_kwh").number();

  const io::ScenarioNode run = section.at("run");
  c.run.warmup_s = run.at("warmup_s").number();
  c.run.horizon_s = run.at("horizon_s").number();
  c.run.replications_auto = run.at("replications").text() == "auto";
  if (!c.run.replications_auto) c.run.replications = static_cast<int>(run.at("replications").integer());
  const io::ScenarioNode precision = run.at("precision");
  c.run.precision_kpis = precision.at("kpis").texts();
  c.run.precision_relative_half_width = precision.at("relative_half_width").number();
  c.run.min_replications = static_cast<int>(precision.at("min_replications").integer());
  c.run.max_replications = static_cast<int>(precision.at("max_replications").integer());
  if (c.run.replications_auto) c.run.replications = c.run.max_replications;  // for resource estimates: the most
  c.run.confidence_level = run.at("confidence_level").number();
  c.run.time_series_interval_s = run.at("time_series_interval_s").number();
  c.run.event_log_max = static_cast<std::size_t>(run.at("event_log_max").integer());

  // Warnings only for a line that is valid otherwise: an invalid one gets its single error line (from the
  // caller's validate_line, placed in the file) and nothing else.
  bool valid = true;
  try {
    (void)pl::validate_line(c, section.path());
  } catch (const base::InputError&) {
    valid = false;
  }
  if (valid)
    for (const std::string& warning : line_input_warnings(section, c)) spdlog::warn("{}", warning);
  return c;
}

}  // namespace twinlab::scenarios
