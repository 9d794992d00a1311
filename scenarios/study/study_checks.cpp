#include "scenarios/study/study_checks.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

void check_study_against_scenario(const StudySpec& spec, const StudyDesign& design) {
  {
    const Scenario base = load_scenario(spec.scenario, {});
    (void)build_twin(base);
  }
  // The runs holding each parameter's extremes (scanning at most a million runs of a larger design).
  const std::size_t d = spec.parameters.size();
  std::vector<double> low(d, std::numeric_limits<double>::infinity()), high(d, -low[0]);
  std::vector<std::size_t> low_run(d, 0), high_run(d, 0);
  for (std::size_t run = 0; run < std::min<std::size_t>(design.count(), 1000000); ++run) {
    const std::vector<double> v = design.values(run);
    for (std::size_t p = 0; p < d; ++p) {
      if (v[p] < low[p]) low[p] = v[p], low_run[p] = run;
      if (v[p] > high[p]) high[p] = v[p], high_run[p] = run;
    }
  }
  for (std::size_t p = 0; p < d; ++p) {
    for (const auto& [run, what] : {std::pair{low_run[p], "lowest"}, std::pair{high_run[p], "highest"}}) {
      const std::string assignment = design.overrides(run)[p];
      try {
        const Scenario s = load_scenario(spec.scenario, {assignment});
        (void)build_twin(s, false);
      } catch (const base::InputError& e) {
        throw base::InputError(spec.parameters[p].where,
                               fmt::format("the base scenario is invalid at the {} value the design gives ({}): {}",
                                           what, assignment.substr(assignment.find('=') + 1), e.message()));
      }
    }
  }
}

}  // namespace twinlab::scenarios
