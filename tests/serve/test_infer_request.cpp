// serve/infer_request: the Open Inference Protocol request body decoded into one batch.
#include <catch2/catch.hpp>

#include "serve/infer_request.hpp"

using twinlab::serve::decode_infer_request;
using twinlab::serve::RequestError;

namespace {
const std::vector<std::string> names{"wind", "height", "rate"};
}

TEST_CASE("one [N, D] tensor is read row-major, id and parameters kept") {
  const auto b = decode_infer_request(
      R"({"id":"q1","parameters":{"allow_extrapolation":true},
          "inputs":[{"name":"input","shape":[2,3],"datatype":"FP64","data":[1,2,3,4,5,6]}]})",
      names);
  CHECK(b.id == "q1");
  CHECK(b.allow_extrapolation);
  CHECK_FALSE(b.all_fp32);
  REQUIRE(b.rows == 2);
  CHECK(b.values == std::vector<double>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("nested data equals the flat form") {
  const auto b = decode_infer_request(
      R"({"inputs":[{"name":"x","shape":[2,3],"datatype":"FP64","data":[[1,2,3],[4,5,6]]}]})", names);
  CHECK(b.values == std::vector<double>{1, 2, 3, 4, 5, 6});
  CHECK(b.id.empty());
  CHECK_FALSE(b.allow_extrapolation);
}

TEST_CASE("one tensor per input, in any order, is put in the model's order") {
  const auto b = decode_infer_request(
      R"({"inputs":[{"name":"rate","shape":[2],"datatype":"FP32","data":[0.5,0.25]},
                    {"name":"wind","shape":[2,1],"datatype":"FP32","data":[2,3]},
                    {"name":"height","shape":[2],"datatype":"FP32","data":[30,40]}]})",
      names);
  CHECK(b.all_fp32);
  REQUIRE(b.rows == 2);
  CHECK(b.values == std::vector<double>{2, 30, 0.5, 3, 40, 0.25});
}

TEST_CASE("FP32 values are rounded to float") {
  const auto b = decode_infer_request(R"({"inputs":[{"name":"x","shape":[1,3],"datatype":"FP32","data":[0.1,1,2]}]})", names);
  CHECK(b.values[0] == static_cast<double>(0.1f));  // exact: the float nearest 0.1, widened
}

TEST_CASE("bad bodies are refused with a message naming the field") {
  const auto [body, fragment] = GENERATE(table<std::string, std::string>({
      {"{", "not valid JSON"},
      {"[]", "JSON object"},
      {R"({"inputs":[]})", "inputs: must be a non-empty list"},
      {R"({"inputs":[{"name":"x","shape":[2,3],"datatype":"FP64","data":[1,2,3,4,5]}]})", "holds 5 values"},
      {R"({"inputs":[{"name":"x","shape":[2,3],"datatype":"FP64","data":[1,2,3,4,5,6,7]}]})", "more values than its shape"},
      {R"({"inputs":[{"name":"x","shape":[2,2],"datatype":"FP64","data":[1,2,3,4]}]})", "must be [N, 3]"},
      {R"({"inputs":[{"name":"x","shape":[3],"datatype":"FP64","data":[1,2,3]}]})", "must be [N, 3]"},
      {R"({"inputs":[{"name":"x","shape":[0,3],"datatype":"FP64","data":[]}]})", "batch (leading dimension) is empty"},
      {R"({"inputs":[{"name":"x","shape":[-1,3],"datatype":"FP64","data":[1,2,3]}]})", "whole numbers"},
      {R"({"inputs":[{"name":"x","shape":[1,3],"datatype":"INT32","data":[1,2,3]}]})", "FP32 or FP64"},
      {R"({"inputs":[{"name":"x","shape":[1,3],"datatype":"FP64","data":[1,"2",3]}]})", "not a number"},
      {R"({"inputs":[{"name":"x","shape":[1,3],"datatype":"FP64","data":[1,1e999,3]}]})", "number overflow"},
      {R"({"inputs":[{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,1e39,3]}]})", "not a finite FP32"},
      {R"({"inputs":[{"name":"x","shape":[1,3],"datatype":"FP64","data":[[[1,2,3]]]}]})", "nested deeper"},
      {R"({"inputs":[{"name":"x","shape":[70000,3],"datatype":"FP64","data":[]}]})", "more than the 65536"},
      {R"({"inputs":[{"name":"wind","shape":[1],"datatype":"FP64","data":[1]}]})", "'height' is missing"},
      {R"({"inputs":[{"name":"wind","shape":[1],"datatype":"FP64","data":[1]},{"name":"wind","shape":[1],"datatype":"FP64","data":[1]}]})",
       "given twice"},
      {R"({"inputs":[{"name":"wind","shape":[1],"datatype":"FP64","data":[1]},{"name":"height","shape":[2],"datatype":"FP64","data":[1,2]},{"name":"rate","shape":[1],"datatype":"FP64","data":[1]}]})",
       "the same batch"},
      {R"({"inputs":[{"name":"wind","shape":[1],"datatype":"FP64","data":[1]},{"name":"oops","shape":[1],"datatype":"FP64","data":[1]}]})",
       "'oops' is not an input"},
      {R"({"id":7,"inputs":[{"name":"x","shape":[1,3],"datatype":"FP64","data":[1,2,3]}]})", "id: must be a string"},
      {R"({"parameters":{"allow_extrapolation":"yes"},"inputs":[{"name":"x","shape":[1,3],"datatype":"FP64","data":[1,2,3]}]})",
       "allow_extrapolation: must be true or false"},
  }));
  CAPTURE(body);
  try {
    (void)decode_infer_request(body, names);
    FAIL("accepted");
  } catch (const RequestError& e) {
    CHECK_THAT(e.what(), Catch::Contains(fragment));
  }
}
