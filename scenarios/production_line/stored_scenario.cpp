#include "scenarios/production_line/stored_scenario.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "base/sha256.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

namespace {

// Where relative CSV paths were looked up (as scenarios/run_job does): the scenario file's directory.
std::filesystem::path scenario_dir(const Scenario& scenario) {
  const std::string& file = scenario.document.file();
  if (file == default_scenario_label) return std::filesystem::current_path();
  return std::filesystem::absolute(file).parent_path();
}

// Replaces `csv` (and `column`) of an empirical distribution node by the values the run used.
void inline_csv(YAML::Node node, const sim::DistributionSpec& used, const std::filesystem::path& base_dir) {
  if (!node || !node.IsMap() || !node["csv"] || node["distribution"].Scalar() != "empirical") return;
  const std::string csv = node["csv"].Scalar();
  const std::string column = node["column"] ? node["column"].Scalar() : "";
  const std::filesystem::path file = std::filesystem::weakly_canonical(base_dir / csv);
  std::string origin = "csv " + csv + (column.empty() ? "" : ", column " + column) + ", read from " + file.string();
  if (std::filesystem::is_regular_file(file)) origin += ", sha256 " + base::sha256_file_hex(file);
  node.remove("csv");
  node.remove("column");
  YAML::Node values(YAML::NodeType::Sequence);
  values.SetStyle(YAML::EmitterStyle::Flow);
  for (const double v : used.values) values.push_back(fmt::format("{}", v));  // shortest text that reads back exactly
  node["values"] = values;
  node["values_from"] = origin;
}

}  // namespace

std::string stored_line_scenario(const Scenario& scenario, const pl::LineConfig& config) {
  const std::string resolved = scenario.document.resolved_yaml();
  YAML::Node root = YAML::Load(resolved);
  YAML::Node line = root["line"];
  if (!line) return resolved;
  const std::filesystem::path base_dir = scenario_dir(scenario);
  YAML::Node stations = line["stations"];
  for (std::size_t i = 0; i < config.stations.size() && i < stations.size(); ++i) {
    const pl::StationConfig& s = config.stations[i];
    YAML::Node station = stations[i];
    inline_csv(station["processing_time"], s.processing_time, base_dir);
    inline_csv(station["failure"]["life"], s.failure.life, base_dir);
    inline_csv(station["failure"]["time_to_repair"], s.failure.time_to_repair, base_dir);
    inline_csv(station["maintenance"]["duration"], s.maintenance.duration, base_dir);
  }
  inline_csv(line["source"]["interarrival_time"], config.source.interarrival_time, base_dir);
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

}  // namespace twinlab::scenarios
