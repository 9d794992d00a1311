// Tests twins/production_line/graph.*: successors, predecessors, topological order, and how structural
// errors are reported (the cycle as a path of names, under a custom key prefix).
#include <catch2/catch.hpp>

#include <string>

#include "line_test_support.hpp"
#include "base/error.hpp"
#include "twins/production_line/graph.hpp"

namespace pl = twinlab::twins::production_line;
using pl::DistributionSpec;

namespace {
pl::LineConfig diamond() {
  auto a = line_test::station("Saw", DistributionSpec::exponential(30.0), {"Drill"});
  auto b = line_test::station("Drill", DistributionSpec::exponential(25.0), {"Paint", "Pack"});
  b.next[0].probability = 0.25;
  b.next[1].probability = 0.75;
  auto c = line_test::station("Paint", DistributionSpec::exponential(10.0), {"Pack"});
  auto d = line_test::station("Pack", DistributionSpec::exponential(12.0));
  return line_test::line({d, c, b, a}, {"Saw"}, 0.0, 1000.0, 1);  // listed out of flow order on purpose
}
}  // namespace

TEST_CASE("The graph of a diamond-shaped line", "[production_line][graph]") {
  const auto config = diamond();
  const auto g = pl::build_line_graph(config);
  CHECK(pl::find_station(config, "Drill") == 2);
  CHECK(pl::find_station(config, "Lathe") == -1);
  CHECK(g.successors[2] == std::vector<int>{1, 0});
  CHECK(g.probabilities[2] == std::vector<double>{0.25, 0.75});
  CHECK(g.predecessors[0] == std::vector<int>{1, 2});
  CHECK(g.fed == std::vector<int>{3});
  CHECK(g.fed_by_source == std::vector<bool>{false, false, false, true});
  CHECK(g.topological_order == std::vector<int>{3, 2, 1, 0});
}

TEST_CASE("A cycle is reported as a path of station names", "[production_line][graph]") {
  auto config = diamond();
  config.stations[0].next = {{"Drill", 1.0}};  // Pack -> Drill closes a loop
  try {
    pl::build_line_graph(config, "plant.line");
    FAIL("no exception");
  } catch (const twinlab::base::InputError& e) {
    const std::string message = e.message();
    CAPTURE(e.where().key, message);
    CHECK(e.where().key.rfind("plant.line.stations[", 0) == 0);
    CHECK(e.where().key.find("].next") != std::string::npos);
    CHECK(message.find("cycle") != std::string::npos);
    CHECK(message.find("Drill -> ") != std::string::npos);
    CHECK(message.find("Pack") != std::string::npos);
  }
}
