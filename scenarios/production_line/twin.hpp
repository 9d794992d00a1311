#pragma once
// The production-line twin behind the twin interface (twin.hpp): its registry entry.
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

TwinEntry production_line_twin_entry();

}  // namespace twinlab::scenarios
