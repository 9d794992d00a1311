#include "sim/confidence_interval.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace twinlab::sim {

double Estimate::standard_error() const {
  return n > 0 ? std_dev / std::sqrt(static_cast<double>(n)) : std::numeric_limits<double>::quiet_NaN();
}

double student_t_quantile(double p, double dof) {
  if (!(p > 0.0 && p < 1.0) || !(dof > 0.0)) throw std::invalid_argument("student_t_quantile: need 0 < p < 1 and dof > 0");
  return boost::math::quantile(boost::math::students_t_distribution<double>(dof), p);
}

Estimate mean_confidence_interval(std::span<const double> samples, double level) {
  if (samples.empty()) throw std::invalid_argument("mean_confidence_interval: no samples");
  if (!(level > 0.0 && level < 1.0)) throw std::invalid_argument("mean_confidence_interval: level must be in (0, 1)");
  Estimate e;
  e.n = static_cast<int>(samples.size());
  double sum = 0.0;
  for (const double x : samples) sum += x;
  e.mean = sum / e.n;
  if (e.n < 2) {
    e.half_width = e.std_dev = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  double ss = 0.0;
  for (const double x : samples) ss += (x - e.mean) * (x - e.mean);
  e.std_dev = std::sqrt(ss / (e.n - 1));
  e.half_width = student_t_quantile(0.5 * (1.0 + level), e.n - 1) * e.std_dev / std::sqrt(static_cast<double>(e.n));
  return e;
}

}  // namespace twinlab::sim
