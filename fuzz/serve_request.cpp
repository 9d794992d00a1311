// Fuzz target: the body of an Open Inference Protocol infer request (POST /v2/models/NAME/infer), decoded
// for a model with three inputs (serve/infer_request). A RequestError (HTTP 400) is the expected answer to bad
// input; anything else escaping, a crash or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "serve/infer_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> names{"wind", "height", "rate"};
  try {
    const twinlab::serve::InferBatch batch =
        twinlab::serve::decode_infer_request(std::string_view(reinterpret_cast<const char*>(data), size), names);
    // What the server relies on: a full rows x inputs batch of finite values.
    if (batch.rows == 0 || batch.values.size() != batch.rows * names.size()) __builtin_trap();
    for (const double v : batch.values)
      if (!(v - v == 0.0)) __builtin_trap();
  } catch (const twinlab::serve::RequestError&) {
  }
  return 0;
}
