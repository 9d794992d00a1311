#pragma once
// ISO 8601 date-times with a UTC offset, as measured records carry them: "2025-01-01T00:00+01:00",
// "2025-07-01T13:30:00Z", "2025-07-01 13:30-05:00". Domain-free: seconds since 1970-01-01T00:00Z, no leap
// seconds (as POSIX time).
#include <optional>
#include <string>

namespace twinlab::io {

struct IsoTime {
  double utc_s = 0.0;         // seconds since 1970-01-01T00:00:00Z
  int offset_s = 0;           // the written UTC offset (local = UTC + offset)
};

// std::nullopt when the text is not YYYY-MM-DD(T| )hh:mm[:ss[.fff]](Z|+hh:mm|-hh:mm|+hhmm|-hhmm), or a field is out
// of range (month 13, 31 April, hour 25). A time without an offset is refused: it is ambiguous.
std::optional<IsoTime> parse_iso_time(const std::string& text);

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil algorithm).
long long days_from_civil(int year, int month, int day);

}  // namespace twinlab::io
