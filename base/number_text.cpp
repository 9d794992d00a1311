#include "base/number_text.hpp"

#include <charconv>
#include <cmath>

namespace twinlab::base {

std::optional<NumberPrefix> parse_number_prefix(std::string_view text) {
  // from_chars takes no leading '+'; a sign may only be followed by the number itself ("+-1" is refused).
  const std::size_t skip = !text.empty() && text[0] == '+' ? 1 : 0;
  if (skip == 1 && text.size() > 1 && text[1] == '-') return std::nullopt;
  double value = 0.0;
  const char* first = text.data() + skip;
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(first, last, value, std::chars_format::general);
  if (error != std::errc() || end == first || !std::isfinite(value)) return std::nullopt;
  return NumberPrefix{value, text.substr(static_cast<std::size_t>(end - text.data()))};
}

std::optional<double> parse_finite_number(std::string_view text) {
  const auto prefix = parse_number_prefix(text);
  if (!prefix || !prefix->rest.empty()) return std::nullopt;
  return prefix->value;
}

}  // namespace twinlab::base
