#include "serve/infer_request.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace twinlab::serve {
namespace {

using nlohmann::json;

struct Tensor {
  std::string name;
  std::vector<std::size_t> shape;
  bool fp32 = false;
  std::vector<double> data;
};

// Flattens `data` (numbers, or arrays of them nested at most `depth` deep) into out, checking each value.
void flatten(const json& data, std::size_t depth, bool fp32, const std::string& where, std::vector<double>& out,
             std::size_t limit) {
  if (data.is_array()) {
    if (depth == 0) throw RequestError(where + ": nested deeper than the tensor's shape");
    for (const json& v : data) flatten(v, depth - 1, fp32, where, out, limit);
    return;
  }
  if (!data.is_number()) throw RequestError(fmt::format("{}: holds a value that is not a number (got {})", where, std::string(data.type_name())));
  if (out.size() >= limit) throw RequestError(fmt::format("{}: holds more values than its shape ({})", where, limit));
  const double v = data.get<double>();
  if (!std::isfinite(v) || (fp32 && std::abs(v) > std::numeric_limits<float>::max()))
    throw RequestError(fmt::format("{}: value {} is not a finite {} number", where, out.size(), fp32 ? "FP32" : "FP64"));
  out.push_back(fp32 ? static_cast<double>(static_cast<float>(v)) : v);
}

Tensor read_tensor(const json& t, std::size_t index) {
  const std::string where = fmt::format("inputs[{}]", index);
  if (!t.is_object()) throw RequestError(where + ": must be an object {name, shape, datatype, data}");
  Tensor out;
  const auto name = t.find("name");
  if (name == t.end() || !name->is_string()) throw RequestError(where + ".name: missing or not a string");
  out.name = name->get<std::string>();
  const auto shape = t.find("shape");
  if (shape == t.end() || !shape->is_array() || shape->empty() || shape->size() > 2)
    throw RequestError(where + ".shape: must be a list of 1 or 2 sizes ([N] or [N, D])");
  std::uint64_t count = 1;
  for (const json& s : *shape) {
    if (!s.is_number_unsigned() || s.get<std::uint64_t>() > kMaxInferRows * 1024)
      throw RequestError(fmt::format("{}.shape: sizes must be whole numbers from 0 to {} (got {})", where,
                                     kMaxInferRows * 1024, s.dump()));
    out.shape.push_back(s.get<std::size_t>());
    count *= s.get<std::uint64_t>();
  }
  if (out.shape[0] == 0) throw RequestError(where + ".shape: the batch (leading dimension) is empty");
  if (out.shape[0] > kMaxInferRows)
    throw RequestError(fmt::format("{}.shape: a batch of {} rows is more than the {} one request may hold", where,
                                   out.shape[0], kMaxInferRows));
  const auto datatype = t.find("datatype");
  if (datatype == t.end() || !datatype->is_string()) throw RequestError(where + ".datatype: missing or not a string");
  const std::string type = datatype->get<std::string>();
  if (type != "FP32" && type != "FP64")
    throw RequestError(fmt::format("{}.datatype: must be FP32 or FP64 (got {})", where, type));
  out.fp32 = type == "FP32";
  const auto data = t.find("data");
  if (data == t.end()) throw RequestError(where + ".data: missing");
  out.data.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, 1u << 20)));
  flatten(*data, out.shape.size(), out.fp32, where + ".data", out.data, static_cast<std::size_t>(count));
  if (out.data.size() != count)
    throw RequestError(fmt::format("{}.data: holds {} values, its shape {} needs {}", where, out.data.size(),
                                   shape->dump(), count));
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

InferBatch decode_infer_request(std::string_view body, const std::vector<std::string>& input_names) {
  json request;
  try {
    request = json::parse(body.begin(), body.end());
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number like 1e999
    throw RequestError(std::string("the body is not valid JSON: ") + e.what());
  }
  if (!request.is_object()) throw RequestError("the body must be a JSON object with `inputs`");
  InferBatch batch;
  if (const auto id = request.find("id"); id != request.end()) {
    if (!id->is_string()) throw RequestError("id: must be a string");
    batch.id = id->get<std::string>();
  }
  if (const auto p = request.find("parameters"); p != request.end()) {
    if (!p->is_object()) throw RequestError("parameters: must be an object");
    if (const auto a = p->find("allow_extrapolation"); a != p->end()) {
      if (!a->is_boolean()) throw RequestError("parameters.allow_extrapolation: must be true or false");
      batch.allow_extrapolation = a->get<bool>();
    }
  }
  const auto inputs = request.find("inputs");
  if (inputs == request.end() || !inputs->is_array() || inputs->empty())
    throw RequestError("inputs: must be a non-empty list of tensors");
  std::vector<Tensor> tensors;
  for (std::size_t i = 0; i < inputs->size(); ++i) tensors.push_back(read_tensor((*inputs)[i], i));

  const std::size_t d = input_names.size();
  batch.all_fp32 = true;
  for (const Tensor& t : tensors) batch.all_fp32 = batch.all_fp32 && t.fp32;

  bool named = false;
  for (const Tensor& t : tensors)
    for (const auto& n : input_names) named = named || t.name == n;

  if (!named) {  // one [N, D] tensor
    if (tensors.size() != 1)
      throw RequestError(fmt::format("inputs: give one [N, {}] tensor, or one tensor per model input named as it ({})",
                                     d, joined(input_names)));
    const Tensor& t = tensors[0];
    if (t.shape.size() != 2 || t.shape[1] != d)
      throw RequestError(fmt::format("inputs[0].shape: must be [N, {}] for the model's {} inputs ({}), or name one "
                                     "tensor per input",
                                     d, d, joined(input_names)));
    batch.rows = t.shape[0];
    batch.values = t.data;
    return batch;
  }
  // One tensor per input, each [N] or [N, 1].
  std::vector<const Tensor*> by_input(d, nullptr);
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    std::size_t k = 0;
    while (k < d && input_names[k] != tensors[i].name) ++k;
    if (k == d)
      throw RequestError(fmt::format("inputs[{}].name: '{}' is not an input of the model ({})", i, tensors[i].name,
                                     joined(input_names)));
    if (by_input[k]) throw RequestError(fmt::format("inputs[{}].name: '{}' is given twice", i, tensors[i].name));
    if (tensors[i].shape.size() == 2 && tensors[i].shape[1] != 1)
      throw RequestError(fmt::format("inputs[{}].shape: a named input must be [N] or [N, 1]", i));
    by_input[k] = &tensors[i];
  }
  for (std::size_t k = 0; k < d; ++k)
    if (!by_input[k]) throw RequestError(fmt::format("inputs: the model's input '{}' is missing", input_names[k]));
  batch.rows = by_input[0]->shape[0];
  for (std::size_t k = 0; k < d; ++k)
    if (by_input[k]->shape[0] != batch.rows)
      throw RequestError(fmt::format("inputs: '{}' has {} rows, '{}' has {}: every input needs the same batch",
                                     input_names[k], by_input[k]->shape[0], input_names[0], batch.rows));
  batch.values.resize(batch.rows * d);
  for (std::size_t r = 0; r < batch.rows; ++r)
    for (std::size_t k = 0; k < d; ++k) batch.values[r * d + k] = by_input[k]->data[r];
  return batch;
}

}  // namespace twinlab::serve
