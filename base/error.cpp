#include "base/error.hpp"

#include <sstream>

namespace twinlab::base {
namespace {

// Length of the valid UTF-8 sequence starting at text[i] (2..4), or 0 when the bytes there are not one.
std::size_t utf8_sequence_length(const std::string& text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned int code = 0;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2, code = lead & 0x1fu;
  else if (lead >= 0xe0 && lead <= 0xef) length = 3, code = lead & 0x0fu;
  else if (lead >= 0xf0 && lead <= 0xf4) length = 4, code = lead & 0x07u;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0u) != 0x80u) return 0;
    code = (code << 6) | (byte(i + k) & 0x3fu);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  const bool surrogate = code >= 0xd800 && code <= 0xdfff;
  if (overlong || surrogate || code > 0x10ffff) return 0;
  return length;
}

void hex_escape(std::string& out, unsigned char c) {
  static const char digits[] = "0123456789abcdef";
  out += "\\x";
  out += digits[c >> 4];
  out += digits[c & 0x0f];
}

}  // namespace

std::string printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\n') {
      out += "\\n", ++i;
    } else if (c == '\r') {
      out += "\\r", ++i;
    } else if (c == '\t') {
      out += "\\t", ++i;
    } else if (c < 0x80) {  // other C0 controls and DEL
      hex_escape(out, c), ++i;
    } else if (const std::size_t length = utf8_sequence_length(text, i); length > 0) {
      const bool c1_control = length == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0;
      for (std::size_t k = 0; k < length; ++k)
        c1_control ? hex_escape(out, static_cast<unsigned char>(text[i + k])) : void(out += text[i + k]);
      i += length;
    } else {  // not UTF-8: a stray byte
      hex_escape(out, c), ++i;
    }
  }
  return out;
}

std::string format_input_error(const InputLocation& where, const std::string& message) {
  // A stream rather than string concatenation: GCC 12 warns falsely (-Wrestrict) on the latter at -O3.
  std::ostringstream text;
  if (!where.file.empty()) {
    text << printable(where.file);
    if (where.line > 0) {
      text << ':' << where.line;
      if (where.column > 0) text << ':' << where.column;
    }
    text << ": ";
  }
  if (!where.key.empty()) text << printable(where.key) << ": ";
  text << printable(message);
  return text.str();
}

InputError::InputError(InputLocation where, const std::string& message)
    : std::runtime_error(format_input_error(where, message)), where_(std::move(where)), message_(message) {}

}  // namespace twinlab::base
