// Averaging periods (twins/dispersion/averaging): hand-computed series. Values are small integers (exact in
// binary), so sums and means are compared exactly unless a division by 3, 6 or 18 is involved (then to 1e-15
// relative: one rounding of a division).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "twins/dispersion/averaging.hpp"

using namespace twinlab::twins::dispersion;

namespace {

PeriodClock hourly_clock(std::size_t hours, std::vector<std::size_t> calm = {}, double day_origin_s = 0.0) {
  PeriodClock c;
  for (std::size_t h = 0; h < hours; ++h) {
    c.start_s.push_back(3600.0 * static_cast<double>(h));
    c.duration_s.push_back(3600.0);
    c.status.push_back(PeriodStatus::Valid);
  }
  for (std::size_t h : calm) c.status[h] = PeriodStatus::Calm;
  c.day_origin_s = day_origin_s;
  return c;
}

}  // namespace

TEST_CASE("Hourly periods map one to one onto clock hours, calms and missing hours are not valid",
          "[dispersion][averaging]") {
  PeriodClock clock = hourly_clock(4, {1});
  clock.status[3] = PeriodStatus::Missing;
  const HourMap map = hour_map(clock);
  CHECK(map.identity);
  REQUIRE(map.hours == 4);
  CHECK(map.valid == std::vector<unsigned char>{1, 0, 1, 0});
  const std::vector<double> v{5.0, 99.0, 7.0, 99.0};
  std::vector<double> hourly(4);
  hourly_values(map, v, hourly);
  CHECK(hourly == std::vector<double>{5.0, 0.0, 7.0, 0.0});  // a calm hour's concentration is never used
  CHECK(period_mean(hourly, map.valid) == 6.0);              // (5 + 7) / 2 valid hours, no 75 % floor
}

TEST_CASE("Sub-hourly and multi-hour periods are time-weighted into clock hours", "[dispersion][averaging]") {
  // 15 min, 45 min, then one 2 h period, then 30 min valid + 30 min missing.
  PeriodClock c;
  c.start_s = {0.0, 900.0, 3600.0, 10800.0, 12600.0};
  c.duration_s = {900.0, 2700.0, 7200.0, 1800.0, 1800.0};
  c.status = {PeriodStatus::Valid, PeriodStatus::Valid, PeriodStatus::Valid, PeriodStatus::Valid,
              PeriodStatus::Missing};
  const HourMap map = hour_map(c);
  CHECK_FALSE(map.identity);
  REQUIRE(map.hours == 4);
  const std::vector<double> v{4.0, 8.0, 3.0, 10.0, 50.0};
  std::vector<double> hourly(4);
  hourly_values(map, v, hourly);
  CHECK(hourly[0] == 7.0);  // (4 * 900 + 8 * 2700) / 3600
  CHECK(hourly[1] == 3.0);  // the 2 h period gives both hours its value
  CHECK(hourly[2] == 3.0);
  CHECK(map.valid[3] == 0);  // only 50 % of the last hour is valid (< 75 %)
  CHECK(hourly[3] == 0.0);
}

TEST_CASE("8 h rolling means divide by max(valid hours, 6) and end inside the run", "[dispersion][averaging]") {
  // 10 hours; hours 2 and 3 calm; value = hour index + 1.
  const PeriodClock clock = hourly_clock(10, {2, 3});
  const HourMap map = hour_map(clock);
  std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, hourly(10);
  hourly_values(map, v, hourly);
  const WindowMeans w = rolling_means(hourly, map.valid, 8, 0.0);
  REQUIRE(w.value.size() == 3);  // windows ending at hours 8, 9, 10
  // [0, 8): valid 1 2 5 6 7 8 = 29 over 6 valid hours (= the floor 6)
  CHECK(w.value[0] == Approx(29.0 / 6.0).epsilon(1e-15));
  CHECK(w.complete[0] == 1);
  // [1, 9): 2 5 6 7 8 9 = 37 / 6
  CHECK(w.value[1] == Approx(37.0 / 6.0).epsilon(1e-15));
  // [2, 10): 5..10 = 45 / 6
  CHECK(w.value[2] == Approx(45.0 / 6.0).epsilon(1e-15));

  // Three calm hours in one window: 5 valid hours, divided by 6 (not 5), and the window is not complete.
  const PeriodClock c3 = hourly_clock(8, {0, 1, 2});
  const HourMap m3 = hour_map(c3);
  std::vector<double> h3(8);
  hourly_values(m3, std::vector<double>{9, 9, 9, 6, 6, 6, 6, 6}, h3);
  const WindowMeans w3 = rolling_means(h3, m3.valid, 8, 0.0);
  REQUIRE(w3.value.size() == 1);
  CHECK(w3.value[0] == 5.0);  // 30 / max(5, 6)
  CHECK(w3.complete[0] == 0);
  CHECK(window_divisor(5, 24) == 18.0);
  CHECK(window_divisor(20, 24) == 20.0);
  CHECK(window_divisor(0, 3) == 3.0);  // ceil(2.25)
}

TEST_CASE("Calendar-day means follow the first midnight and the 18-hour floor", "[dispersion][averaging]") {
  // 48 hours of 2.0, 10 of the first day's hours missing; a second run starting at 18:00 (first midnight 6 h in).
  std::vector<std::size_t> missing{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  const PeriodClock clock = hourly_clock(48, missing);
  const HourMap map = hour_map(clock);
  std::vector<double> hourly(48);
  hourly_values(map, std::vector<double>(48, 2.0), hourly);
  const WindowMeans d = daily_means(hourly, map.valid, 0.0);
  REQUIRE(d.value.size() == 2);
  CHECK(d.value[0] == Approx(28.0 / 18.0).epsilon(1e-15));  // 14 valid hours x 2 / max(14, 18)
  CHECK(d.complete[0] == 0);
  CHECK(d.value[1] == 2.0);
  CHECK(d.complete[1] == 1);

  const PeriodClock shifted = hourly_clock(30, {}, 6 * 3600.0);
  const HourMap ms = hour_map(shifted);
  std::vector<double> hs(30);
  hourly_values(ms, std::vector<double>(30, 1.0), hs);
  const WindowMeans ds = daily_means(hs, ms.valid, shifted.day_origin_s);
  REQUIRE(ds.value.size() == 2);              // 6 h of a first day, then hours 6..29 = one full day
  CHECK(ds.value[0] == Approx(6.0 / 18.0).epsilon(1e-15));
  CHECK(ds.value[1] == 1.0);
  CHECK(day_of_hour(5, shifted.day_origin_s) == 0);
  CHECK(day_of_hour(6, shifted.day_origin_s) == 1);
  // An 8 h window belongs to the day its last hour is in: [0, 8) ends in hour 7 -> day 1.
  const WindowMeans w = rolling_means(hs, ms.valid, 8, shifted.day_origin_s);
  CHECK(w.day[0] == 1);
}

TEST_CASE("Ranks, percentiles of daily maxima and exceedance counts", "[dispersion][averaging]") {
  const std::vector<double> v{3, 9, 1, 9, 4, 7};
  CHECK(highest_values(v, 3) == std::vector<double>{9, 9, 7});
  CHECK(highest_values(v, 10) == std::vector<double>{9, 9, 7, 4, 3, 1});
  const std::vector<unsigned char> valid{1, 0, 1, 1, 1, 1};
  CHECK(highest_values(v, 2, valid) == std::vector<double>{9, 7});
  CHECK(count_above(v, 4.0) == 3);         // strictly above: 9, 9, 7
  CHECK(count_above(v, 4.0, valid) == 2);

  // 40 CFR 50 Appendix T: 365 days -> 4th highest; 100 -> 1st; 101 -> 2nd; 300 -> 3rd; 301 -> 4th.
  CHECK(percentile_rank(99.0, 365) == 4);
  CHECK(percentile_rank(99.0, 100) == 1);
  CHECK(percentile_rank(99.0, 101) == 2);
  CHECK(percentile_rank(99.0, 300) == 3);
  CHECK(percentile_rank(99.0, 301) == 4);
  CHECK(percentile_rank(98.0, 365) == 8);  // Appendix S (NO2): 351-366 days -> 8th
  std::vector<double> days(365);
  for (std::size_t d = 0; d < days.size(); ++d) days[d] = static_cast<double>(d);  // 0 .. 364
  CHECK(percentile_highest(days, 99.0) == 361.0);  // 364, 363, 362, 361

  // Daily maxima: values by day, the second day has no valid value and is left out.
  const std::vector<double> x{1, 5, 2, 8, 3, 4};
  const std::vector<std::size_t> day{0, 0, 1, 1, 2, 2};
  const std::vector<unsigned char> ok{1, 1, 0, 0, 1, 1};
  CHECK(daily_maxima(x, day, ok) == std::vector<double>{5, 4});
  CHECK(daily_maxima(x, day, {}) == std::vector<double>{5, 8, 4});
}
