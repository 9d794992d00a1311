#pragma once
// Averaging periods of a receptor's concentration series: pure functions on one receptor's values per
// meteorology period (any fixed or varying step), with the period durations and statuses.
//
// Rule (U.S. EPA calms policy, as applied by ISC3 and AERMOD: ISC3 User's Guide Vol. II, EPA-454/B-95-003b,
// section 1.5.7 "Treatment of calms"; AERMOD User's Guide, EPA-454/B-03-001, "calms processing"):
//  * calm and missing periods (MeteorologyPeriod::status) contribute no concentration and are never
//    interpolated; they are excluded from the number of valid hours;
//  * 1 h values: the clock hours [3600 k, 3600 (k + 1)) from t = 0. An hour's value is the time-weighted mean
//    of the valid periods overlapping it; the hour is valid when valid periods cover >= 75 % of it (with
//    hourly periods: when its period is valid). A period longer than an hour gives every hour it covers its
//    value;
//  * 8 h rolling and 24 h (calendar-day) means: sum of the valid hourly values / max(N_valid, ceil(0.75 N)),
//    N = 8 or 24, i.e. a divisor of at least 6 or 18. Every window is computed and ranked (a window with few
//    valid hours is diluted, as AERMOD does); a window is "complete" when N_valid >= ceil(0.75 N);
//    8 h windows lie wholly inside the run (the first ends at hour 8) and belong to the day they end in;
//    days are [86400 d, 86400 (d + 1)) from t = 0 shifted by day_origin_s (the first midnight; 0 when the
//    run starts at midnight); a partial first or last day counts its missing hours as not valid;
//  * period (annual) mean: sum of valid hourly values / number of valid hours (no 75 % floor, as AERMOD's
//    PERIOD/ANNUAL average); 0 valid hours give 0.
//  * Percentile p of daily maxima (e.g. the 99th percentile of daily maximum 1 h values, 40 CFR 50
//    Appendix T section 5): the k-th highest daily maximum with k = max(1, ceil((1 - p/100) n)), n = days with
//    at least one valid value; for p = 99 and 365 days the 4th highest.
#include <cstddef>
#include <span>
#include <vector>

#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

// AveragingPeriod (config.hpp): OneHour, EightHour, Day, Period.
inline constexpr std::size_t kAveragingPeriodCount = 4;
const char* averaging_period_name(AveragingPeriod period);  // "1h", "8h", "24h", "period"
double averaging_period_hours(AveragingPeriod period);       // 1, 8, 24; 0 for the period mean

inline constexpr double kValidFraction = 0.75;  // EPA and EU data-capture rule for an average

// The time axis every receptor shares: one entry per meteorology period.
struct PeriodClock {
  std::vector<double> start_s;
  std::vector<double> duration_s;
  std::vector<PeriodStatus> status;
  double day_origin_s = 0.0;  // time of the first midnight after (or at) t = 0, in [0, 86400)
};

// The clock of a configuration (period_duration_s of plume_model.hpp for the durations).
PeriodClock period_clock(const Config& config);

// How values of the period series map onto clock hours: built once per clock, used for every receptor.
struct HourMap {
  struct Piece {
    std::size_t period = 0;
    double weight = 0.0;  // overlap of the period with the hour, s (valid periods only)
  };
  std::size_t hours = 0;
  std::vector<std::size_t> first;   // [hours + 1] offsets into pieces
  std::vector<Piece> pieces;
  std::vector<unsigned char> valid;  // [hours] 1 when valid periods cover >= 75 % of the hour
  bool identity = false;             // hourly periods starting on the hour: hour k = period k
  double day_origin_s = 0.0;
};
HourMap hour_map(const PeriodClock& clock);

// 1 h values of one receptor (values: one per period, kg/m^3): [hours], 0 where the hour is not valid.
void hourly_values(const HourMap& map, std::span<const double> period_values, std::span<double> hourly);

struct WindowMeans {
  std::vector<double> value;         // kg/m^3 by the divisor rule above
  std::vector<unsigned char> complete;  // N_valid >= ceil(0.75 N)
  std::vector<std::size_t> day;      // calendar day (index from the first, partial, day) each window belongs to
};

// 8 h rolling means, one per window ending at hour h = 8 .. hours (window [h - 8, h)).
WindowMeans rolling_means(std::span<const double> hourly, std::span<const unsigned char> hour_valid,
                          std::size_t window_hours, double day_origin_s);
// Calendar-day means, one per (possibly partial) day the run touches.
WindowMeans daily_means(std::span<const double> hourly, std::span<const unsigned char> hour_valid,
                        double day_origin_s);
// The divisor of an N-hour average with n_valid valid hours: max(n_valid, ceil(0.75 N)).
double window_divisor(std::size_t n_valid, std::size_t window_hours);

// Period mean over the valid hours (0 when none).
double period_mean(std::span<const double> hourly, std::span<const unsigned char> hour_valid);

// Calendar day of each hour (index from the first, possibly partial, day).
std::size_t day_of_hour(std::size_t hour, double day_origin_s);

// Daily maxima of values that each belong to a day; days with no valid value are left out. Values with
// valid[i] == 0 are ignored (pass an empty span for "all valid").
std::vector<double> daily_maxima(std::span<const double> values, std::span<const std::size_t> day,
                                 std::span<const unsigned char> valid);

// The `count` highest values, highest first (fewer when there are fewer values). Ignores values with
// valid[i] == 0 (empty span: all).
std::vector<double> highest_values(std::span<const double> values, std::size_t count,
                                   std::span<const unsigned char> valid = {});
// The same into top (cleared first; its storage is reused across calls).
void highest_values(std::span<const double> values, std::size_t count, std::span<const unsigned char> valid,
                    std::vector<double>& top);

// The rank k = max(1, ceil((1 - p/100) n)) of percentile p among n values, counted from the highest.
std::size_t percentile_rank(double percentile, std::size_t n);
// The percentile p of the values (k-th highest, k = percentile_rank); 0 for no values.
double percentile_highest(std::span<const double> values, double percentile);

// Number of values strictly above the limit (valid ones only; empty span: all).
std::size_t count_above(std::span<const double> values, double limit, std::span<const unsigned char> valid = {});

}  // namespace twinlab::twins::dispersion
