#pragma once
// A long plume run on many receptors in bounded memory: the receptors are taken in blocks, each block's
// whole concentration series is evaluated (time inner: every period's prepared sources applied to the block),
// reduced to statistics at once, and dropped. Memory: periods x block x 8 B of series (the block is chosen
// so that this stays near kSeriesBudgetBytes) plus the statistics, whatever the number of periods.
//
// The kernel skips (source, tile) pairs beyond kNegligibleSectorSigmas (gaussian_plume.hpp): every value
// differs from a full evaluation by less than 1e-30 of the contributing sources' axis values.
//
// Statistics per receptor (over the valid periods, averaging.hpp for the rules): the highest period value and
// the period it occurred in, the period mean over valid hours, optionally the ranked values per averaging
// period, and per limit the design value and exceedances (design_value.hpp).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "twins/dispersion/averaging.hpp"
#include "twins/dispersion/design_value.hpp"
#include "twins/dispersion/gaussian_plume.hpp"
#include "twins/dispersion/results.hpp"

namespace twinlab::twins::dispersion {

inline constexpr std::size_t kSeriesBudgetBytes = std::size_t{64} << 20;  // 64 MiB of series per thread

struct SeriesRequest {
  std::size_t ranks = 0;   // ranked values to keep per averaging period (0 = none; limits may need more)
  int threads = 1;         // OpenMP threads over receptor blocks (0 = the OpenMP default)
  double* full_series = nullptr;  // optional [period][receptor] output of every value (periods x receptors)
};

// sources[t]: the prepared sources of period t (skipped, i.e. 0, when clock.status[t] is not Valid).
SeriesStatistics plume_series_statistics(const std::vector<std::vector<PreparedPlumeSource>>& sources,
                                         const ReceptorSpan& receptors, const PeriodClock& clock,
                                         const std::vector<Limit>& limits, const SeriesRequest& request);

// The same statistics from series already computed: values[t * receptors + r].
SeriesStatistics series_statistics(const double* values, std::size_t receptors, const PeriodClock& clock,
                                   const std::vector<Limit>& limits, std::size_t ranks);

}  // namespace twinlab::twins::dispersion
