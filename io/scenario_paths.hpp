#pragma once
// Private to io/scenario_document.cpp and io/scenario_node.cpp: dotted key paths and YAML marks as locations.
#include <string>

#include <yaml-cpp/yaml.h>

#include "base/error.hpp"

namespace twinlab::io {

inline std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

// file:line:column of a YAML mark (1-based; unknown when the mark is null, e.g. in a copied tree).
inline base::InputLocation location_of(const std::string& file, const YAML::Mark& mark, const std::string& key) {
  base::InputLocation where{file, 0, 0, key};
  if (!mark.is_null()) {
    where.line = mark.line + 1;
    where.column = mark.column + 1;
  }
  return where;
}

}  // namespace twinlab::io
