#pragma once
// The samplers a study file can name, and the one factory that builds them. Adding a sampler is one new
// file pair (its class and make_... function) and one line in the table in sampler_registry.cpp.
//
//   name       spec fields used                               count()
//   grid       levels (one, or one per parameter), endpoints   product of the level counts
//   lhs        samples, seed                                  samples
//   random     samples, seed                                  samples
//   sobol      samples, scramble, seed                        samples
//   saltelli   samples = N base rows, scramble, seed          N (d + 2), rows A, B, AB_1..AB_d
//   morris     samples = r trajectories, morris_levels, seed  r (d + 1)
#include <memory>
#include <span>
#include <string_view>

#include "base/error.hpp"
#include "sim/design/sampler.hpp"

namespace twinlab::sim::design {

struct SamplerEntry {
  std::string_view name;
  std::string_view summary;  // one line, for --help and the docs
  std::unique_ptr<Sampler> (*create)(const SamplerSpec&, const base::InputLocation&);
};

// Every registered sampler, in a fixed order.
std::span<const SamplerEntry> sampler_registry();

// Builds the sampler called `name` from spec. Throws base::InputError at `where` for an unknown name (listing
// the known ones), for spec.dimension == 0, and for fields the sampler rejects (key where.key + "." + field:
// samples, levels, trajectories, parameters).
std::unique_ptr<Sampler> make_sampler(std::string_view name, const SamplerSpec& spec, const base::InputLocation& where);

}  // namespace twinlab::sim::design
