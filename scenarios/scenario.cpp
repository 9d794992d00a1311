#include "scenarios/scenario.hpp"

#include "scenarios/dispersion_schema.hpp"
#include "scenarios/line_schema.hpp"

namespace twinlab::scenarios {
namespace {

#include "default_scenario.inc"  // generated from scenarios/examples/industrial_stack.yaml

using io::KeySpec;

std::vector<KeySpec> common_keys() {
  return {
      KeySpec::choice("twin", {"dispersion", "production_line"}, "Which twin this scenario describes"),
      KeySpec::string("name", "Short name, used for the default output directory out/NAME").name_like()
          .defaults("scenario"),
      KeySpec::string("description", "Free text kept with the results").defaults("\"\""),
      KeySpec::integer("seed", "Master seed of every random stream (stored with the results)").at_least(0)
          .defaults(1.0),
  };
}

KeySpec make_schema(KeySpec section) {
  std::vector<KeySpec> keys = common_keys();
  keys.push_back(std::move(section));
  return KeySpec::object("", "A twinlab scenario file", std::move(keys));
}

TwinKind twin_kind(const io::ScenarioDocument& doc) {
  const io::ScenarioNode root = doc.root();
  const std::vector<std::string> kinds = {"dispersion", "production_line"};
  if (!root.has("twin")) root.fail("missing required key 'twin' (one of dispersion, production_line)");
  const io::ScenarioNode twin = root.at("twin");
  const std::string text = twin.text();
  if (text == "dispersion") return TwinKind::Dispersion;
  if (text == "production_line") return TwinKind::ProductionLine;
  std::string message = "must be one of dispersion, production_line (got " + text + ")";
  const std::string near = io::nearest_key(text, kinds);
  if (!near.empty()) message += "; did you mean '" + near + "'?";
  twin.fail(message);
}

}  // namespace

const io::KeySpec& scenario_schema(TwinKind kind) {
  static const KeySpec dispersion = make_schema(dispersion_section_schema());
  static const KeySpec line = make_schema(line_section_schema());
  return kind == TwinKind::Dispersion ? dispersion : line;
}

const std::string& default_scenario_text() {
  static const std::string text = kDefaultScenarioYaml;
  return text;
}

Scenario load_scenario(const std::optional<std::filesystem::path>& path, const std::vector<std::string>& overrides,
                       std::optional<std::uint64_t> seed) {
  io::ScenarioDocument doc = path ? io::ScenarioDocument::load_file(*path)
                                  : io::ScenarioDocument::load_text(default_scenario_text(), default_scenario_label);
  for (const auto& assignment : overrides) doc.apply_override(assignment);
  if (seed) doc.apply_override("seed=" + std::to_string(*seed));
  const TwinKind kind = twin_kind(doc);
  doc.resolve(scenario_schema(kind));
  const io::ScenarioNode root = doc.root();
  const std::string name = root.at("name").text();
  const auto seed_value = static_cast<std::uint64_t>(root.at("seed").integer());
  return Scenario{std::move(doc), kind, name, seed_value};
}

}  // namespace twinlab::scenarios
