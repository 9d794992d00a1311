#pragma once
// Student-t confidence intervals of a mean over independent replications.
#include <span>

namespace twinlab::sim {

struct Estimate {
  double mean = 0.0;
  double half_width = 0.0;  // of the two-sided interval at the requested level; NaN when n < 2
  double std_dev = 0.0;     // sample standard deviation (n - 1 in the denominator); NaN when n < 2
  int n = 0;                // number of replications

  double standard_error() const;  // std_dev / sqrt(n)
  double lower() const { return mean - half_width; }
  double upper() const { return mean + half_width; }
};

// Quantile t_{p, dof} of Student's t distribution (p in (0, 1), dof > 0).
double student_t_quantile(double p, double dof);

// Mean of the samples with the half-width t_{(1+level)/2, n-1} s / sqrt(n) of its level-confidence interval.
// Throws std::invalid_argument for no samples or level outside (0, 1).
Estimate mean_confidence_interval(std::span<const double> samples, double level = 0.95);

}  // namespace twinlab::sim
