#pragma once
// Private to io/scenario_document*.cpp: what a YAML text may hold before it is built into a tree.
//   - one document: a second one (after `---`) would be ignored without a word;
//   - aliases that add at most max_alias_nodes nodes to the tree: yaml-cpp shares an aliased node, but
//     every walk of the tree (checks, defaults, copies) visits it once per alias, so nested aliases
//     ("billion laughs") turn a 93 KB file into gigabytes and minutes;
//   - no alias inside the node it names (a cycle: every walk of the tree would recurse for ever).
// Counted on the parser's events, in time linear in the text, before any tree exists.
#include <cstddef>
#include <string>

namespace twinlab::io {

// 100 000: reusing a block with an alias (a station's settings, a distribution) adds tens to thousands of
// nodes; 100 000 added nodes cost ~10 MB and well under a second to check, while a file built to expand
// further is a mistake or an attack.
inline constexpr std::size_t max_alias_nodes = 100000;

// Throws base::InputError at file:line:col of the second document, of the alias that exceeds the budget,
// or of the alias inside its own anchor. Invalid YAML is left for the parser proper (YAML::Load) to report.
void check_yaml_limits(const std::string& text, const std::string& file_label);

}  // namespace twinlab::io
