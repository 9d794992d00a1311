// io/dataset: the plain results model and its validation.
#include "io/dataset.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <stdexcept>
#include <string>

namespace io = twinlab::io;

namespace {

// A small valid dataset: a 2x3 field on (y, x), a station table with string names, a dim without coordinate.
io::Dataset valid_dataset() {
  io::Dataset ds;
  ds.attributes.set("filetype", "twinlab-results");
  io::Group& g = ds.add_group("field");
  g.add_coordinate("y", std::vector<double>{0.0, 10.0}, "m", "northing");
  g.add_coordinate("x", std::vector<double>{0.0, 5.0, 10.0}, "m", "easting");
  g.add_variable("c", {"y", "x"}, {2, 3}, std::vector<double>{1, 2, 3, 4, 5, 6}, "kg m-3", "concentration");
  g.add_variable("bounds", {"x", "nv"}, {3, 2}, std::vector<double>{0, 1, 2, 3, 4, 5}, "m", "cell bounds");
  io::Group& s = ds.add_group("line/stations");
  s.add_coordinate("station", std::vector<std::string>{"press", "oven"}, "", "station name");
  s.add_variable("count", {"station"}, {2}, std::vector<std::int64_t>{3, 4}, "1", "parts made");
  return ds;
}

}  // namespace

TEST_CASE("dataset: a consistent dataset validates and lists its dimensions", "[io][dataset]") {
  const io::Dataset ds = valid_dataset();
  REQUIRE_NOTHROW(io::validate(ds));

  const auto dims = io::group_dimensions(*ds.find_group("field"));
  REQUIRE(dims.size() == 3);
  CHECK(dims[0].name == "y");
  CHECK(dims[0].size == 2);
  CHECK(dims[0].has_coordinate);
  CHECK(dims[1].name == "x");
  CHECK(dims[2].name == "nv");  // used by a variable only: a dimension without coordinate values
  CHECK(dims[2].size == 2);
  CHECK_FALSE(dims[2].has_coordinate);

  CHECK(io::element_type(ds.find_group("line/stations")->find("station")->data) == io::ElementType::string);
  CHECK(io::element_type_name(io::ElementType::int64) == "int64");
  CHECK(ds.find_group("nowhere") == nullptr);
}

TEST_CASE("dataset: attributes keep insertion order, replace in place and pick the literal's type", "[io][dataset]") {
  io::Attributes a;
  a.set("b", "text");
  a.set("a", 7);
  a.set("c", 2.5);
  a.set("b", std::string("replaced"));
  REQUIRE(a.size() == 3);
  auto it = a.begin();
  CHECK(it->first == "b");
  CHECK(std::get<std::string>(it->second) == "replaced");
  ++it;
  CHECK(std::get<std::int64_t>(it->second) == 7);  // an int literal is stored as int64, not double
  CHECK(std::holds_alternative<double>(a.find("c") != nullptr ? *a.find("c") : io::AttributeValue{}));
  CHECK_FALSE(a.contains("d"));

  // Plain numbers keep their kind and full width (no silent narrowing through an int overload).
  a.set("big", std::int64_t{1} << 40);
  a.set("count", std::size_t{3});
  a.set("ratio", 0.5f);
  a.set("speed", 6.5);
  CHECK(std::get<std::int64_t>(*a.find("big")) == (std::int64_t{1} << 40));
  CHECK(std::get<std::int64_t>(*a.find("count")) == 3);
  CHECK(std::get<double>(*a.find("ratio")) == 0.5);
  CHECK(std::get<double>(*a.find("speed")) == 6.5);
  CHECK_THROWS_AS(a.set("huge", ~std::uint64_t{0}), std::invalid_argument);
}

TEST_CASE("dataset: inconsistent datasets are rejected with a message naming the problem", "[io][dataset]") {
  struct Case {
    const char* what;
    std::function<void(io::Dataset&)> spoil;
    const char* message;  // a fragment the error must contain
  };
  const auto c = GENERATE(
      Case{"shape vs coordinate",
           [](io::Dataset& d) {
             d.groups[0].variables[0].shape = {2, 2};
             d.groups[0].variables[0].data = std::vector<double>(4);
           },
           "dimension 'x' has size 2 here but 3 in coordinate 'x'"},
      Case{"data size", [](io::Dataset& d) { d.groups[0].variables[0].data = std::vector<double>(5); },
           "holds 5 values but its shape needs 6"},
      Case{"rank", [](io::Dataset& d) { d.groups[0].variables[0].dims = {"y"}; },
           "1 dimension names but a shape of rank 2"},
      Case{"coordinate not 1-D", [](io::Dataset& d) { d.groups[0].coordinates[0].dims = {"x"}; },
           "must be 1-D with its own name"},
      Case{"duplicate name",
           [](io::Dataset& d) { d.groups[0].add_variable("x", {"x"}, {3}, std::vector<double>(3), "m", ""); },
           "'x' is used twice"},
      Case{"variable named like a dimension",
           [](io::Dataset& d) { d.groups[0].add_variable("nv", {"y"}, {2}, std::vector<double>(2), "", ""); },
           "must not have the name of a dimension"},
      Case{"reserved attribute", [](io::Dataset& d) { d.groups[0].variables[0].attributes.set("DIMENSION_LIST", 1); },
           "reserved"},
      Case{"units as extra attribute", [](io::Dataset& d) { d.groups[0].variables[0].attributes.set("units", "m"); },
           "own field"},
      Case{"invalid UTF-8",
           [](io::Dataset& d) {
             d.groups[1].coordinates[0].data = std::vector<std::string>{"ok", "\xC3("};
           },
           "value [1] is not valid UTF-8"},
      Case{"NUL in text", [](io::Dataset& d) { d.attributes.set("note", std::string("a\0b", 3)); }, "NUL"},
      Case{"empty group path", [](io::Dataset& d) { d.add_group(""); }, "path is empty"},
      Case{"slash in group path", [](io::Dataset& d) { d.add_group("a//b"); }, "group path component name is empty"},
      Case{"duplicate group", [](io::Dataset& d) { d.add_group("field"); }, "appears twice"},
      Case{"group clashes with variable", [](io::Dataset& d) { d.add_group("field/c"); }, "clashes with"},
      Case{"slash in variable name",
           [](io::Dataset& d) { d.groups[0].add_variable("a/b", {}, {}, std::vector<double>{1}, "", ""); },
           "must not contain '/'"});
  CAPTURE(c.what);
  io::Dataset ds = valid_dataset();
  c.spoil(ds);
  REQUIRE_THROWS_AS(io::validate(ds), std::invalid_argument);
  REQUIRE_THROWS_WITH(io::validate(ds), Catch::Contains(c.message));
}

TEST_CASE("dataset: scalars, empty dimensions and valid multi-byte UTF-8 are accepted", "[io][dataset]") {
  io::Dataset ds;
  io::Group& g = ds.add_group("g");
  g.add_variable("total", {}, {}, std::vector<double>{3.5}, "kg", "a scalar");
  g.add_coordinate("receptor", std::vector<std::string>{}, "", "no receptors in this run");
  g.add_variable("peak", {"receptor"}, {0}, std::vector<double>{}, "kg m-3", "");
  g.add_coordinate("site", std::vector<std::string>{"école", "北门", "😀"}, "", "");
  REQUIRE_NOTHROW(io::validate(ds));
}
