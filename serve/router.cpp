#include "serve/router.hpp"

#include <nlohmann/json.hpp>

namespace twinlab::serve {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
        hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

Response error_response(int status, std::string_view message) {
  Response r;
  r.status = status;
  r.body = nlohmann::json{{"error", std::string(message)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) out.push_back(percent_decoded(path.substr(start, end - start)));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

void Router::add(std::string method, std::string pattern, bool needs_token, std::string summary, Handler handler) {
  std::vector<std::string> segments = path_segments(pattern);
  routes_.push_back({std::move(method), std::move(pattern), needs_token, std::move(summary), std::move(handler),
                     std::move(segments)});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const std::vector<std::string> given = path_segments(path);
  for (const Route& route : routes_) {
    const std::vector<std::string>& pattern = route.segments;
    if (pattern.size() != given.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < pattern.size() && ok; ++i) {
      const std::string& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') params[p.substr(1, p.size() - 2)] = given[i];
      else ok = p == given[i];
    }
    if (!ok) continue;
    if (route.method != method) {
      result.path_known = true;
      continue;
    }
    result.route = &route;
    result.params = std::move(params);
    return result;
  }
  return result;
}

}  // namespace twinlab::serve
