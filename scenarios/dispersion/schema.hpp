#pragma once
// Scenario keys of the dispersion twin (the `dispersion:` section), declared once.
#include "io/scenario_schema.hpp"

namespace twinlab::scenarios {

io::KeySpec dispersion_section_schema();

}  // namespace twinlab::scenarios
