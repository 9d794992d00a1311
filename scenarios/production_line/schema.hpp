#pragma once
// Scenario keys of the production-line twin (the `line:` section), declared once.
#include "io/scenario_schema.hpp"

namespace twinlab::scenarios {

io::KeySpec line_section_schema();

// The keys of a probability distribution (`{distribution: exponential, mean: 60}`); default_yaml may be
// empty (the distribution is then required).
io::KeySpec distribution_schema(const std::string& name, const std::string& unit, const std::string& doc,
                                const std::string& default_yaml);

}  // namespace twinlab::scenarios
