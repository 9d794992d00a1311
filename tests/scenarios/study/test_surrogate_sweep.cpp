#include <catch2/catch.hpp>

#include "base/error.hpp"
#include "scenarios/study/surrogate_sweep.hpp"

using namespace twinlab::scenarios;
using twinlab::surrogates::ModelCard;
using twinlab::surrogates::Prediction;

namespace {
ModelCard two_outputs() {
  ModelCard card;
  card.outputs.resize(2);
  card.outputs[0].name = "throughput_per_s";
  card.outputs[1].name = "wip_mean";
  return card;
}
}  // namespace

TEST_CASE("the KPI of --best is a model output with an optional :min or :max") {
  const ModelCard card = two_outputs();
  CHECK(parse_best_kpi("", card).output == 0);
  CHECK(parse_best_kpi("", card).maximise);
  CHECK(parse_best_kpi("wip_mean:min", card).output == 1);
  CHECK_FALSE(parse_best_kpi("wip_mean:min", card).maximise);
  CHECK(parse_best_kpi("wip_mean:max", card).maximise);
  CHECK_THROWS_AS(parse_best_kpi("oee", card), twinlab::base::InputError);
  CHECK_THROWS_AS(parse_best_kpi("wip_mean:lowest", card), twinlab::base::InputError);
}

TEST_CASE("verification takes the best rows by the KPI, then the most uncertain, only inside the domain") {
  // 5 rows x 2 outputs (row-major). Row 4 lies outside the training domain (it has the largest output 0).
  Prediction p;
  p.rows = 5;
  p.outputs = 2;
  p.mean = {1, 10, /**/ 10, 5, /**/ 5, 8, /**/ 5, 2, /**/ 100, 10};
  p.std = {0.1, 1, /**/ 1, 0.5, /**/ 0.5, 16, /**/ 0.5, 0.2, /**/ 1, 10};
  // relative spread (largest over the outputs of std/|mean|): rows 0, 1, 3: 0.1; row 2: 16/8 = 2; row 4: 1.
  CHECK(relative_spread(p, 2) == Approx(2.0));
  CHECK(relative_spread(p, 0) == Approx(0.1));
  const std::vector<bool> inside{true, true, true, true, false};
  const auto picks = pick_verification_rows(p, inside, BestKpi{0, true}, 3);
  REQUIRE(picks.size() == 3);
  CHECK(picks[0].row == 1);  // ceil(3/2) = 2 best by output 0: row 1 (10), row 4 (100) is outside
  CHECK(picks[0].reason == "best");
  CHECK(picks[1].row == 2);  // rows 2 and 3 tie at 5: the first in design order
  CHECK(picks[1].reason == "best");
  CHECK(picks[2].row == 0);  // most uncertain: row 2 is taken, rows 0, 1, 3 tie at 0.1: row 0
  CHECK(picks[2].reason == "uncertain");
  // Output 1 minimised, K = 2: row 3 (2), then the most uncertain, row 2.
  const auto low = pick_verification_rows(p, inside, BestKpi{1, false}, 2);
  REQUIRE(low.size() == 2);
  CHECK(low[0].row == 3);
  CHECK(low[1].row == 2);
  // More asked than rows inside: every inside row once.
  CHECK(pick_verification_rows(p, inside, BestKpi{0, true}, 10).size() == 4);
}
