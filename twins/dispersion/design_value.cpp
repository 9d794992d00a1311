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

}  // namespace

std::size_t ranks_needed(const std::vector<Limit>& limits, std::size_t ranks) {
  for (const Limit& l : limits)
    if (l.statistic == LimitStatistic::NthHighest && l.averaging != AveragingPeriod::Period)
      ranks = std::max(ranks, static_cast<std::size_t>(l.allowed_exceedances) + 1);
  return std::max<std::size_t>(ranks, 1);
}

DesignValueAnalyzer::DesignValueAnalyzer(const PeriodClock& clock, std::vector<Limit> limits, std::size_t ranks)
    : clock_(clock), map_(hour_map(clock)), limits_(std::move(limits)), ranks_(ranks_needed(limits_, ranks)) {
  const std::size_t hours = map_.hours;
  periods_.resize(clock_.start_s.size());
  hourly_.resize(hours);
  hour_day_.resize(hours);
  for (std::size_t h = 0; h < hours; ++h) hour_day_[h] = day_of_hour(h, clock_.day_origin_s);
  days_ = hours > 0 ? hour_day_.back() + 1 : 0;
  // 8 h windows [w, w + 8) wholly inside the run, and calendar days: divisors and days, by the rule of
  // averaging.hpp (the same as rolling_means and daily_means compute per call).
  std::vector<std::size_t> valid_before(hours + 1, 0), day_valid(days_, 0);
  for (std::size_t h = 0; h < hours; ++h) {
    valid_before[h + 1] = valid_before[h] + map_.valid[h];
    if (map_.valid[h]) ++day_valid[hour_day_[h]];
  }
  valid_hours_ = valid_before[hours];
  const std::size_t windows = hours >= 8 ? hours - 7 : 0;
  window_day_.resize(windows);
  window_divisor_.resize(windows);
  complete_windows_ = 0;
  for (std::size_t w = 0; w < windows; ++w) {
    const std::size_t n = valid_before[w + 8] - valid_before[w];
    window_divisor_[w] = window_divisor(n, 8);
    window_day_[w] = hour_day_[w + 7];
    complete_windows_ += static_cast<double>(n) >= window_divisor(0, 8);
  }
  day_divisor_.resize(days_);
  day_has_value_.resize(days_);
  complete_days_ = 0;
  for (std::size_t d = 0; d < days_; ++d) {
    day_divisor_[d] = window_divisor(day_valid[d], 24);
    day_has_value_[d] = day_valid[d] > 0 ? 1 : 0;
    complete_days_ += static_cast<double>(day_valid[d]) >= window_divisor(0, 24);
  }
  // Days are consecutive runs of hours (day_of_hour does not decrease with the hour).
  day_first_hour_.assign(days_ + 1, hours);
  for (std::size_t h = hours; h-- > 0;) day_first_hour_[hour_day_[h]] = h;
  for (std::size_t d = days_; d-- > 0;) day_first_hour_[d] = std::min(day_first_hour_[d], day_first_hour_[d + 1]);
  period_valid_.resize(clock_.status.size());
  for (std::size_t t = 0; t < clock_.status.size(); ++t) period_valid_[t] = clock_.status[t] == PeriodStatus::Valid;
  eight_.resize(windows);
  daily_.resize(days_);
  maxima_.reserve(days_);
  day_max_.resize(days_);
  seen_.resize(days_);
}

void DesignValueAnalyzer::analyze(const double* period_values, std::size_t stride, ReceptorDesignValues& out) {
  const std::size_t np = periods_.size(), hours = map_.hours;
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  // The first valid period with the highest value: the maximum by a branch-free (vectorised) loop, then the
  // first valid period holding it. With hourly periods on the hour the 1 h values are the period values.
  double top = kNone;
  if (stride == 1) {
    std::copy(period_values, period_values + np, periods_.begin());
  } else {
    for (std::size_t t = 0; t < np; ++t) periods_[t] = period_values[t * stride];
  }
  const double* pv = periods_.data();
  const unsigned char* ok = period_valid_.data();
#pragma omp simd reduction(max : top)
  for (std::size_t t = 0; t < np; ++t) top = ok[t] != 0 && pv[t] > top ? pv[t] : top;
  if (map_.identity) {
    const unsigned char* hv = map_.valid.data();
    double* hr = hourly_.data();
#pragma omp simd
    for (std::size_t t = 0; t < np; ++t) hr[t] = hv[t] != 0 ? pv[t] : 0.0;
  } else {
    hourly_values(map_, periods_, hourly_);  // 0 where the hour is not valid
  }
  double best = 0.0;
  std::int64_t when = -1;
  for (std::size_t t = 0; t < np && top != kNone; ++t)
    if (period_valid_[t] != 0 && periods_[t] == top) {
      best = top;
      when = static_cast<std::int64_t>(t);
      break;
    }
  out.max_period_value_kg_m3 = best;
  out.max_period = when;
  double total = 0.0;
  for (std::size_t h = 0; h < hours; ++h) total += hourly_[h];
  const double mean = valid_hours_ > 0 ? total / static_cast<double>(valid_hours_) : 0.0;
  for (std::size_t w = 0; w < eight_.size(); ++w) {
    const double* x = hourly_.data() + w;
    eight_[w] = (((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]))) / window_divisor_[w];
  }
  for (std::size_t d = 0; d < days_; ++d) {  // summed in hour order, as hour by hour into daily_[day]
    double sum = 0.0;
    for (std::size_t h = day_first_hour_[d]; h < day_first_hour_[d + 1]; ++h) sum += hourly_[h];
    daily_[d] = sum / day_divisor_[d];
  }

  // Values of each averaging period, their validity (empty = all) and the day each belongs to. Days without a
  // valid hour have no daily value (their diluted 0 is left out of ranks and maxima).
  const Series series[3] = {
      {hourly_, map_.valid, hour_day_},
      {eight_, {}, window_day_},
      {daily_, day_has_value_, {}},
  };
  out.ranked.assign(kAveragingPeriodCount * ranks_, kNaN);
  for (std::size_t a = 0; a < 3; ++a) {
    highest_values(series[a].values, ranks_, series[a].valid, top_);
    std::copy(top_.begin(), top_.end(), out.ranked.begin() + static_cast<std::ptrdiff_t>(a * ranks_));
  }
  out.ranked[3 * ranks_] = mean;

  out.limits.resize(limits_.size());
  for (std::size_t l = 0; l < limits_.size(); ++l) {
    const Limit& limit = limits_[l];
    LimitResult& r = out.limits[l];
    const auto a = static_cast<std::size_t>(limit.averaging);
    if (limit.averaging == AveragingPeriod::Period) {
      r.design_value_kg_m3 = mean;
      r.exceedances = mean > limit.value_kg_m3 ? 1 : 0;
    } else if (limit.statistic == LimitStatistic::NthHighest) {
      // ranks_ >= allowed + 1 (ranks_needed): the design value is already ranked; NaN = fewer values.
      const double v = out.ranked[a * ranks_ + static_cast<std::size_t>(limit.allowed_exceedances)];
      r.design_value_kg_m3 = std::isnan(v) ? 0.0 : v;
      r.exceedances = count_above(series[a].values, limit.value_kg_m3, series[a].valid);
    } else {
      const Series& s = series[a];
      if (a == 2) {
        maxima_.clear();
        for (std::size_t d = 0; d < days_; ++d)
          if (day_has_value_[d]) maxima_.push_back(daily_[d]);
      } else if (a == 0) {  // 1 h values: each day a run of hours, branch-free maximum over its valid ones
        maxima_.clear();
        for (std::size_t d = 0; d < days_; ++d) {
          if (!day_has_value_[d]) continue;  // no valid hour
          double m = kNone;
          const unsigned char* hv = map_.valid.data();
          const double* hr = hourly_.data();
#pragma omp simd reduction(max : m)
          for (std::size_t h = day_first_hour_[d]; h < day_first_hour_[d + 1]; ++h)
            m = hv[h] != 0 && hr[h] > m ? hr[h] : m;
          maxima_.push_back(m);
        }
      } else {
        std::fill(seen_.begin(), seen_.end(), 0);
        for (std::size_t i = 0; i < s.values.size(); ++i) {
          if (!s.valid.empty() && !s.valid[i]) continue;
          const std::size_t d = s.day[i];
          day_max_[d] = seen_[d] ? std::max(day_max_[d], s.values[i]) : s.values[i];
          seen_[d] = 1;
        }
        maxima_.clear();
        for (std::size_t d = 0; d < days_; ++d)
          if (seen_[d]) maxima_.push_back(day_max_[d]);
      }
      r.exceedances = count_above(maxima_, limit.value_kg_m3);
      r.design_value_kg_m3 = percentile_highest(maxima_, limit.percentile);
    }
    r.pass = r.design_value_kg_m3 <= limit.value_kg_m3;
  }
  out.valid_hours = valid_hours_;
  out.complete_windows_8h = complete_windows_;
  out.complete_days = complete_days_;
}

}  // namespace twinlab::twins::dispersion
