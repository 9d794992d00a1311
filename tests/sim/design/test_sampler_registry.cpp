// Tests sim/design/sampler_registry.* (and the Sampler contract every entry keeps): each registered sampler
// builds by name; point(i) depends only on (spec, i), so a subset computed in any order by a fresh sampler
// equals the same points of a full generation; unknown names and bad specs are located input errors.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "base/error.hpp"
#include "sim/design/sampler_registry.hpp"

using namespace twinlab::sim::design;
using twinlab::base::InputError;
using twinlab::base::InputLocation;

namespace {
const InputLocation kWhere{"study.yaml", 4, 3, "sampler"};

SamplerSpec spec_for(const std::string& name) {
  SamplerSpec spec;
  spec.dimension = 3;
  spec.samples = name == "morris" ? 6 : 64;
  spec.seed = 20240601;
  spec.levels = {4, 3, 5};
  return spec;
}
}  // namespace

TEST_CASE("the registry lists the six samplers in a fixed order", "[design]") {
  std::vector<std::string> names;
  for (const auto& e : sampler_registry()) {
    names.emplace_back(e.name);
    CHECK_FALSE(e.summary.empty());
  }
  CHECK(names == std::vector<std::string>{"grid", "lhs", "random", "sobol", "saltelli", "morris"});
}

TEST_CASE("every sampler's point i depends only on the spec and i", "[design]") {
  const std::string name = GENERATE("grid", "lhs", "random", "sobol", "saltelli", "morris");
  CAPTURE(name);
  const SamplerSpec spec = spec_for(name);
  const auto full = make_sampler(name, spec, kWhere);
  REQUIRE(full->dimension() == 3);
  std::vector<std::vector<double>> all;
  for (std::size_t i = 0; i < full->count(); ++i) all.push_back(full->point(i));
  for (const auto& u : all)
    for (const double v : u) REQUIRE((v >= 0.0 && (full->touches_bounds() ? v <= 1.0 : v < 1.0)));

  // A fresh sampler asked for a scattered subset, last index first, recomputes the same values bit for bit.
  const auto fresh = make_sampler(name, spec, kWhere);
  for (std::size_t i = full->count(); i-- > 0;)
    if (i % 7 == 3 || i + 1 == full->count()) {
      CAPTURE(i);
      CHECK(fresh->point(i) == all[i]);
    }
  CHECK_THROWS_AS(full->point(full->count()), std::out_of_range);

  // Another seed changes a seeded design (the grid has no randomness).
  SamplerSpec other = spec;
  other.seed += 1;
  const auto reseeded = make_sampler(name, other, kWhere);
  if (name == "grid") CHECK(reseeded->point(5) == all[5]);
  else CHECK(reseeded->point(5) != all[5]);
}

TEST_CASE("counts follow each sampler's rule", "[design]") {
  CHECK(make_sampler("grid", spec_for("grid"), kWhere)->count() == 4 * 3 * 5);
  CHECK(make_sampler("lhs", spec_for("lhs"), kWhere)->count() == 64);
  CHECK(make_sampler("saltelli", spec_for("saltelli"), kWhere)->count() == 64 * (3 + 2));
  CHECK(make_sampler("morris", spec_for("morris"), kWhere)->count() == 6 * (3 + 1));
}

TEST_CASE("an unknown sampler name is a located input error listing the known names", "[design]") {
  try {
    make_sampler("sobolev", spec_for("sobol"), kWhere);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "study.yaml:4:3: sampler: unknown sampler (got 'sobolev'); use one of grid, lhs, random, sobol, saltelli, morris");
  }
}

TEST_CASE("bad sampler settings are located input errors naming the field", "[design]") {
  SamplerSpec spec = spec_for("lhs");
  spec.samples = 0;
  CHECK_THROWS_WITH(make_sampler("lhs", spec, kWhere), Catch::Contains("study.yaml:4:3: sampler.samples: must be"));
  spec = spec_for("grid");
  spec.levels = {2, 2};
  CHECK_THROWS_WITH(make_sampler("grid", spec, kWhere), Catch::Contains("sampler.levels: needs one level count"));
  spec = spec_for("morris");
  spec.morris_levels = 5;
  CHECK_THROWS_WITH(make_sampler("morris", spec, kWhere), Catch::Contains("sampler.levels: the Morris grid needs an even"));
  spec = spec_for("sobol");
  spec.dimension = 0;
  CHECK_THROWS_WITH(make_sampler("sobol", spec, kWhere), Catch::Contains("sampler.parameters: a design needs"));
}

TEST_CASE("Sobol-based designs warn when the count is not a power of two", "[design]") {
  SamplerSpec spec = spec_for("sobol");
  CHECK(make_sampler("sobol", spec, kWhere)->warnings().empty());
  spec.samples = 1000;
  const auto w = make_sampler("sobol", spec, kWhere)->warnings();
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "sobol: 1000 points is not a power of two; Sobol points are balanced only in blocks of 2^k, so use 512 or 1024");
  CHECK(make_sampler("saltelli", spec, kWhere)->warnings().size() == 1);
  CHECK(make_sampler("lhs", spec, kWhere)->warnings().empty());
}
