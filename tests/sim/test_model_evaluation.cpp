// sim/model_evaluation: the five statistics on pairs whose values follow from the definitions by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/model_evaluation.hpp"

using twinlab::sim::evaluate_predictions;

TEST_CASE("a model that predicts twice every observation", "[model_evaluation]") {
  const std::vector<double> observed{1.0, 2.0, 4.0};
  const std::vector<double> predicted{2.0, 4.0, 8.0};
  const auto s = evaluate_predictions(observed, predicted);
  // mean Co = 7/3, mean Cp = 14/3: FB = (7/3 - 14/3) / (0.5 * 21/3) = -2/3.
  CHECK(s.fractional_bias == Approx(-2.0 / 3.0).epsilon(1e-12));
  // NMSE = mean (Co - Cp)^2 / (mean Co mean Cp) = (1 + 4 + 16)/3 / (98/9) = 63/98.
  CHECK(s.normalized_mse == Approx(63.0 / 98.0).epsilon(1e-12));
  // ln Co - ln Cp = -ln 2 for every pair: MG = 1/2, VG = exp(ln^2 2).
  CHECK(s.geometric_mean_bias == Approx(0.5).epsilon(1e-12));
  CHECK(s.geometric_variance == Approx(std::exp(std::log(2.0) * std::log(2.0))).epsilon(1e-12));
  CHECK(s.fac2 == 1.0);  // a ratio of exactly 2 counts as within a factor of 2
  CHECK(s.n == 3);
}

TEST_CASE("a perfect model and one pair outside a factor of 2", "[model_evaluation]") {
  const std::vector<double> observed{1.0, 1.0, 1.0, 1.0};
  const auto perfect = evaluate_predictions(observed, observed);
  CHECK(perfect.fractional_bias == 0.0);
  CHECK(perfect.normalized_mse == 0.0);
  CHECK(perfect.geometric_mean_bias == 1.0);
  CHECK(perfect.geometric_variance == 1.0);
  CHECK(perfect.fac2 == 1.0);
  const std::vector<double> one_off{1.0, 1.0, 1.0, 2.5};
  CHECK(evaluate_predictions(observed, one_off).fac2 == 0.75);
}

TEST_CASE("pairs the statistics are not defined for are refused", "[model_evaluation]") {
  const std::vector<double> one{1.0};
  const std::vector<double> zero{0.0};
  const std::vector<double> two{1.0, 2.0};
  const std::vector<double> none;
  CHECK_THROWS_AS(evaluate_predictions(one, zero), std::invalid_argument);   // ln 0
  CHECK_THROWS_AS(evaluate_predictions(one, two), std::invalid_argument);    // lengths differ
  CHECK_THROWS_AS(evaluate_predictions(none, none), std::invalid_argument);  // no pairs
  CHECK_THROWS_AS(evaluate_predictions(one, std::vector<double>{std::nan("")}), std::invalid_argument);
}
