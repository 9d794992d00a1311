#pragma once
// The Open Inference Protocol (KServe v2) routes for the surrogates of a ModelRepository: health, server and
// model metadata, readiness, infer, and the repository's load/index (docs/serve.md).
#include "scenarios/serve/model_repository.hpp"
#include "serve/router.hpp"

namespace twinlab::scenarios {

// The repository must outlive the router.
void add_inference_routes(serve::Router& router, ModelRepository& models);

// The infer answer for a decoded batch (exposed for the tests): 200 with outputs mean and std, or 400 when a
// row lies outside the training domain and the request does not allow extrapolation.
serve::Response infer(const ServedModel& model, const std::string& body);

}  // namespace twinlab::scenarios
