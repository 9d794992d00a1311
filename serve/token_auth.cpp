#include "serve/token_auth.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

#include "base/error.hpp"

namespace twinlab::serve {

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Every byte of the longer text is visited; a length mismatch is folded in at the end.
  const std::size_t n = a.size() > b.size() ? a.size() : b.size();
  volatile unsigned char diff = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff = diff | static_cast<unsigned char>(x ^ y);
  }
  return diff == 0 && a.size() == b.size();
}

bool bearer_matches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view scheme = "bearer ";
  if (authorization.size() < scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i]) return false;
  std::string_view given = authorization.substr(scheme.size());
  while (!given.empty() && given.front() == ' ') given.remove_prefix(1);
  while (!given.empty() && given.back() == ' ') given.remove_suffix(1);
  return !token.empty() && constant_time_equal(given, token);
}

std::string read_token_file(const std::filesystem::path& path) {
  const base::InputLocation where{path.string(), 0, 0, "--token-file"};
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw base::InputError(where, "is not a readable regular file");
  if (std::filesystem::file_size(path, ec) > 8192) throw base::InputError(where, "is larger than a token file can be (8 KiB)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw base::InputError(where, "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  const auto first = token.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw base::InputError(where, "is empty; write the token (e.g. 32 random hex bytes) into it");
  token = token.substr(first, token.find_last_not_of(" \t\r\n") - first + 1);
  if (token.size() > 4096) throw base::InputError(where, "holds a token longer than 4096 bytes");
  for (const char c : token)
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c)))
      throw base::InputError(where, "holds white space or control characters inside the token; one token, one line");
  return token;
}

}  // namespace twinlab::serve
