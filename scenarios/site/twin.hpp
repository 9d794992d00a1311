#pragma once
// The coupled site twin behind the twin interface (twin.hpp): a production-line run whose direct emissions
// feed a dispersion source (coupling.hpp), both twins' results in one run. Its registry entry.
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

TwinEntry site_twin_entry();

}  // namespace twinlab::scenarios
