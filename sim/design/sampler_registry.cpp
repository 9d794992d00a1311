#include "sim/design/sampler_registry.hpp"

#include <string>

#include "sim/design/grid_sampler.hpp"
#include "sim/design/lhs_sampler.hpp"
#include "sim/design/morris_sampler.hpp"
#include "sim/design/random_sampler.hpp"
#include "sim/design/saltelli_sampler.hpp"
#include "sim/design/sobol_sampler.hpp"

namespace twinlab::sim::design {

namespace {
constexpr SamplerEntry kSamplers[] = {
    {"grid", "full factorial grid over the levels of every parameter", &make_grid_sampler},
    {"lhs", "Latin hypercube: one point in each of n strata per parameter", &make_lhs_sampler},
    {"random", "independent uniform points (counter-based hash of seed, run, parameter)", &make_random_sampler},
    {"sobol", "scrambled Sobol' points (Joe-Kuo directions); use a power of two", &make_sobol_sampler},
    {"saltelli", "Saltelli design for Sobol' indices: N (d + 2) runs", &make_saltelli_sampler},
    {"morris", "Morris trajectories for elementary effects: r (d + 1) runs", &make_morris_sampler},
};
}  // namespace

std::span<const SamplerEntry> sampler_registry() { return kSamplers; }

std::unique_ptr<Sampler> make_sampler(std::string_view name, const SamplerSpec& spec, const base::InputLocation& where) {
  for (const SamplerEntry& entry : kSamplers) {
    if (entry.name != name) continue;
    require_spec(spec.dimension >= 1, where, "parameters", "a design needs at least one parameter",
                 std::to_string(spec.dimension), "list the parameters to vary");
    return entry.create(spec, where);
  }
  std::string known;
  for (const SamplerEntry& entry : kSamplers) known += (known.empty() ? "" : ", ") + std::string(entry.name);
  throw base::InputError(where, "unknown sampler (got '" + std::string(name) + "'); use one of " + known);
}

}  // namespace twinlab::sim::design
