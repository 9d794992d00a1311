#pragma once
// Per-column scaling of a surrogate's inputs and outputs, kept inside the saved model so that a caller always
// speaks raw units: t = (g(v) - shift) / scale with g = log10 for a column that spans decades, else identity.
// Fitted on the training split only.
#include <span>
#include <string>

namespace twinlab::surrogates {

enum class LogChoice { Auto, Always, Never };

struct ColumnScaling {
  bool log10 = false;  // g = log10 (every value must then be > 0)
  double shift = 0.0;  // mean of g(v) over the training rows
  double scale = 1.0;  // standard deviation of g(v) (1 when the column is constant in g)

  double forward(double value) const;   // raw -> normalised
  double backward(double t) const;      // normalised -> raw
};

// Auto takes log10 when every value is > 0 and max/min >= 100 (two decades or more): a quantity spread over
// decades is then learnt on a uniform footing. Throws base::InputError (key = column name) when Always is asked
// for a column with values <= 0.
bool wants_log10(std::span<const double> values, LogChoice choice, const std::string& column);

// Fits shift and scale of g(values). A constant column keeps scale 1.
ColumnScaling fit_column_scaling(std::span<const double> values, bool log10);

}  // namespace twinlab::surrogates
