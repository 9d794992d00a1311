// surrogates/data_split: a seeded partition of the runs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "base/error.hpp"
#include "surrogates/data_split.hpp"

using namespace twinlab::surrogates;

TEST_CASE("the split is a partition of the rows, repeatable by seed", "[surrogates][split]") {
  const DataSplit a = split_rows(100, 0.15, 0.15, 42);
  REQUIRE(a.validation.size() == 15);
  REQUIRE(a.test.size() == 15);
  REQUIRE(a.train.size() == 70);
  std::set<std::size_t> all(a.train.begin(), a.train.end());
  all.insert(a.validation.begin(), a.validation.end());
  all.insert(a.test.begin(), a.test.end());
  REQUIRE(all.size() == 100);
  REQUIRE(*all.rbegin() == 99);
  const DataSplit again = split_rows(100, 0.15, 0.15, 42);
  REQUIRE(again.test == a.test);
  REQUIRE(split_rows(100, 0.15, 0.15, 43).test != a.test);
}

TEST_CASE("too few runs to split are refused", "[surrogates][split]") {
  REQUIRE_THROWS_AS(split_rows(11, 0.15, 0.15, 1), twinlab::base::InputError);
  REQUIRE_NOTHROW(split_rows(12, 0.15, 0.15, 1));
}
