#include <catch2/catch.hpp>

#include <sstream>

#include "io/scenario_document.hpp"

using twinlab::io::KeySpec;
using twinlab::io::ScenarioDocument;
using twinlab::base::InputError;

namespace {

const KeySpec& schema() {
  static const KeySpec root = KeySpec::object("", "test", {
      KeySpec::string("name", "Name").defaults("demo"),
      KeySpec::object("wind", "Wind", {
          KeySpec::number("speed_m_s", "m/s", "Speed").above(0),
          KeySpec::choice("stability_class", {"A", "B", "C", "D", "E", "F"}, "Class").defaults("D"),
          KeySpec::boolean("gusty", "Gusts").defaults(false),
      }),
      KeySpec::list("sources", "Sources", {
          KeySpec::number("height_m", "m", "Height").at_least(0),
          KeySpec::integer("count", "How many").at_least(1).defaults(1.0),
      }).items(1),
  });
  return root;
}

// Resolves text and returns the error; fails the test when there is none.
twinlab::base::InputError error_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  ScenarioDocument doc = ScenarioDocument::load_text(text, "s.yaml");
  try {
    for (const auto& o : overrides) doc.apply_override(o);
    doc.resolve(schema());
  } catch (const twinlab::base::InputError& e) {
    return e;
  }
  FAIL("no twinlab::base::InputError for:\n" << text);
  throw;  // unreachable
}

}  // namespace

TEST_CASE("a valid document resolves with its defaults filled in") {
  ScenarioDocument doc = ScenarioDocument::load_text("wind:\n  speed_m_s: 4.5\nsources:\n  - {height_m: 30}\n", "s.yaml");
  doc.resolve(schema());
  const auto root = doc.root();
  CHECK(root.at("name").text() == "demo");
  CHECK(root.at("wind").at("speed_m_s").number() == 4.5);
  CHECK(root.at("wind").at("stability_class").text() == "D");
  CHECK_FALSE(root.at("wind").at("gusty").boolean());
  CHECK(root.at("sources").size() == 1);
  CHECK(root.at("sources").item(0).at("count").integer() == 1);
  const std::string yaml = doc.resolved_yaml();
  CHECK(yaml.find("stability_class: D") != std::string::npos);
  CHECK(yaml.find("name: demo") < yaml.find("wind:"));  // schema order, not insertion order
}

TEST_CASE("errors name file, line, column and dotted key") {
  SECTION("value out of range") {
    const twinlab::base::InputError e = error_of("wind:\n  speed_m_s: 4\nsources:\n  - {height_m: 3}\n  - {height_m: -5}\n");
    CHECK(e.where().file == "s.yaml");
    CHECK(e.where().line == 5);
    CHECK(e.where().column == 16);
    CHECK(e.where().key == "sources[1].height_m");
    CHECK(std::string(e.what()) == "s.yaml:5:16: sources[1].height_m: must be number >= 0 (got -5)");
  }
  SECTION("unknown key with a suggestion") {
    const twinlab::base::InputError e = error_of("wind:\n  sped_m_s: 4\nsources: [{height_m: 1}]\n");
    CHECK(e.where().line == 2);
    CHECK(e.where().key == "wind.sped_m_s");
    CHECK_THAT(e.what(), Catch::Contains("unknown key; did you mean 'speed_m_s'?"));
  }
  SECTION("wrong type") {
    const twinlab::base::InputError e = error_of("wind:\n  speed_m_s: fast\nsources: [{height_m: 1}]\n");
    CHECK(e.where().line == 2);
    CHECK_THAT(e.what(), Catch::Contains("must be a finite number (got fast)"));
  }
  SECTION("choice out of the allowed set") {
    const twinlab::base::InputError e = error_of("wind:\n  speed_m_s: 3\n  stability_class: G\nsources: [{height_m: 1}]\n");
    CHECK(e.where().line == 3);
    CHECK_THAT(e.what(), Catch::Contains("must be one of A, B, C, D, E, F (got G)"));
  }
  SECTION("missing required key") {
    const twinlab::base::InputError e = error_of("wind:\n  gusty: true\nsources: [{height_m: 1}]\n");
    CHECK(e.where().key == "wind");
    CHECK_THAT(e.what(), Catch::Contains("missing required key 'speed_m_s'"));
  }
  SECTION("empty list where one item is required") {
    const twinlab::base::InputError e = error_of("wind: {speed_m_s: 2}\nsources: []\n");
    CHECK(e.where().key == "sources");
    CHECK_THAT(e.what(), Catch::Contains("list of >= 1"));
  }
  SECTION("integer given as a fraction") {
    const twinlab::base::InputError e = error_of("wind: {speed_m_s: 2}\nsources: [{height_m: 1, count: 2.5}]\n");
    CHECK(e.where().key == "sources[0].count");
  }
  SECTION("not a number: NaN is refused") {
    const twinlab::base::InputError e = error_of("wind: {speed_m_s: .nan}\nsources: [{height_m: 1}]\n");
    CHECK(e.where().key == "wind.speed_m_s");
  }
}

TEST_CASE("invalid YAML is an InputError with its line") {
  try {
    ScenarioDocument::load_text("wind:\n  speed_m_s: [1, 2\n", "bad.yaml");
    FAIL("no error");
  } catch (const twinlab::base::InputError& e) {
    CHECK(e.where().file == "bad.yaml");
    CHECK(e.where().line >= 2);
    CHECK_THAT(e.what(), Catch::Contains("invalid YAML"));
  }
}

TEST_CASE("overrides by dotted key replace values and are blamed on --set") {
  ScenarioDocument doc =
      ScenarioDocument::load_text("wind: {speed_m_s: 4}\nsources: [{height_m: 3}, {height_m: 7}]\n", "s.yaml");
  doc.apply_override("wind.speed_m_s=6.5");
  doc.apply_override("sources[1].height_m=40");
  doc.apply_override("wind.stability_class=F");
  doc.resolve(schema());
  CHECK(doc.root().at("wind").at("speed_m_s").number() == 6.5);
  CHECK(doc.root().at("sources").item(1).at("height_m").number() == 40.0);
  CHECK(doc.root().at("wind").at("stability_class").text() == "F");

  const twinlab::base::InputError bad = error_of("wind: {speed_m_s: 4}\nsources: [{height_m: 3}]\n", {"wind.speed_m_s=-1"});
  CHECK(bad.where().file == "--set wind.speed_m_s=-1");
  CHECK(bad.where().key == "wind.speed_m_s");

  ScenarioDocument doc2 = ScenarioDocument::load_text("sources: [{height_m: 3}]\n", "s.yaml");
  CHECK_THROWS_AS(doc2.apply_override("sources[4].height_m=1"), twinlab::base::InputError);
  CHECK_THROWS_AS(doc2.apply_override("no_equals_sign"), twinlab::base::InputError);
  CHECK_THROWS_AS(doc2.apply_override("a..b=1"), twinlab::base::InputError);
}

TEST_CASE("optional keys stay absent, number lists are checked, mapping defaults get nested defaults") {
  const KeySpec root = KeySpec::object("", "", {
      KeySpec::number("mean_s", "s", "Mean").above(0).optional(),
      KeySpec::number_list("values", "s", "Samples").optional(),
      KeySpec::object("timing", "A mapping with a default", {
          KeySpec::choice("kind", {"fixed", "random"}, "Kind"),
          KeySpec::number("scale", "", "Scale").defaults(2.0),
      }).defaults("{kind: fixed}"),
  });
  ScenarioDocument doc = ScenarioDocument::load_text("values: [1, 2.5, 4]\n", "s.yaml");
  doc.resolve(root);
  CHECK_FALSE(doc.root().has("mean_s"));
  CHECK(doc.root().at("values").numbers() == std::vector<double>{1.0, 2.5, 4.0});
  CHECK(doc.root().at("timing").at("kind").text() == "fixed");
  CHECK(doc.root().at("timing").at("scale").number() == 2.0);

  ScenarioDocument bad = ScenarioDocument::load_text("values: [1, x]\n", "s.yaml");
  try {
    bad.resolve(root);
    FAIL("no error");
  } catch (const twinlab::base::InputError& e) {
    CHECK(e.where().key == "values[1]");
    CHECK(e.where().line == 1);
  }
  CHECK(twinlab::io::schema_markdown(root).find("| `mean_s` | number > 0 | s | optional | Mean |") != std::string::npos);
}

TEST_CASE("an error raised elsewhere with only a key is placed at that key in the file") {
  ScenarioDocument doc =
      ScenarioDocument::load_text("wind: {speed_m_s: 4}\nsources:\n  - {height_m: 3}\n  - {height_m: 7}\n", "s.yaml");
  doc.resolve(schema());
  try {
    doc.rethrow_located(twinlab::base::InputError({"", 0, 0, "sources[1].height_m"}, "too tall for the site"));
  } catch (const twinlab::base::InputError& e) {
    CHECK(std::string(e.what()) == "s.yaml:4:16: sources[1].height_m: too tall for the site");
  }
  try {  // a key below the deepest existing node: the nearest existing parent's place
    doc.rethrow_located(twinlab::base::InputError({"", 0, 0, "sources[1].colour"}, "no colour"));
  } catch (const twinlab::base::InputError& e) {
    CHECK(e.where().line == 4);
    CHECK(e.where().key == "sources[1].colour");
  }
}

namespace {

// The error load_text gives for text; fails the test when there is none.
InputError load_error(const std::string& text) {
  try {
    ScenarioDocument::load_text(text, "s.yaml");
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no InputError for:\n" << text);
  throw;  // unreachable
}

// "Billion laughs": level k is a list of ten aliases of level k - 1, so level `levels` stands for 10^levels
// nodes while the text holds about 10 per level.
std::string alias_bomb(int levels) {
  // A stream, not string concatenation: GCC 12 warns falsely (-Wrestrict) on the latter at -O3.
  std::ostringstream text;
  text << "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int k = 1; k <= levels; ++k) {
    text << 'a' << k << ": &a" << k << " [";
    for (int i = 0; i < 10; ++i) text << (i ? ", *a" : "*a") << k - 1;
    text << "]\n";
  }
  return text.str();
}

}  // namespace

TEST_CASE("aliases that expand a small text beyond the budget are refused at the alias") {
  // 10^9 nodes from ~1 KB: before the check, the copy of the tree as written expanded every alias and ran
  // out of memory (std::bad_alloc, exit 1 without the file's name).
  const InputError e = load_error(alias_bomb(9));
  CHECK(e.where().file == "s.yaml");
  // Level 4 (line 5) is the first to pass 100 000 added nodes: levels 1-3 add 12 300, each alias of level 3
  // another 11 110 (11 111 nodes for the one written).
  CHECK(e.where().line == 5);
  CHECK_THAT(e.what(), Catch::Contains("aliases expand the file to more than 100000 nodes"));
  // Aliases of small blocks stay allowed, and read back with the values of their anchor.
  const ScenarioDocument ok = ScenarioDocument::load_text(alias_bomb(3) + "b: *a0\n", "s.yaml");
  CHECK(ok.written_root().at("a3").item(9).item(9).item(9).item(9).text() == "x");
  CHECK(ok.written_root().at("b").size() == 10);
}

TEST_CASE("an alias inside its own anchor is refused") {
  const InputError e = load_error("a: &loop\n  b: *loop\n");
  CHECK(e.where().line == 2);
  CHECK_THAT(e.what(), Catch::Contains("an alias inside the node its anchor names"));
}

TEST_CASE("a second YAML document is refused at its line, not ignored") {
  const InputError e = load_error("name: one\n---\nname: two\n");
  CHECK(e.where().file == "s.yaml");
  CHECK(e.where().line == 2);
  CHECK_THAT(e.what(), Catch::Contains("a second YAML document"));
  // One document with explicit markers is fine.
  CHECK(ScenarioDocument::load_text("---\nname: one\n...\n", "s.yaml").written_root().at("name").text() == "one");
}

TEST_CASE("a key that is a list or a mapping is refused at its place") {
  for (const std::string text : {"[seed]: 1\n", "name: a\n{x: 1}: 2\n", "wind:\n  ? [a, b]\n  : 1\n",
                                 "sources:\n  - {[height_m]: 3}\n"}) {
    CAPTURE(text);
    const InputError e = load_error(text);
    CHECK(e.where().file == "s.yaml");
    CHECK(e.where().line >= 1);
    CHECK_THAT(e.what(), Catch::Contains("a key must be a plain name"));
  }
}

TEST_CASE("a --set with an empty value is refused instead of resetting the key to its default") {
  ScenarioDocument doc =
      ScenarioDocument::load_text("wind: {speed_m_s: 4, gusty: true}\nsources: [{height_m: 1}]\n", "s.yaml");
  for (const std::string assignment : {"wind.gusty=", "wind.gusty=  "}) {
    try {
      doc.apply_override(assignment);
      FAIL("no error for " << assignment);
    } catch (const InputError& e) {
      CHECK(e.where().file == "--set " + assignment);
      CHECK(e.where().key == "wind.gusty");
      CHECK_THAT(e.what(), Catch::Contains("empty value"));
    }
  }
  // Empty text written explicitly is a value.
  doc.apply_override("name=''");
  doc.resolve(schema());
  CHECK(doc.root().at("name").text().empty());
  CHECK(doc.root().at("wind").at("gusty").boolean());
}

TEST_CASE("a --set list index beyond any integer is an input error, not a crash") {
  ScenarioDocument doc = ScenarioDocument::load_text("sources: [{height_m: 3}]\n", "s.yaml");
  for (const std::string index : {"18446744073709551616", "99999999999999999999999", "1"}) {
    const std::string assignment = "sources[" + index + "].height_m=1";
    try {
      doc.apply_override(assignment);
      FAIL("no error for " << assignment);
    } catch (const InputError& e) {
      CHECK(e.where().file == "--set " + assignment);
      CHECK_THAT(e.what(), Catch::Contains("sources has no item " + index + " (it has 1, counted from 0)"));
    }
  }
}

TEST_CASE("an error in a key a --set created is blamed on that --set, not on the file") {
  // wind.direction does not exist: the unknown key 'direction' was made by the override.
  const InputError unknown =
      error_of("wind: {speed_m_s: 4}\nsources: [{height_m: 3}]\n", {"wind.direction.deg=-1"});
  CHECK(unknown.where().file == "--set wind.direction.deg=-1");
  CHECK(unknown.where().line == 0);
  CHECK_THAT(unknown.what(), Catch::StartsWith("--set wind.direction.deg=-1: wind.direction: unknown key"));
  // A whole section that the file lacks.
  const InputError section = error_of("sources: [{height_m: 3}]\n", {"wind.speed_m_s=-2"});
  CHECK(section.where().file == "--set wind.speed_m_s=-2");
  // A label other than --set (the --seed option).
  ScenarioDocument doc = ScenarioDocument::load_text("sources: [{height_m: 3}]\nwind: {speed_m_s: 1}\n", "s.yaml");
  doc.apply_override("wind.speed_m_s=0", "--speed 0");
  try {
    doc.resolve(schema());
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.where().file == "--speed 0");
  }
}

TEST_CASE("a range's reason is told with an out-of-range value") {
  const KeySpec root = KeySpec::object("", "", {
      KeySpec::number("rate_1_s", "1/s", "Rate").at_least(0).at_most(1).because("one per second is already absurd"),
  });
  ScenarioDocument doc = ScenarioDocument::load_text("rate_1_s: 1e15\n", "s.yaml");
  try {
    doc.resolve(root);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "s.yaml:1:11: rate_1_s: must be number >= 0, <= 1 (got 1e15): one per second is already absurd");
  }
}
