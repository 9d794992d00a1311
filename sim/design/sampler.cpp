#include "sim/design/sampler.hpp"

#include <stdexcept>
#include <string>

namespace twinlab::sim::design {

void Sampler::check_index(std::size_t index) const {
  if (index >= count())
    throw std::out_of_range("sampler point " + std::to_string(index) + " requested from a design of " +
                            std::to_string(count()) + " points");
}

void require_spec(bool condition, const base::InputLocation& where, std::string_view field, std::string_view what,
                  const std::string& got, std::string_view fix) {
  if (condition) return;
  base::InputLocation at = where;
  at.key = where.key.empty() ? std::string(field) : where.key + "." + std::string(field);
  throw base::InputError(at, std::string(what) + " (got " + got + "); " + std::string(fix));
}

}  // namespace twinlab::sim::design
