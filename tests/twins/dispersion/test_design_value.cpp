// Design values and exceedances of named limits (twins/dispersion/design_value): hand-computed series.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "twins/dispersion/design_value.hpp"

using namespace twinlab::twins::dispersion;

namespace {

PeriodClock hourly_clock(std::size_t hours) {
  PeriodClock c;
  for (std::size_t h = 0; h < hours; ++h) {
    c.start_s.push_back(3600.0 * static_cast<double>(h));
    c.duration_s.push_back(3600.0);
    c.status.push_back(PeriodStatus::Valid);
  }
  return c;
}

Limit limit(const char* name, double value, AveragingPeriod averaging, int allowed,
            LimitStatistic statistic = LimitStatistic::NthHighest, double percentile = 99.0) {
  return {name, value, averaging, allowed, statistic, percentile, "test"};
}

}  // namespace

TEST_CASE("EU-style limits: the (allowed + 1)-th highest value decides, exceedances counted strictly above",
          "[dispersion][design_value]") {
  // Three days of hourly values: 1 everywhere, except six hours of 10 on day 0 and hours of 20 and 30 on day 2;
  // hour 30 (day 1) is calm with a large value that must not count.
  PeriodClock clock = hourly_clock(72);
  clock.status[30] = PeriodStatus::Calm;
  std::vector<double> v(72, 1.0);
  for (std::size_t h = 2; h < 8; ++h) v[h] = 10.0;
  v[30] = 1000.0;
  v[50] = 20.0;
  v[60] = 30.0;
  const std::vector<Limit> limits{
      limit("hourly", 9.0, AveragingPeriod::OneHour, 6),        // 8 values above 9: 7th highest = 10 > 9: fail
      limit("hourly_loose", 9.0, AveragingPeriod::OneHour, 8),  // 9th highest = 1: pass
      limit("daily", 3.0, AveragingPeriod::Day, 0),
      limit("eight", 7.0, AveragingPeriod::EightHour, 0),
      limit("annual", 2.0, AveragingPeriod::Period, 0),
  };
  DesignValueAnalyzer analyzer(clock, limits, 3);
  CHECK(analyzer.ranks() == 9);  // enough for the 9th highest
  ReceptorDesignValues out;
  analyzer.analyze(v.data(), 1, out);
  REQUIRE(out.limits.size() == 5);
  CHECK(out.valid_hours == 71);
  CHECK(out.max_period_value_kg_m3 == 30.0);

  CHECK(out.limits[0].exceedances == 8);
  CHECK(out.limits[0].design_value_kg_m3 == 10.0);
  CHECK_FALSE(out.limits[0].pass);
  CHECK(out.limits[1].design_value_kg_m3 == 1.0);
  CHECK(out.limits[1].pass);

  // Day 0: 18 x 1 + 6 x 10 = 78 / 24 = 3.25; day 1: 23 valid hours of 1 -> 23/23 = 1; day 2: 22 + 50 = 72/24 = 3.
  const double* day_ranks = out.ranked.data() + 2 * analyzer.ranks();
  CHECK(day_ranks[0] == 3.25);
  CHECK(day_ranks[1] == 3.0);
  CHECK(day_ranks[2] == 1.0);
  CHECK(out.limits[2].exceedances == 1);  // only day 0 is strictly above 3
  CHECK(out.limits[2].design_value_kg_m3 == 3.25);
  CHECK_FALSE(out.limits[2].pass);
  CHECK(out.complete_days == 3);

  // Highest 8 h mean: hours 0..7 hold 1 1 10 10 10 10 10 10 = 62 / 8 = 7.75.
  CHECK(out.ranked[analyzer.ranks()] == 7.75);
  CHECK(out.limits[3].exceedances == 3);  // [0,8), [1,9) and [2,10) all hold six 10s and two 1s: 7.75
  CHECK(out.limits[3].design_value_kg_m3 == 7.75);

  // Period mean over the 71 valid hours: (71 + 6*9 + 19 + 29) / 71.
  const double mean = (71.0 + 54.0 + 19.0 + 29.0) / 71.0;
  CHECK(out.ranked[3 * analyzer.ranks()] == Approx(mean).epsilon(1e-15));
  CHECK(std::isnan(out.ranked[3 * analyzer.ranks() + 1]));
  CHECK(out.limits[4].design_value_kg_m3 == Approx(mean).epsilon(1e-15));
  CHECK(out.limits[4].exceedances == 1);  // 2.44 > 2
}

TEST_CASE("US-style limit: a percentile of daily maximum 1 h values", "[dispersion][design_value]") {
  // 365 days; day d has its maximum hourly value d at hour 12, 0 elsewhere. 99th percentile = 4th highest
  // daily maximum = 361.
  const std::size_t days = 365;
  PeriodClock clock = hourly_clock(24 * days);
  std::vector<double> v(24 * days, 0.0);
  for (std::size_t d = 0; d < days; ++d) v[24 * d + 12] = static_cast<double>(d);
  const std::vector<Limit> limits{limit("p99", 361.5, AveragingPeriod::OneHour, 0,
                                        LimitStatistic::PercentileOfDailyMaxima, 99.0)};
  DesignValueAnalyzer analyzer(clock, limits, 1);
  ReceptorDesignValues out;
  analyzer.analyze(v.data(), 1, out);
  CHECK(out.limits[0].design_value_kg_m3 == 361.0);
  CHECK(out.limits[0].exceedances == 3);  // days with maxima 362, 363, 364
  CHECK(out.limits[0].pass);
  // The same series read with a stride (a [time][receptor] array of 2 receptors) gives the same answer.
  std::vector<double> two(2 * v.size(), -1.0);
  for (std::size_t t = 0; t < v.size(); ++t) two[2 * t + 1] = v[t];
  analyzer.analyze(two.data() + 1, 2, out);
  CHECK(out.limits[0].design_value_kg_m3 == 361.0);
}
