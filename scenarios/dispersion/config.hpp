#pragma once
// Reads the validated `dispersion:` section into the twin's plain Config, with the checks that involve
// several keys (a source outside the domain, periods out of order, an output interval longer than the run).
#include <string>
#include <vector>

#include "io/scenario_document.hpp"
#include "twins/dispersion/config.hpp"

namespace twinlab::scenarios {

// Throws base::InputError at the offending key. rates_set_elsewhere: names of sources whose rate another twin
// sets (the site twin's coupling): no "emits nothing" warning for them.
twins::dispersion::Config dispersion_config(const io::ScenarioNode& section,
                                            const std::vector<std::string>& rates_set_elsewhere = {});

}  // namespace twinlab::scenarios
