// ISO 8601 times with a UTC offset (io/iso_time).
#include <catch2/catch.hpp>

#include "io/iso_time.hpp"

using namespace twinlab::io;

TEST_CASE("an offset shifts the UTC instant, Z and +00:00 agree") {
  const auto z = parse_iso_time("2025-01-01T00:00Z");
  REQUIRE(z);
  CHECK(z->utc_s == 1735689600.0);  // date -u -d 2025-01-01 +%s
  const auto plus_one = parse_iso_time("2025-01-01T00:00+01:00");
  REQUIRE(plus_one);
  CHECK(plus_one->utc_s == 1735689600.0 - 3600.0);
  CHECK(plus_one->offset_s == 3600);
  CHECK(parse_iso_time("2024-12-31T18:30:00-05:30")->utc_s == 1735689600.0);
  CHECK(parse_iso_time("2025-01-01 00:00:00+0000")->utc_s == 1735689600.0);
  CHECK(parse_iso_time("2025-01-01T00:00:30.5Z")->utc_s == 1735689630.5);
  CHECK(parse_iso_time("2024-12-31T24:00Z")->utc_s == 1735689600.0);
}

TEST_CASE("times without an offset or with impossible fields are refused") {
  CHECK_FALSE(parse_iso_time("2025-01-01T00:00"));
  CHECK_FALSE(parse_iso_time("2025-02-29T00:00Z"));  // 2025 is not a leap year
  CHECK(parse_iso_time("2024-02-29T00:00Z"));
  CHECK_FALSE(parse_iso_time("2025-13-01T00:00Z"));
  CHECK_FALSE(parse_iso_time("2025-04-31T00:00Z"));
  CHECK_FALSE(parse_iso_time("2025-01-01T24:30Z"));
  CHECK_FALSE(parse_iso_time("2025-01-01T00:00+01:00 "));
  CHECK_FALSE(parse_iso_time("01/01/2025 00:00"));
  CHECK_FALSE(parse_iso_time(""));
}
