#pragma once
// GET /openapi.json: an OpenAPI 3.0 description generated from the router itself, so that it lists every
// route the server answers (a test checks that) and never drifts from them.
#include <string>

#include "serve/router.hpp"

namespace twinlab::scenarios {

std::string openapi_json(const serve::Router& router);

}  // namespace twinlab::scenarios
