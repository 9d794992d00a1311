#pragma once
// First-order and total Sobol' indices from the outputs of a Saltelli design (design::SaltelliSampler): N base
// rows, outputs in the order f(A) (N values), f(B) (N), f(AB_1) (N), ..., f(AB_d) (N).
//
// With y centred by the mean m of the 2N values f(A), f(B) (which does not change the expectations, and keeps
// round-off small when the mean is large):
//   V     = (1/2N) sum_r [ (f(A_r) - m)^2 + (f(B_r) - m)^2 ]                      output variance
//   S_i   = (1/N) sum_r (f(B_r) - m) (f(AB_i,r) - f(A_r)) / V                     Saltelli et al. 2010 (b)
//   S_i   = 1 - (1/2N) sum_r (f(B_r) - f(AB_i,r))^2 / V                           Jansen 1999 (option)
//   ST_i  = (1/2N) sum_r (f(A_r) - f(AB_i,r))^2 / V                               Jansen 1999 (f)
// Bootstrap intervals resample the N base rows (all d + 2 blocks together) and recompute V too.
#include <cstddef>
#include <span>
#include <vector>

#include "sim/sensitivity/bootstrap.hpp"

namespace twinlab::sim::sensitivity {

enum class FirstOrderEstimator { Saltelli2010, Jansen1999 };

struct SobolIndexOptions {
  FirstOrderEstimator first_order = FirstOrderEstimator::Saltelli2010;
  BootstrapOptions bootstrap;
};

struct SobolIndices {
  double mean = 0.0;      // m
  double variance = 0.0;  // V
  std::vector<IndexEstimate> first_order;  // S_i, i = 0..d-1
  std::vector<IndexEstimate> total_order;  // ST_i
};

// outputs.size() must be base_rows * (dimension + 2) (std::invalid_argument otherwise); every output finite
// (std::invalid_argument naming the first run that is not). V = 0 (constant output) gives NaN indices.
SobolIndices estimate_sobol_indices(std::span<const double> outputs, std::size_t dimension, std::size_t base_rows,
                                    const SobolIndexOptions& options = {});

}  // namespace twinlab::sim::sensitivity
