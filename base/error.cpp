#include "base/error.hpp"

#include <sstream>

namespace twinlab::base {

std::string format_input_error(const InputLocation& where, const std::string& message) {
  // A stream rather than string concatenation: GCC 12 warns falsely (-Wrestrict) on the latter at -O3.
  std::ostringstream text;
  if (!where.file.empty()) {
    text << where.file;
    if (where.line > 0) {
      text << ':' << where.line;
      if (where.column > 0) text << ':' << where.column;
    }
    text << ": ";
  }
  if (!where.key.empty()) text << where.key << ": ";
  text << message;
  return text.str();
}

InputError::InputError(InputLocation where, const std::string& message)
    : std::runtime_error(format_input_error(where, message)), where_(std::move(where)), message_(message) {}

}  // namespace twinlab::base
