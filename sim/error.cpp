#include "sim/error.hpp"

namespace twinlab::sim {

std::string format_input_error(const InputLocation& where, const std::string& message) {
  std::string text;
  if (!where.file.empty()) {
    text += where.file;
    if (where.line > 0) {
      text += ":" + std::to_string(where.line);
      if (where.column > 0) text += ":" + std::to_string(where.column);
    }
    text += ": ";
  }
  if (!where.key.empty()) text += where.key + ": ";
  return text + message;
}

InputError::InputError(InputLocation where, const std::string& message)
    : std::runtime_error(format_input_error(where, message)), where_(std::move(where)), message_(message) {}

}  // namespace twinlab::sim
