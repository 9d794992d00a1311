#include "surrogates/domain_guard.hpp"

#include <cmath>

#include <fmt/format.h>

namespace twinlab::surrogates {

std::optional<DomainViolation> check_domain(const ModelCard& card, std::span<const double> row) {
  for (std::size_t i = 0; i < card.inputs.size() && i < row.size(); ++i) {
    const InputSpec& in = card.inputs[i];
    const double v = row[i];
    if (std::isfinite(v) && v >= in.min && v <= in.max) continue;
    const std::string units = in.units.empty() ? "" : " " + in.units;
    return DomainViolation{i, v,
                           fmt::format("{:g} is outside the training domain [{:g}, {:g}]{}", v, in.min, in.max, units)};
  }
  return std::nullopt;
}

}  // namespace twinlab::surrogates
