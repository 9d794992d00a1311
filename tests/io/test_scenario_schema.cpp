#include <catch2/catch.hpp>

#include "io/scenario_schema.hpp"

using twinlab::io::KeySpec;

TEST_CASE("nearest_key suggests the key a typo meant, and nothing for unrelated words") {
  const std::vector<std::string> keys = {"wind_speed_m_s", "wind_direction_deg", "stability_class"};
  CHECK(twinlab::io::nearest_key("wind_sped_m_s", keys) == "wind_speed_m_s");
  CHECK(twinlab::io::nearest_key("stabilty_class", keys) == "stability_class");
  CHECK(twinlab::io::nearest_key("wind_direction", keys) == "wind_direction_deg");  // prefix
  CHECK(twinlab::io::nearest_key("colour", keys).empty());
}

TEST_CASE("describe_type states the constraint a user must meet") {
  CHECK(twinlab::io::describe_type(KeySpec::number("h", "m", "").at_least(0)) == "number >= 0");
  CHECK(twinlab::io::describe_type(KeySpec::number("u", "m/s", "").above(0).at_most(50)) == "number > 0, <= 50");
  CHECK(twinlab::io::describe_type(KeySpec::choice("c", {"A", "B"}, "")) == "one of A, B");
  CHECK(twinlab::io::describe_type(KeySpec::list("s", "", {}).items(1)) == "list of >= 1");
}

TEST_CASE("schema_markdown documents every key with unit and default, nested sections included") {
  const KeySpec root = KeySpec::object("", "root", {
      KeySpec::number("speed_m_s", "m/s", "Wind speed").above(0).defaults(5.0),
      KeySpec::object("inner", "An inner section", {KeySpec::string("label", "A label")}),
      KeySpec::list("items", "Things", {KeySpec::integer("n", "Count").defaults(3.0)}),
  });
  const std::string md = twinlab::io::schema_markdown(root);
  CHECK_THAT(md, Catch::Contains("| `speed_m_s` | number > 0 | m/s | `5` | Wind speed |"));
  CHECK_THAT(md, Catch::Contains("### `inner`"));
  CHECK_THAT(md, Catch::Contains("| `label` | text |  | **required** | A label |"));
  CHECK_THAT(md, Catch::Contains("### `items[]`"));
  CHECK_THAT(md, Catch::Contains("| `n` | integer |  | `3` | Count |"));
}

TEST_CASE("suggested_key: aliases by meaning, then spelling, ignoring case") {
  const KeySpec failure = KeySpec::object("failure", "Breakdowns", {
      KeySpec::number("life", "s", "Time to failure").also_called({"mtbf", "time_to_failure"}),
      KeySpec::number("time_to_repair", "s", "Repair").also_called({"mttr", "repair_time"}),
  });
  CHECK(twinlab::io::suggested_key("MTBF", failure) == "life");            // an alias, in any case
  CHECK(twinlab::io::suggested_key("repair_time", failure) == "time_to_repair");
  CHECK(twinlab::io::suggested_key("time_to_repiar", failure) == "time_to_repair");  // spelling
  CHECK(twinlab::io::suggested_key("colour", failure).empty());            // nothing plausible
  CHECK(twinlab::io::nearest_key("d", {"A", "B", "C", "D"}) == "D");       // case is not a difference
}

TEST_CASE("plain names: what a name may hold before it becomes a directory name") {
  using twinlab::io::is_plain_name;
  CHECK(is_plain_name("urban_plume"));
  CHECK(is_plain_name("run-2.b"));
  CHECK_FALSE(is_plain_name(""));
  CHECK_FALSE(is_plain_name("."));
  CHECK_FALSE(is_plain_name(".."));
  CHECK_FALSE(is_plain_name(".hidden"));
  CHECK_FALSE(is_plain_name("../x"));
  CHECK_FALSE(is_plain_name("/abs/dir"));
  CHECK_FALSE(is_plain_name("a b"));
  CHECK_FALSE(is_plain_name(std::string(65, 'a')));
  CHECK(is_plain_name(std::string(64, 'a')));
}
