#pragma once
// Reads the validated `dispersion:` section into the twin's plain Config, with the checks that involve
// several keys (a source outside the domain, periods out of order, an output interval longer than the run).
#include "io/scenario_document.hpp"
#include "twins/dispersion/config.hpp"

namespace twinlab::scenarios {

// Throws base::InputError at the offending key.
twins::dispersion::Config dispersion_config(const io::ScenarioNode& section);

}  // namespace twinlab::scenarios
