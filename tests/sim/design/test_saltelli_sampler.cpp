// Tests sim/design/saltelli_sampler.*: the documented row layout A, B, AB_1..AB_d of N rows each.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/design/saltelli_sampler.hpp"
#include "sim/design/sobol_sequence.hpp"

using twinlab::sim::design::SaltelliSampler;
using twinlab::sim::design::SobolSequence;

TEST_CASE("Saltelli rows are A then B then A with one column from B", "[saltelli]") {
  const std::size_t d = 3, N = 8;
  const bool scramble = GENERATE(true, false);
  const SaltelliSampler s(d, N, scramble, 5);
  const SobolSequence base(2 * d, scramble, 5);
  REQUIRE(s.count() == N * (d + 2));
  std::vector<double> ab(2 * d);
  for (std::size_t r = 0; r < N; ++r) {
    base.point(scramble ? r : r + 1, ab);  // plain points skip the origin
    const std::vector<double> A(ab.begin(), ab.begin() + d), B(ab.begin() + d, ab.end());
    CAPTURE(r);
    CHECK(s.point(r) == A);
    CHECK(s.point(N + r) == B);
    for (std::size_t i = 0; i < d; ++i) {
      std::vector<double> expected = A;
      expected[i] = B[i];
      CHECK(s.point((2 + i) * N + r) == expected);
    }
  }
}
