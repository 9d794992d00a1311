#include "twins/dispersion/design_value.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace twinlab::twins::dispersion {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Values of one averaging period with their validity (empty = all valid) and the day each belongs to.
struct Series {
  std::span<const double> values;
  std::span<const unsigned char> valid;
  std::span<const std::size_t> day;
};

LimitResult evaluate(const Limit& limit, const Series& s, double period_mean_kg_m3) {
  LimitResult r;
  if (limit.averaging == AveragingPeriod::Period) {
    r.design_value_kg_m3 = period_mean_kg_m3;
    r.exceedances = period_mean_kg_m3 > limit.value_kg_m3 ? 1 : 0;
  } else if (limit.statistic == LimitStatistic::NthHighest) {
    const auto n = static_cast<std::size_t>(limit.allowed_exceedances) + 1;
    const std::vector<double> top = highest_values(s.values, n, s.valid);
    r.design_value_kg_m3 = top.size() == n ? top.back() : 0.0;
    r.exceedances = count_above(s.values, limit.value_kg_m3, s.valid);
  } else {
    const std::vector<double> maxima = daily_maxima(s.values, s.day, s.valid);
    r.design_value_kg_m3 = percentile_highest(maxima, limit.percentile);
    r.exceedances = count_above(maxima, limit.value_kg_m3);
  }
  r.pass = r.design_value_kg_m3 <= limit.value_kg_m3;
  return r;
}

}  // namespace

std::size_t ranks_needed(const std::vector<Limit>& limits, std::size_t ranks) {
  for (const Limit& l : limits)
    if (l.statistic == LimitStatistic::NthHighest && l.averaging != AveragingPeriod::Period)
      ranks = std::max(ranks, static_cast<std::size_t>(l.allowed_exceedances) + 1);
  return std::max<std::size_t>(ranks, 1);
}

DesignValueAnalyzer::DesignValueAnalyzer(const PeriodClock& clock, std::vector<Limit> limits, std::size_t ranks)
    : clock_(clock), map_(hour_map(clock)), limits_(std::move(limits)), ranks_(ranks_needed(limits_, ranks)) {
  periods_.resize(clock_.start_s.size());
  hourly_.resize(map_.hours);
  hour_day_.resize(map_.hours);
  for (std::size_t h = 0; h < map_.hours; ++h) hour_day_[h] = day_of_hour(h, clock_.day_origin_s);
}

void DesignValueAnalyzer::analyze(const double* period_values, std::size_t stride, ReceptorDesignValues& out) {
  const std::size_t np = periods_.size();
  out.max_period_value_kg_m3 = 0.0;
  for (std::size_t t = 0; t < np; ++t) {
    periods_[t] = period_values[t * stride];
    if (clock_.status[t] == PeriodStatus::Valid) out.max_period_value_kg_m3 = std::max(out.max_period_value_kg_m3, periods_[t]);
  }
  hourly_values(map_, periods_, hourly_);
  const std::span<const unsigned char> hour_valid(map_.valid);
  const WindowMeans eight = rolling_means(hourly_, hour_valid, 8, clock_.day_origin_s);
  const WindowMeans days = daily_means(hourly_, hour_valid, clock_.day_origin_s);
  const double mean = period_mean(hourly_, hour_valid);

  const Series series[3] = {
      {hourly_, hour_valid, hour_day_},
      {eight.value, {}, eight.day},
      {days.value, {}, days.day},
  };
  // Days without a valid hour have no daily value (their mean would be a diluted 0): leave them out of
  // the daily ranks and maxima by marking them not valid.
  std::vector<unsigned char> day_has_value(days.value.size(), 0);
  for (std::size_t h = 0; h < map_.hours; ++h)
    if (map_.valid[h]) day_has_value[hour_day_[h]] = 1;
  Series day_series = series[2];
  day_series.valid = day_has_value;

  out.ranked.assign(kAveragingPeriodCount * ranks_, kNaN);
  for (std::size_t a = 0; a < 3; ++a) {
    const Series& s = a == 2 ? day_series : series[a];
    const std::vector<double> top = highest_values(s.values, ranks_, s.valid);
    std::copy(top.begin(), top.end(), out.ranked.begin() + static_cast<std::ptrdiff_t>(a * ranks_));
  }
  out.ranked[3 * ranks_] = mean;

  out.limits.resize(limits_.size());
  for (std::size_t l = 0; l < limits_.size(); ++l) {
    const auto a = static_cast<std::size_t>(limits_[l].averaging);
    out.limits[l] = evaluate(limits_[l], a == 2 ? day_series : series[std::min<std::size_t>(a, 2)], mean);
  }
  out.valid_hours = static_cast<std::size_t>(std::count(map_.valid.begin(), map_.valid.end(), 1));
  out.complete_windows_8h = static_cast<std::size_t>(std::count(eight.complete.begin(), eight.complete.end(), 1));
  out.complete_days = static_cast<std::size_t>(std::count(days.complete.begin(), days.complete.end(), 1));
}

}  // namespace twinlab::twins::dispersion
