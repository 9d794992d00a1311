#include <catch2/catch.hpp>

#include <cmath>

#include "scenarios/study/active_learning.hpp"

using twinlab::scenarios::penalty_length;
using twinlab::scenarios::select_batch;

TEST_CASE("the acquisition takes the pool point where the ensemble disagrees most") {
  // Pool on a line in 1-d; nothing taken yet, so no penalty: the largest score wins.
  const std::vector<double> pool{0.0, 0.25, 0.5, 0.75, 1.0};
  const std::vector<double> score{0.1, 0.3, 0.2, 0.9, 0.4};
  const auto chosen = select_batch(pool, 1, score, std::vector<bool>(5, true), {}, 1, 0.2);
  REQUIRE(chosen.size() == 1);
  CHECK(chosen[0] == 3);
}

TEST_CASE("the distance penalty spreads a batch out instead of crowding the most uncertain spot") {
  // Two neighbours (0.50, 0.52) share the largest score; a far point (0.95) has a slightly smaller one. Without
  // the penalty the batch of 2 would be {0.50, 0.52}; with it the second pick is the far point, because the
  // neighbour's factor 1 - exp(-(0.02/0.25)^2) = 0.0064 crushes its score.
  const std::vector<double> pool{0.0, 0.50, 0.52, 0.95};
  const std::vector<double> score{0.1, 1.0, 0.99, 0.8};
  const auto chosen = select_batch(pool, 1, score, std::vector<bool>(4, true), {}, 2, 0.25);
  REQUIRE(chosen.size() == 2);
  CHECK(chosen[0] == 1);
  CHECK(chosen[1] == 3);
  // A point next to one already run is penalised too: taken at 0.51, the far point comes first.
  const auto after = select_batch(pool, 1, score, std::vector<bool>(4, true), {0.51}, 1, 0.25);
  CHECK(after == std::vector<std::size_t>{3});
}

TEST_CASE("the acquisition never takes a point that is not available, and stops when none is left") {
  const std::vector<double> pool{0.0, 0.0, 1.0, 1.0};  // 2-d: (0, 0), (1, 1)
  const std::vector<double> score{5.0, 1.0};
  const auto chosen = select_batch(pool, 2, score, {false, true}, {}, 3, 0.5);
  CHECK(chosen == std::vector<std::size_t>{1});
}

TEST_CASE("the penalty length is the spacing of a regular grid of n points") {
  CHECK(penalty_length(100, 2) == Approx(0.1));
  CHECK(penalty_length(8, 3) == Approx(0.5));
  CHECK(penalty_length(0, 0) == Approx(1.0));  // degenerate inputs stay finite
}
