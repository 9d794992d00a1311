#pragma once
// Routes of the HTTP server: METHOD + a path pattern whose `{name}` segments capture one path segment each
// ("/v2/models/{name}/infer"). The pattern is also the label under which /metrics counts the route's requests.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace twinlab::serve {

struct Request {
  std::string method;   // "GET", "POST", ...
  std::string path;     // without the query
  std::string query;    // after '?', raw
  std::string body;
  std::map<std::string, std::string> params;  // the pattern's captures, e.g. {"name": "plume"}
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Retry-After
};

// {"error": message} with the given status (the error form of the Open Inference Protocol).
Response error_response(int status, std::string_view message);

using Handler = std::function<Response(const Request&)>;

struct Route {
  std::string method, pattern;
  bool needs_token = true;  // health routes are open; everything else asks for the bearer token when one is set
  std::string summary;      // one line for /openapi.json
  Handler handler;
  std::vector<std::string> segments;  // the pattern split at '/', once
};

class Router {
 public:
  void add(std::string method, std::string pattern, bool needs_token, std::string summary, Handler handler);
  struct Match {
    const Route* route = nullptr;          // null: no route
    bool path_known = false;               // the path matched some route, not with this method (405)
    std::map<std::string, std::string> params;
  };
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"}; percent-escapes decoded (a malformed one stays as written).
std::vector<std::string> path_segments(std::string_view path);

}  // namespace twinlab::serve
