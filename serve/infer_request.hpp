#pragma once
// The Open Inference Protocol (KServe v2) infer request, decoded from its JSON body into one row-major batch
// of doubles for a model with named scalar inputs. No network code here: the server hands the body over, the
// unit tests and the fuzz target (fuzz/serve_request.cpp) call it directly.
//
// Two request shapes are accepted (docs/serve.md):
//   - one tensor per model input, named as the input, shape [N] or [N, 1];
//   - one tensor of any other name with shape [N, D] (D = the model's inputs, in the model's order).
// datatype FP32 or FP64; data flat (row-major, as the protocol says) or nested to the tensor's shape.
// Every problem throws RequestError with a message that names the offending field.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace twinlab::serve {

// A client error (HTTP 400): what() names the field, e.g. "inputs[0].shape: ...".
class RequestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct InferBatch {
  std::string id;                 // the request's id (echoed), empty when none
  std::size_t rows = 0;           // N, the leading dimension
  std::vector<double> values;     // rows x input_names.size(), row-major, in the model's input order
  bool all_fp32 = false;          // every tensor was FP32 (the server answers in FP32 then)
  bool allow_extrapolation = false;  // parameters.allow_extrapolation
};

// Largest batch one request may carry (rows): bounds the work a single request can ask for.
inline constexpr std::size_t kMaxInferRows = 65536;

InferBatch decode_infer_request(std::string_view body, const std::vector<std::string>& input_names);

}  // namespace twinlab::serve
