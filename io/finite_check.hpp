#pragma once
// Results are numbers: a twin whose state became infinite or not-a-number (an overflow, a division by zero,
// a numerical blow-up) must not have that written as its result. The rule, free of any twin:
// - +Inf / -Inf never appear in a float64 variable of a results file;
// - NaN never appears in a variable over `time` (a value over time is the model's state at that time); in
//   other variables (statistics such as means and confidence half-widths) NaN marks a statistic that is not
//   defined (no part finished, a single replication) and is allowed; so it is in a variable that declares a CF
//   `_FillValue` (NaN marks a value that does not exist, e.g. the plume height of a calm hour).
// io::write_hdf5 applies it to every results file (root attribute filetype "twinlab-results").
#include <string>

#include "io/dataset.hpp"

namespace twinlab::io {

// "" when `dataset` keeps the rule, else where and when it breaks it first (the earliest time where a
// variable over time breaks it), by coordinates:
// "series/power = +Inf at time = 21600 s (station = mill); 114 such values in 3 variables".
std::string non_finite_result(const Dataset& dataset);

// The message of a refused write, for `where` from non_finite_result: "the results hold values that are not
// finite numbers (...), so none were written: WHERE". io::write_hdf5 and io::Hdf5RecordVariable say it alike.
std::string non_finite_refusal(const std::string& where);

}  // namespace twinlab::io
