#include "io/iso_time.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace twinlab::io {

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Reads exactly n digits at text[pos]; advances pos.
std::optional<int> digits(const std::string& text, std::size_t& pos, int n) {
  if (pos + static_cast<std::size_t>(n) > text.size()) return std::nullopt;
  int value = 0;
  for (int i = 0; i < n; ++i) {
    const char c = text[pos + static_cast<std::size_t>(i)];
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(n);
  return value;
}

bool expect(const std::string& text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

long long days_from_civil(int year, int month, int day) {
  const long long y = year - (month <= 2 ? 1 : 0);
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<IsoTime> parse_iso_time(const std::string& text) {
  std::size_t pos = 0;
  const auto year = digits(text, pos, 4);
  if (!year || !expect(text, pos, '-')) return std::nullopt;
  const auto month = digits(text, pos, 2);
  if (!month || !expect(text, pos, '-')) return std::nullopt;
  const auto day = digits(text, pos, 2);
  if (!day || pos >= text.size() || (text[pos] != 'T' && text[pos] != ' ')) return std::nullopt;
  ++pos;
  const auto hour = digits(text, pos, 2);
  if (!hour || !expect(text, pos, ':')) return std::nullopt;
  const auto minute = digits(text, pos, 2);
  if (!minute) return std::nullopt;
  double second = 0.0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    const auto whole = digits(text, pos, 2);
    if (!whole) return std::nullopt;
    second = *whole;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      double scale = 0.1;
      const std::size_t start = pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        second += scale * (text[pos] - '0');
        scale /= 10.0;
        ++pos;
      }
      if (pos == start) return std::nullopt;
    }
  }
  int offset_s = 0;
  if (pos >= text.size()) return std::nullopt;  // no offset: ambiguous
  if (text[pos] == 'Z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    const auto oh = digits(text, pos, 2);
    if (!oh) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') ++pos;
    const auto om = digits(text, pos, 2);
    if (!om || *oh > 18 || *om > 59) return std::nullopt;
    offset_s = sign * (*oh * 3600 + *om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month)) return std::nullopt;
  if (*hour > 24 || *minute > 59 || second >= 61.0) return std::nullopt;
  if (*hour == 24 && (*minute != 0 || second != 0.0)) return std::nullopt;  // 24:00 = end of the day only
  const double local_s = static_cast<double>(days_from_civil(*year, *month, *day)) * 86400.0 + *hour * 3600.0 +
                         *minute * 60.0 + second;
  return IsoTime{local_s - offset_s, offset_s};
}

}  // namespace twinlab::io
