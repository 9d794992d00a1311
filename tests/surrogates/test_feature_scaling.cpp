// surrogates/feature_scaling: the log10 choice and exact inverse of the scaling kept in model.json.
#include <catch2/catch.hpp>

#include <vector>

#include "base/error.hpp"
#include "surrogates/feature_scaling.hpp"

using namespace twinlab::surrogates;

TEST_CASE("a column spanning two decades or more is learnt in log10", "[surrogates][scaling]") {
  const std::vector<double> decades{1e-3, 2e-2, 0.5, 0.9};   // max/min = 900
  const std::vector<double> narrow{10.0, 20.0, 300.0};       // max/min = 30
  const std::vector<double> signed_values{-1.0, 1.0, 1000.0};
  REQUIRE(wants_log10(decades, LogChoice::Auto, "a"));
  REQUIRE_FALSE(wants_log10(narrow, LogChoice::Auto, "b"));
  REQUIRE_FALSE(wants_log10(signed_values, LogChoice::Auto, "c"));
  REQUIRE(wants_log10(narrow, LogChoice::Always, "b"));
  REQUIRE_FALSE(wants_log10(decades, LogChoice::Never, "a"));
  REQUIRE_THROWS_AS(wants_log10(signed_values, LogChoice::Always, "c"), twinlab::base::InputError);
}

TEST_CASE("scaling has mean 0 and standard deviation 1 on its data, and inverts exactly", "[surrogates][scaling]") {
  const std::vector<double> values{2.0, 4.0, 6.0, 8.0};
  const ColumnScaling s = fit_column_scaling(values, false);
  REQUIRE(s.shift == 5.0);
  REQUIRE(s.scale == Approx(2.581988897471611).epsilon(1e-15));  // sample sd of 2,4,6,8 = sqrt(20/3)
  double sum = 0.0;
  for (double v : values) sum += s.forward(v);
  REQUIRE(sum == Approx(0.0).margin(1e-15));
  const ColumnScaling l = fit_column_scaling(std::vector<double>{1.0, 100.0}, true);
  REQUIRE(l.shift == 1.0);  // mean of log10 = (0 + 2) / 2
  REQUIRE(l.backward(l.forward(37.5)) == Approx(37.5).epsilon(1e-14));
  const ColumnScaling constant = fit_column_scaling(std::vector<double>{3.0, 3.0}, false);
  REQUIRE(constant.scale == 1.0);  // a constant input keeps a finite scaling
}
