#pragma once
// Reading a number that a person wrote: the whole text must be one finite decimal number (an optional sign,
// digits, a decimal point, an exponent), nothing before or after it. Stricter than std::stod, which skips
// leading spaces, stops at the first character it cannot use ("35,1" -> 35) and reads "nan", "inf" and hex.
#include <optional>
#include <string_view>

namespace twinlab::base {

// The value of text, or nullopt when text is not exactly one finite decimal number.
std::optional<double> parse_finite_number(std::string_view text);

// The value of a leading number of text and the rest after it ("10m" -> 10, "m"), or nullopt when text does
// not start with a finite decimal number.
struct NumberPrefix {
  double value = 0.0;
  std::string_view rest;
};
std::optional<NumberPrefix> parse_number_prefix(std::string_view text);

}  // namespace twinlab::base
