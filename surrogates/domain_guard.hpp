#pragma once
// The training-domain guard of `twinlab predict` and `serve`: a query outside the box the model was trained on
// is refused (or, when extrapolation is allowed, marked).
#include <optional>
#include <span>
#include <string>

#include "surrogates/model_card.hpp"

namespace twinlab::surrogates {

struct DomainViolation {
  std::size_t input = 0;  // index into card.inputs
  double value = 0.0;
  std::string message;    // "250 is outside the training domain [20, 120] m" (the caller names the input)
};

// The first input of the row outside [min, max] (or not finite), if any.
std::optional<DomainViolation> check_domain(const ModelCard& card, std::span<const double> row);

}  // namespace twinlab::surrogates
