#pragma once
// The law of one study parameter, as a map from a design coordinate u in [0, 1] to the parameter's value
// (inverse-CDF transform): a design on the unit hypercube becomes a design in parameter space, and a uniform
// (or low-discrepancy, or stratified) u gives values with the parameter's distribution.
//
//   kind              value(u)                                                 u allowed
//   uniform [a, b]    a + (b - a) u                                            [0, 1]
//   log_uniform       a (b/a)^u, 0 < a < b                                     [0, 1]
//   levels (m)        the 0-based level index floor(m u) (m u = m gives m - 1), [0, 1]
//                     each of the m levels with probability 1/m
//   normal            mu + sigma Phi^-1(u)                                     (0, 1)
//   truncated_normal  mu + sigma Phi^-1(Phi(alpha) + u (Phi(beta) - Phi(alpha))),  [0, 1]
//                     alpha = (lo - mu)/sigma, beta = (hi - mu)/sigma; evaluated in the lower tail (mirrored
//                     when alpha > 0) so that ranges far in a tail keep full precision
//
// Phi^-1 and Phi are Boost.Math's. A `levels` parameter returns the index; the caller maps it to the level's
// value (a number or a name).
#include <cstddef>

#include "base/error.hpp"

namespace twinlab::sim::design {

enum class ParameterKind { Uniform, LogUniform, Levels, Normal, TruncatedNormal };

class ParameterDistribution {
 public:
  // Each factory validates its arguments and throws base::InputError at `where` (key where.key + ".<arg>")
  // saying what to fix.
  static ParameterDistribution uniform(double min, double max, const base::InputLocation& where);
  static ParameterDistribution log_uniform(double min, double max, const base::InputLocation& where);
  static ParameterDistribution levels(std::size_t count, const base::InputLocation& where);
  static ParameterDistribution normal(double mean, double std_dev, const base::InputLocation& where);
  static ParameterDistribution truncated_normal(double mean, double std_dev, double lower, double upper,
                                                const base::InputLocation& where);

  ParameterKind kind() const { return kind_; }
  // False only for `normal`: it cannot map u = 0 or 1 (grid with endpoints, Morris).
  bool bounded() const { return kind_ != ParameterKind::Normal; }

  // The parameter's value at u (see the table). Throws std::domain_error for u outside the allowed set.
  double from_unit(double u) const;
  // For `levels`: the level index at u, 0..count-1.
  std::size_t level_index(double u) const;

 private:
  ParameterKind kind_ = ParameterKind::Uniform;
  double a_ = 0.0, b_ = 1.0;            // uniform/log_uniform bounds; normal mean and std_dev
  double lo_cdf_ = 0.0, hi_cdf_ = 1.0;  // truncated: Phi of the (possibly mirrored) standardised bounds
  bool mirrored_ = false;               // truncated: evaluated as -X (alpha > 0)
  double lower_ = 0.0, upper_ = 0.0;    // truncated: bounds, for clamping round-off
  std::size_t count_ = 0;               // levels
};

}  // namespace twinlab::sim::design
