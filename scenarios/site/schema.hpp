#pragma once
// Scenario keys of the coupled site twin: the line twin's `line:` section and the dispersion twin's
// `dispersion:` section as those twins declare them, plus `coupling:` (declared here).
#include "io/scenario_schema.hpp"

namespace twinlab::scenarios {

// An object named "" (several top-level sections, scenario.cpp splices them in).
io::KeySpec site_section_schema();

// The `coupling:` section alone.
io::KeySpec coupling_section_schema();

}  // namespace twinlab::scenarios
