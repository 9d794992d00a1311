#include "twins/dispersion/averaging.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include "twins/dispersion/plume_model.hpp"

namespace twinlab::twins::dispersion {

namespace {

constexpr double kHour_s = 3600.0;
constexpr double kDay_s = 86400.0;
// Times within a microsecond of an hour boundary are on it (period starts are sums of decimal seconds).
constexpr double kTimeTolerance_s = 1e-6;

bool is_valid(std::span<const unsigned char> valid, std::size_t i) { return valid.empty() || valid[i] != 0; }

}  // namespace

const char* averaging_period_name(AveragingPeriod period) {
  switch (period) {
    case AveragingPeriod::OneHour: return "1h";
    case AveragingPeriod::EightHour: return "8h";
    case AveragingPeriod::Day: return "24h";
    case AveragingPeriod::Period: return "period";
  }
  return "?";
}

double averaging_period_hours(AveragingPeriod period) {
  switch (period) {
    case AveragingPeriod::OneHour: return 1.0;
    case AveragingPeriod::EightHour: return 8.0;
    case AveragingPeriod::Day: return 24.0;
    case AveragingPeriod::Period: return 0.0;
  }
  return 0.0;
}

PeriodClock period_clock(const Config& config) {
  PeriodClock clock;
  const auto& periods = config.meteorology.periods;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    clock.start_s.push_back(periods[i].start_s);
    clock.duration_s.push_back(period_duration_s(config, i));
    clock.status.push_back(periods[i].status);
  }
  return clock;
}

HourMap hour_map(const PeriodClock& clock) {
  HourMap map;
  map.day_origin_s = clock.day_origin_s;
  const std::size_t n = clock.start_s.size();
  if (n == 0) {
    map.first.assign(1, 0);
    return map;
  }
  const double end_s = clock.start_s.back() + clock.duration_s.back();
  map.hours = static_cast<std::size_t>(std::ceil(end_s / kHour_s - kTimeTolerance_s / kHour_s));
  map.identity = map.hours == n;
  for (std::size_t p = 0; p < n && map.identity; ++p)
    map.identity = std::abs(clock.start_s[p] - kHour_s * static_cast<double>(p)) < kTimeTolerance_s &&
                   std::abs(clock.duration_s[p] - kHour_s) < kTimeTolerance_s;

  std::vector<std::vector<HourMap::Piece>> per_hour(map.hours);
  std::vector<double> covered_s(map.hours, 0.0);
  for (std::size_t p = 0; p < n; ++p) {
    if (clock.status[p] != PeriodStatus::Valid) continue;
    const double a = clock.start_s[p], b = a + clock.duration_s[p];
    const auto h0 = static_cast<std::size_t>(std::floor(a / kHour_s + kTimeTolerance_s / kHour_s));
    for (std::size_t h = h0; h < map.hours && kHour_s * static_cast<double>(h) < b - kTimeTolerance_s; ++h) {
      const double overlap = std::min(b, kHour_s * static_cast<double>(h + 1)) -
                             std::max(a, kHour_s * static_cast<double>(h));
      if (overlap <= kTimeTolerance_s) continue;
      per_hour[h].push_back({p, overlap});
      covered_s[h] += overlap;
    }
  }
  map.first.assign(map.hours + 1, 0);
  map.valid.assign(map.hours, 0);
  for (std::size_t h = 0; h < map.hours; ++h) {
    map.valid[h] = covered_s[h] >= kValidFraction * kHour_s - kTimeTolerance_s ? 1 : 0;
    map.first[h + 1] = map.first[h] + per_hour[h].size();
    map.pieces.insert(map.pieces.end(), per_hour[h].begin(), per_hour[h].end());
  }
  return map;
}

void hourly_values(const HourMap& map, std::span<const double> period_values, std::span<double> hourly) {
  if (hourly.size() != map.hours) throw std::invalid_argument("hourly_values: output size differs from the hours");
  if (map.identity) {
    for (std::size_t h = 0; h < map.hours; ++h) hourly[h] = map.valid[h] ? period_values[h] : 0.0;
    return;
  }
  for (std::size_t h = 0; h < map.hours; ++h) {
    double sum = 0.0, weight = 0.0;
    for (std::size_t k = map.first[h]; k < map.first[h + 1]; ++k) {
      sum += map.pieces[k].weight * period_values[map.pieces[k].period];
      weight += map.pieces[k].weight;
    }
    hourly[h] = map.valid[h] && weight > 0.0 ? sum / weight : 0.0;
  }
}

double window_divisor(std::size_t n_valid, std::size_t window_hours) {
  const double floor_hours = std::ceil(kValidFraction * static_cast<double>(window_hours) - 1e-12);
  return std::max(static_cast<double>(n_valid), floor_hours);
}

std::size_t day_of_hour(std::size_t hour, double day_origin_s) {
  const double t = kHour_s * static_cast<double>(hour);
  if (day_origin_s <= 0.0) return static_cast<std::size_t>(std::floor(t / kDay_s + 1e-12));
  const double d = std::floor((t - day_origin_s) / kDay_s + 1e-12) + 1.0;
  return d < 0.0 ? 0 : static_cast<std::size_t>(d);
}

WindowMeans rolling_means(std::span<const double> hourly, std::span<const unsigned char> hour_valid,
                          std::size_t window_hours, double day_origin_s) {
  WindowMeans out;
  const std::size_t n = hourly.size();
  if (window_hours == 0 || n < window_hours) return out;
  const std::size_t windows = n - window_hours + 1;
  out.value.resize(windows);
  out.complete.resize(windows);
  out.day.resize(windows);
  const double needed = window_divisor(0, window_hours);
  for (std::size_t w = 0; w < windows; ++w) {
    double sum = 0.0;
    std::size_t valid = 0;
    for (std::size_t h = w; h < w + window_hours; ++h) {
      if (!is_valid(hour_valid, h)) continue;
      sum += hourly[h];
      ++valid;
    }
    out.value[w] = sum / window_divisor(valid, window_hours);
    out.complete[w] = static_cast<double>(valid) >= needed ? 1 : 0;
    out.day[w] = day_of_hour(w + window_hours - 1, day_origin_s);  // the day its last hour lies in
  }
  return out;
}

WindowMeans daily_means(std::span<const double> hourly, std::span<const unsigned char> hour_valid,
                        double day_origin_s) {
  WindowMeans out;
  const std::size_t n = hourly.size();
  if (n == 0) return out;
  const std::size_t days = day_of_hour(n - 1, day_origin_s) + 1;
  std::vector<double> sum(days, 0.0);
  std::vector<std::size_t> valid(days, 0);
  for (std::size_t h = 0; h < n; ++h) {
    if (!is_valid(hour_valid, h)) continue;
    const std::size_t d = day_of_hour(h, day_origin_s);
    sum[d] += hourly[h];
    ++valid[d];
  }
  out.value.resize(days);
  out.complete.resize(days);
  out.day.resize(days);
  const double needed = window_divisor(0, 24);
  for (std::size_t d = 0; d < days; ++d) {
    out.value[d] = sum[d] / window_divisor(valid[d], 24);
    out.complete[d] = static_cast<double>(valid[d]) >= needed ? 1 : 0;
    out.day[d] = d;
  }
  return out;
}

double period_mean(std::span<const double> hourly, std::span<const unsigned char> hour_valid) {
  double sum = 0.0;
  std::size_t valid = 0;
  for (std::size_t h = 0; h < hourly.size(); ++h) {
    if (!is_valid(hour_valid, h)) continue;
    sum += hourly[h];
    ++valid;
  }
  return valid > 0 ? sum / static_cast<double>(valid) : 0.0;
}

std::vector<double> daily_maxima(std::span<const double> values, std::span<const std::size_t> day,
                                 std::span<const unsigned char> valid) {
  std::vector<double> maxima;
  std::vector<unsigned char> seen;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!is_valid(valid, i)) continue;
    const std::size_t d = day[i];
    if (d >= maxima.size()) {
      maxima.resize(d + 1, 0.0);
      seen.resize(d + 1, 0);
    }
    maxima[d] = seen[d] ? std::max(maxima[d], values[i]) : values[i];
    seen[d] = 1;
  }
  std::vector<double> out;
  out.reserve(maxima.size());
  for (std::size_t d = 0; d < maxima.size(); ++d)
    if (seen[d]) out.push_back(maxima[d]);
  return out;
}

void highest_values(std::span<const double> values, std::size_t count, std::span<const unsigned char> valid,
                    std::vector<double>& top) {
  // A sorted buffer of the best `count` so far (descending): most values fail the first comparison. Once the
  // buffer is full, a chunk whose largest valid value does not beat the last kept one is skipped whole: the
  // kept threshold only rises, so each of its values would have been refused one by one (same result, the
  // chunk maximum is a branch-free loop that vectorises).
  constexpr std::size_t kChunk = 32;
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  top.clear();
  top.reserve(count + 1);
  if (count == 0) return;
  const std::size_t n = values.size();
  for (std::size_t begin = 0; begin < n; begin += kChunk) {
    const std::size_t end = std::min(n, begin + kChunk);
    if (top.size() == count) {
      double m = kNone;
      if (valid.empty()) {
#pragma omp simd reduction(max : m)
        for (std::size_t i = begin; i < end; ++i) m = values[i] > m ? values[i] : m;
      } else {
#pragma omp simd reduction(max : m)
        for (std::size_t i = begin; i < end; ++i) m = valid[i] != 0 && values[i] > m ? values[i] : m;
      }
      if (!(m > top.back())) continue;
    }
    for (std::size_t i = begin; i < end; ++i) {
      if (!is_valid(valid, i)) continue;
      const double v = values[i];
      if (top.size() == count && !(v > top.back())) continue;
      top.insert(std::upper_bound(top.begin(), top.end(), v, std::greater<>()), v);
      if (top.size() > count) top.pop_back();
    }
  }
}

std::vector<double> highest_values(std::span<const double> values, std::size_t count,
                                   std::span<const unsigned char> valid) {
  std::vector<double> top;
  highest_values(values, count, valid, top);
  return top;
}

std::size_t percentile_rank(double percentile, std::size_t n) {
  if (n == 0) return 0;
  const double k = std::ceil((1.0 - percentile / 100.0) * static_cast<double>(n) - 1e-9);
  return std::clamp<std::size_t>(static_cast<std::size_t>(std::max(k, 1.0)), 1, n);
}

double percentile_highest(std::span<const double> values, double percentile) {
  if (values.empty()) return 0.0;
  std::vector<double> v(values.begin(), values.end());
  const std::size_t k = percentile_rank(percentile, v.size());
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k - 1), v.end(), std::greater<>());
  return v[k - 1];
}

std::size_t count_above(std::span<const double> values, double limit, std::span<const unsigned char> valid) {
  std::size_t n = 0;  // branch-free: the loops vectorise
  if (valid.empty()) {
    for (std::size_t i = 0; i < values.size(); ++i) n += values[i] > limit ? 1 : 0;
  } else {
    for (std::size_t i = 0; i < values.size(); ++i) n += (valid[i] != 0) & (values[i] > limit) ? 1 : 0;
  }
  return n;
}

}  // namespace twinlab::twins::dispersion
