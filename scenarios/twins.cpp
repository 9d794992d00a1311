#include <stdexcept>

#include "scenarios/dispersion/twin.hpp"
#include "scenarios/production_line/twin.hpp"
#include "scenarios/site/twin.hpp"
#include "scenarios/twin.hpp"

namespace twinlab::scenarios {

const std::vector<TwinEntry>& twin_registry() {
  static const std::vector<TwinEntry> registry = {
      dispersion_twin_entry(),
      production_line_twin_entry(),
      site_twin_entry(),
  };
  return registry;
}

const TwinEntry* find_twin(const std::string& name) {
  for (const auto& entry : twin_registry())
    if (name == entry.name) return &entry;
  return nullptr;
}

std::vector<std::string> twin_names() {
  std::vector<std::string> names;
  for (const auto& entry : twin_registry()) names.emplace_back(entry.name);
  return names;
}

Field TwinRun::field(const std::string& name) const { throw std::out_of_range("no field named '" + name + "'"); }

}  // namespace twinlab::scenarios
