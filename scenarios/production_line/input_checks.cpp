#include "scenarios/production_line/input_checks.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "scenarios/production_line/schema.hpp"
#include "scenarios/scenario.hpp"
#include "base/error.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

namespace {

long long station_buffer_default() {
  static const io::KeySpec schema = line_section_schema();
  return std::stoll(*schema.child("stations")->child("buffer_capacity")->default_yaml);
}

}  // namespace

void check_failure_blocks(const io::ScenarioNode& section) {
  const io::ScenarioNode raw_root = section.document().written_root();  // as written: no defaults
  if (!raw_root.has("line") || !raw_root.at("line").has("stations")) return;
  const io::ScenarioNode raw_stations = raw_root.at("line").at("stations");
  const io::ScenarioNode stations = section.at("stations");
  for (std::size_t i = 0; i < std::min(raw_stations.size(), stations.size()); ++i) {
    if (!raw_stations.item(i).has("failure")) continue;
    const io::ScenarioNode raw = raw_stations.item(i).at("failure");
    const io::ScenarioNode failure = stations.item(i).at("failure");
    if (raw.has("basis") || section.document().overridden(failure.at("basis").path())) continue;
    std::string given;
    for (const char* key : {"life", "time_to_repair", "repair_cost"})
      if (raw.has(key)) given += (given.empty() ? "" : ", ") + std::string(key);
    if (given.empty()) continue;
    failure.fail("has no basis, so the station would never fail (got " + given +
                 " without basis); add basis: time, operation or wear (or basis: none to switch failures off)");
  }
}

std::vector<std::string> line_input_warnings(const io::ScenarioNode& section, const pl::LineConfig& config) {
  std::vector<std::string> warnings;
  // Pull keys of another policy than the chosen one are ignored: say so (a forgotten `policy:` otherwise
  // runs a push line without a word).
  const io::ScenarioNode pull = section.at("pull");
  const std::string policy = pull.at("policy").text();
  const io::ScenarioNode raw_root = section.document().written_root();
  const bool pull_written = raw_root.has("line") && raw_root.at("line").has("pull");
  for (const auto& [key, owner] : {std::pair<const char*, const char*>{"kanban", "kanban"}, {"conwip_cards", "conwip"},
                                   {"base_stock", "base_stock"}}) {
    const bool given = (pull_written && raw_root.at("line").at("pull").has(key)) ||
                       section.document().overridden(pull.at(key).path());
    // A resolved scenario (`validate`, `info --scenario`) writes every key with its default: only a value
    // other than the default (no loops, 1 card, a stock of 0) is a setting that the policy ignores.
    const io::ScenarioNode value = pull.at(key);
    const bool non_default = std::string(key) == "kanban"         ? value.size() > 0
                             : std::string(key) == "conwip_cards" ? value.integer() != 1
                                                                  : value.integer() != 0;
    if (given && non_default && policy != owner)
      warnings.push_back(base::format_input_error(pull.at(key).location(), std::string("ignored: policy is ") + policy +
                                                                               ", not " + owner + "; set line.pull.policy: " +
                                                                               owner + " to use it"));
  }
  if (config.source.kind != pl::SourceKind::Unlimited) return warnings;
  const io::ScenarioNode stations = section.at("stations");
  for (std::size_t i = 0; i < config.stations.size(); ++i) {
    const std::string& name = config.stations[i].name;
    const bool fed = std::any_of(config.source.feeds.begin(), config.source.feeds.end(),
                                 [&](const pl::Successor& f) { return f.station == name; });
    if (!fed) continue;
    const io::ScenarioNode station = stations.item(i);
    const std::string why = "ignored: station '" + name +
                            "' is fed by the unlimited source, which hands it raw material directly (it has no "
                            "input buffer)";
    const std::string fix = "; remove the key, or use source.kind: arrivals to put a buffer in front of it";
    if (station.at("buffer_unlimited").boolean()) {
      const io::ScenarioNode key = station.at("buffer_unlimited");
      warnings.push_back(base::format_input_error(key.location(), why + " (got true)" + fix));
    } else if (station.at("buffer_capacity").integer() != station_buffer_default()) {
      const io::ScenarioNode key = station.at("buffer_capacity");
      warnings.push_back(base::format_input_error(key.location(), why + " (got " + key.text() + ")" + fix));
    }
  }
  return warnings;
}

}  // namespace twinlab::scenarios
