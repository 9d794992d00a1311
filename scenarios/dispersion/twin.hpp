#pragma once
// The dispersion twin behind the twin interface (twin.hpp): its registry entry.
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

TwinEntry dispersion_twin_entry();

}  // namespace twinlab::scenarios
