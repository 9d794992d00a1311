#pragma once
// Checks of the `line:` section that depend on what the user wrote rather than on the resolved values
// alone: a `failure:` block that sets a life or a repair but no `basis` (an error: such a station would
// silently never fail), and settings the line model ignores (warnings). Both are placed at the key's
// file:line:column, like every other input error.
#include <string>
#include <vector>

#include "io/scenario_document.hpp"
#include "twins/production_line/config.hpp"

namespace twinlab::scenarios {

// Throws base::InputError at line.stations[i].failure when the scenario file gives that block failure keys
// but no `basis` (the schema would fill in `basis: none`). The document as written (kept when it was
// read) tells a key the user wrote from a default; a basis given by --set counts as written.
void check_failure_blocks(const io::ScenarioNode& section);

// One "file:line:col: key: message" line per setting the line ignores (e.g. buffer_capacity of a station
// fed by the unlimited source, which has no input buffer). Settings equal to their default are not
// reported, so a resolved scenario (which spells out every default) re-runs without warnings.
std::vector<std::string> line_input_warnings(const io::ScenarioNode& section,
                                             const twins::production_line::LineConfig& config);

}  // namespace twinlab::scenarios
