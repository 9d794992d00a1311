#pragma once
// Design values and exceedances of named limits at one receptor (or grid node), from its concentration per
// meteorology period. Averaging rules: averaging.hpp. Limit rules:
//  * exceedance: a value of the limit's averaging period strictly above the limit value (EU 2008/50/EC uses
//    "exceeded"; 40 CFR 50 compares the rounded design value with "less than or equal to");
//  * NthHighest: design value = the (allowed_exceedances + 1)-th highest value of the averaging period
//    (all 1 h values of valid hours, every 8 h window, every day); 0 when there are fewer values. The receptor
//    complies when design value <= limit, which is the same as exceedances <= allowed_exceedances (EU
//    2008/50/EC Annex XI: "not to be exceeded more than N times a calendar year"). For the period average the
//    design value is the period mean and exceedances is 1 when it is above the limit;
//  * PercentileOfDailyMaxima: design value = the percentile p of the daily maxima of the averaging period's
//    values (averaging.hpp; e.g. the 99th percentile of daily maximum 1 h values of the US SO2 standard, 40
//    CFR 50 Appendix T); exceedances counts the days whose maximum is above the limit; complies when design
//    value <= limit. Not defined for the period average (the scenario reader refuses it).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "twins/dispersion/averaging.hpp"
#include "twins/dispersion/config.hpp"

namespace twinlab::twins::dispersion {

struct LimitResult {
  std::size_t exceedances = 0;
  double design_value_kg_m3 = 0.0;
  bool pass = true;
};

struct ReceptorDesignValues {
  std::vector<double> ranked;          // [averaging period (config order: 1h, 8h, 24h, period)][rank], kg/m^3,
                                       // highest first; NaN where fewer values; period: rank 1 = the mean
  std::vector<LimitResult> limits;     // one per limit, in the order given
  std::size_t valid_hours = 0;
  std::size_t complete_windows_8h = 0;  // 8 h windows with >= 6 valid hours
  std::size_t complete_days = 0;        // days with >= 18 valid hours
  double max_period_value_kg_m3 = 0.0;  // the highest value of any valid meteorology period
  std::int64_t max_period = -1;         // the first valid period with it (-1: no valid period)
};

// Ranks kept per averaging period: at least `ranks`, and enough for every NthHighest limit.
std::size_t ranks_needed(const std::vector<Limit>& limits, std::size_t ranks);

// Built once per clock and limit set; analyze() reuses scratch buffers, so use one analyzer per thread.
class DesignValueAnalyzer {
 public:
  DesignValueAnalyzer(const PeriodClock& clock, std::vector<Limit> limits, std::size_t ranks);
  std::size_t ranks() const { return ranks_; }
  std::size_t hours() const { return map_.hours; }
  const std::vector<Limit>& limits() const { return limits_; }
  // period_values[t * stride] is the concentration of period t (kg/m^3).
  void analyze(const double* period_values, std::size_t stride, ReceptorDesignValues& out);

 private:
  PeriodClock clock_;
  HourMap map_;
  std::vector<Limit> limits_;
  std::size_t ranks_ = 0;
  // What depends on the clock only (the same for every receptor), computed once.
  std::vector<std::size_t> hour_day_, window_day_;   // calendar day of each hour / 8 h window
  std::vector<double> window_divisor_, day_divisor_;  // max(N_valid, ceil(0.75 N)) per 8 h window / day
  std::vector<unsigned char> day_has_value_;          // a day with at least one valid hour
  std::vector<unsigned char> period_valid_;           // status == Valid per meteorology period
  std::vector<std::size_t> day_first_hour_;           // [days + 1]: hours of day d are [first[d], first[d + 1])
  std::size_t days_ = 0, valid_hours_ = 0, complete_windows_ = 0, complete_days_ = 0;
  // Scratch, reused by every call.
  std::vector<double> periods_, hourly_, eight_, daily_, maxima_, day_max_, top_;
  std::vector<unsigned char> seen_;
};

}  // namespace twinlab::twins::dispersion
