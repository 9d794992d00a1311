#include "scenarios/serve/openapi.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

namespace twinlab::scenarios {

using nlohmann::json;

std::string openapi_json(const serve::Router& router) {
  json paths = json::object();
  for (const serve::Route& route : router.routes()) {
    json operation = {{"summary", route.summary}};
    json parameters = json::array();
    for (const std::string& segment : serve::path_segments(route.pattern))
      if (segment.size() > 2 && segment.front() == '{')
        parameters.push_back({{"name", segment.substr(1, segment.size() - 2)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
    if (!parameters.empty()) operation["parameters"] = parameters;
    json responses = {{"200", {{"description", "success"}}}};
    if (route.method == "POST") {
      operation["requestBody"] = {{"required", route.pattern.find("/infer") != std::string::npos},
                                  {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
      responses["400"] = {{"description", "bad request: {\"error\": \"...\"}"}};
      responses["413"] = {{"description", "body larger than --max-body-bytes"}};
    }
    if (!parameters.empty()) responses["404"] = {{"description", "no such model"}};
    if (route.needs_token) {
      operation["security"] = json::array({{{"bearer", json::array()}}});
      responses["401"] = {{"description", "missing or wrong bearer token (when the server has --token-file)"}};
    }
    operation["responses"] = responses;
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.pattern][method] = operation;
  }
  const json doc = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "twinlab serve"},
        {"version", TWINLAB_VERSION},
        {"description", "Surrogates over the Open Inference Protocol (KServe v2); see docs/serve.md"}}},
      {"paths", paths},
      {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  return doc.dump(2);
}

}  // namespace twinlab::scenarios
