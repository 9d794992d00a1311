#pragma once
// Designs of experiments on the unit hypercube: the common interface every sampler implements, and the plain
// description (SamplerSpec) a study file maps onto.
//
// A sampler is a finite, indexed list of points u in [0, 1)^d (closed [0, 1]^d when touches_bounds()). Every
// point depends only on (spec, index): point(i) is computed directly, never by stepping through points 0..i-1,
// so any subset of a study (a resumed journal, one MPI shard, a re-run of failed runs) recomputes exactly the
// same values. Parameter values come from the coordinates through ParameterDistribution::from_unit.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace twinlab::sim::design {

// What a sampler is built from. Fields a sampler does not use are ignored (see sampler_registry.hpp).
struct SamplerSpec {
  std::size_t dimension = 0;        // number of parameters d (>= 1)
  std::size_t samples = 0;          // random, lhs, sobol: points; saltelli: base rows N; morris: trajectories r
  std::uint64_t seed = 0;           // all randomness (scrambling, permutations, trajectories) derives from it
  std::vector<std::size_t> levels;  // grid: levels per dimension (one value: the same for every dimension)
  bool endpoints = false;           // grid: u = k/(m-1) (ends included, closed [0,1]) instead of (k+1/2)/m
  bool scramble = true;             // sobol, saltelli: scrambled (default) or plain Joe-Kuo points
  std::size_t morris_levels = 4;    // morris: number of grid levels p (even, >= 2)
};

class Sampler {
 public:
  virtual ~Sampler() = default;

  virtual std::size_t dimension() const = 0;
  virtual std::size_t count() const = 0;

  // Writes point `index` (< count(), else std::out_of_range) into out (size dimension()).
  virtual void point(std::size_t index, std::span<double> out) const = 0;
  std::vector<double> point(std::size_t index) const {
    std::vector<double> u(dimension());
    point(index, u);
    return u;
  }

  // True when coordinates can be exactly 0 or 1 (grid with endpoints, Morris): only bounded parameters
  // (not `normal`) can then be mapped.
  virtual bool touches_bounds() const { return false; }

  // Advice about the design that is not an error (e.g. a Sobol count that is not a power of two); the caller
  // logs them with the location of the study key.
  virtual std::vector<std::string> warnings() const { return {}; }

 protected:
  void check_index(std::size_t index) const;
};

// Throws base::InputError at `where` with key where.key + "." + field (just `field` when where.key is empty)
// and the message "<what> (got <got>); <fix>" unless condition holds. Used by the samplers' factories.
void require_spec(bool condition, const base::InputLocation& where, std::string_view field, std::string_view what,
                  const std::string& got, std::string_view fix);

}  // namespace twinlab::sim::design
