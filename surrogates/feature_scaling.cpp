#include "surrogates/feature_scaling.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/error.hpp"

namespace twinlab::surrogates {

double ColumnScaling::forward(double value) const {
  return ((log10 ? std::log10(value) : value) - shift) / scale;
}

double ColumnScaling::backward(double t) const {
  const double g = t * scale + shift;
  return log10 ? std::pow(10.0, g) : g;
}

bool wants_log10(std::span<const double> values, LogChoice choice, const std::string& column) {
  if (choice == LogChoice::Never || values.empty()) return false;
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  const bool positive = *lo > 0.0;
  if (choice == LogChoice::Always) {
    if (!positive) {
      throw base::InputError({"", 0, 0, column},
                             fmt::format("a log transform needs values > 0 (smallest {:g}); leave it out", *lo));
    }
    return true;
  }
  return positive && *hi / *lo >= 100.0;
}

ColumnScaling fit_column_scaling(std::span<const double> values, bool log10) {
  ColumnScaling s;
  s.log10 = log10;
  if (values.empty()) return s;
  double sum = 0.0;
  for (double v : values) sum += log10 ? std::log10(v) : v;
  s.shift = sum / static_cast<double>(values.size());
  double sq = 0.0;
  for (double v : values) {
    const double d = (log10 ? std::log10(v) : v) - s.shift;
    sq += d * d;
  }
  const double sd = values.size() > 1 ? std::sqrt(sq / static_cast<double>(values.size() - 1)) : 0.0;
  s.scale = sd > 0.0 && std::isfinite(sd) ? sd : 1.0;
  return s;
}

}  // namespace twinlab::surrogates
