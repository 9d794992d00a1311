#include "scenarios/scenario.hpp"

#include <map>
#include <mutex>

#include "scenarios/twin.hpp"

namespace twinlab::scenarios {
namespace {

#include "default_scenario.inc"  // generated from scenarios/examples/industrial_stack.yaml

using io::KeySpec;

std::vector<KeySpec> common_keys() {
  return {
      KeySpec::choice("twin", twin_names(), "Which twin this scenario describes"),
      KeySpec::string("name", "Short name, used for the default output directory out/NAME").name_like()
          .defaults("scenario"),
      KeySpec::string("description", "Free text kept with the results").defaults("\"\""),
      KeySpec::integer("seed", "Master seed of every random stream (stored with the results)").at_least(0)
          .defaults(1.0),
  };
}

const TwinEntry& twin_of(const io::ScenarioDocument& doc) {
  const io::ScenarioNode root = doc.root();
  const std::vector<std::string> names = twin_names();
  std::string listed;
  for (const auto& n : names) listed += (listed.empty() ? "" : ", ") + n;
  if (!root.has("twin")) root.fail("missing required key 'twin' (one of " + listed + ")");
  const io::ScenarioNode twin = root.at("twin");
  const std::string text = twin.text();
  if (const TwinEntry* entry = find_twin(text)) return *entry;
  std::string message = "must be one of " + listed + " (got " + text + ")";
  const std::string near = io::nearest_key(text, names);
  if (!near.empty()) message += "; did you mean '" + near + "'?";
  twin.fail(message);
}

}  // namespace

const io::KeySpec& scenario_schema(const TwinEntry& twin) {
  // Built once per twin; the documents validated against them keep a pointer.
  static std::map<std::string, KeySpec> schemas;
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  auto it = schemas.find(twin.name);
  if (it == schemas.end()) {
    std::vector<KeySpec> keys = common_keys();
    KeySpec section = twin.section_schema();
    // An object named "" holds several top-level sections (the site twin: line, dispersion, coupling).
    if (section.name.empty()) {
      for (KeySpec& key : section.children) keys.push_back(std::move(key));
    } else {
      keys.push_back(std::move(section));
    }
    it = schemas.emplace(twin.name, KeySpec::object("", "A twinlab scenario file", std::move(keys))).first;
  }
  return it->second;
}

std::filesystem::path Scenario::directory() const {
  const std::string& file = document.file();
  if (file == default_scenario_label) return std::filesystem::current_path();
  return std::filesystem::absolute(file).parent_path();
}

const std::string& default_scenario_text() {
  static const std::string text = kDefaultScenarioYaml;
  return text;
}

io::ScenarioDocument read_scenario_document(const std::optional<std::filesystem::path>& path) {
  return path ? io::ScenarioDocument::load_file(*path)
              : io::ScenarioDocument::load_text(default_scenario_text(), default_scenario_label);
}

namespace {

Scenario resolve_scenario(io::ScenarioDocument doc, const std::vector<std::string>& overrides,
                          std::optional<std::uint64_t> seed) {
  for (const auto& assignment : overrides) doc.apply_override(assignment);
  if (seed) doc.apply_override("seed=" + std::to_string(*seed), "--seed " + std::to_string(*seed));
  const TwinEntry& twin = twin_of(doc);
  doc.resolve(scenario_schema(twin));
  const io::ScenarioNode root = doc.root();
  const std::string name = root.at("name").text();
  const auto seed_value = static_cast<std::uint64_t>(root.at("seed").integer());
  return Scenario{std::move(doc), &twin, name, seed_value};
}

}  // namespace

Scenario load_scenario(const std::optional<std::filesystem::path>& path, const std::vector<std::string>& overrides,
                       std::optional<std::uint64_t> seed) {
  return resolve_scenario(read_scenario_document(path), overrides, seed);
}

Scenario load_scenario(const io::ScenarioDocument& unresolved, const std::vector<std::string>& overrides,
                       std::optional<std::uint64_t> seed) {
  return resolve_scenario(unresolved.clone(), overrides, seed);
}

}  // namespace twinlab::scenarios
