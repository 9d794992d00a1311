// base/number_text: the whole text is one finite decimal number, or it is refused.
#include <catch2/catch.hpp>

#include "base/number_text.hpp"

using twinlab::base::parse_finite_number;
using twinlab::base::parse_number_prefix;

TEST_CASE("parse_finite_number reads plain decimal numbers exactly", "[base][number_text]") {
  CHECK(parse_finite_number("3.5") == 3.5);
  CHECK(parse_finite_number("-0.25") == -0.25);
  CHECK(parse_finite_number("+12") == 12.0);
  CHECK(parse_finite_number("1e-3") == 1e-3);
  CHECK(parse_finite_number("2.5E+2") == 250.0);
  CHECK(parse_finite_number(".5") == 0.5);
}

TEST_CASE("parse_finite_number refuses what std::stod would read in part or leniently", "[base][number_text]") {
  for (const char* bad : {"", " 1", "1 ", "35,1", "4.2.1", "nan", "inf", "-inf", "0x10", "+-1", "1e999", "abc",
                          "1m", "+", "-", "e5"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_finite_number(bad).has_value());
  }
}

TEST_CASE("parse_number_prefix splits a number from the unit after it", "[base][number_text]") {
  const auto p = parse_number_prefix("10.5m");
  REQUIRE(p.has_value());
  CHECK(p->value == 10.5);
  CHECK(p->rest == "m");
  CHECK_FALSE(parse_number_prefix("m10").has_value());
}
