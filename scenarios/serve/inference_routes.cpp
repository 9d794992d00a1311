#include "scenarios/serve/inference_routes.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "serve/infer_request.hpp"
#include "surrogates/domain_guard.hpp"

namespace twinlab::scenarios {

using nlohmann::json;
using serve::error_response;
using serve::Request;
using serve::Response;

namespace {

Response json_response(const json& body, int status = 200) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

std::string json_text(const std::string& text) { return json(text).dump(-1, ' ', false, json::error_handler_t::replace); }

// A tensor's data: FP64 as the shortest text that reads back to the same double, FP32 likewise for the float.
void append_data(std::string& out, const std::vector<double>& values, bool fp32) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    if (fp32) fmt::format_to(std::back_inserter(out), "{}", static_cast<float>(values[i]));
    else fmt::format_to(std::back_inserter(out), "{}", values[i]);
  }
  out += ']';
}

json model_metadata(const ServedModel& m) {
  const auto& card = m.model.card();
  json inputs = json::array(), outputs = json::array(), in_params = json::array(), out_params = json::array();
  for (const auto& in : card.inputs) {
    inputs.push_back({{"name", in.name}, {"datatype", "FP64"}, {"shape", {-1}}});
    in_params.push_back({{"name", in.name}, {"units", in.units}, {"min", in.min}, {"max", in.max}});
  }
  for (const auto& out : card.outputs) out_params.push_back({{"name", out.name}, {"units", out.units}});
  const long long m_out = static_cast<long long>(card.outputs.size());
  outputs.push_back({{"name", "mean"}, {"datatype", "FP64"}, {"shape", {-1, m_out}}});
  outputs.push_back({{"name", "std"}, {"datatype", "FP64"}, {"shape", {-1, m_out}}});
  return {{"name", m.name},
          {"versions", {"1"}},
          {"platform", "twinlab_" + card.kind},
          {"inputs", inputs},
          {"outputs", outputs},
          {"parameters",
           {{"inputs", in_params},
            {"outputs", out_params},
            {"batch_input", {{"name", "input"}, {"shape", {-1, static_cast<long long>(card.inputs.size())}}}},
            {"training_domain", "each input's [min, max]; outside it 400 unless parameters.allow_extrapolation"},
            {"twinlab_version", card.twinlab_version}}}};
}

}  // namespace

Response infer(const ServedModel& model, const std::string& body) {
  const auto& card = model.model.card();
  serve::InferBatch batch;
  try {
    batch = serve::decode_infer_request(body, model.input_names);
  } catch (const serve::RequestError& e) {
    return error_response(400, e.what());
  }
  const std::size_t d = card.inputs.size();
  std::vector<bool> extrapolated(batch.rows, false);
  for (std::size_t r = 0; r < batch.rows; ++r) {
    const auto violation = surrogates::check_domain(card, std::span<const double>(batch.values.data() + r * d, d));
    if (!violation) continue;
    if (!batch.allow_extrapolation)
      return error_response(400, fmt::format("row {}: {}: {}; ask inside it or set parameters.allow_extrapolation "
                                             "(rows are then marked)",
                                             r, card.inputs[violation->input].name, violation->message));
    extrapolated[r] = true;
  }
  const surrogates::Prediction p = batch.all_fp32 ? model.model.predict_fast(batch.values, batch.rows)
                                                  : model.model.predict(batch.values, batch.rows);
  const char* type = batch.all_fp32 ? "FP32" : "FP64";
  std::string out = "{\"model_name\":" + json_text(model.name) + ",\"model_version\":\"1\"";
  if (!batch.id.empty()) out += ",\"id\":" + json_text(batch.id);
  out += ",\"outputs\":[";
  for (int k = 0; k < 2; ++k) {
    out += fmt::format("{}{{\"name\":\"{}\",\"datatype\":\"{}\",\"shape\":[{},{}],\"data\":", k ? "," : "",
                       k ? "std" : "mean", type, p.rows, p.outputs);
    append_data(out, k ? p.std : p.mean, batch.all_fp32);
    out += '}';
  }
  out += "],\"parameters\":{\"outputs\":[";
  for (std::size_t j = 0; j < card.outputs.size(); ++j) {
    if (j) out += ',';
    out += json_text(card.outputs[j].name);
  }
  out += "],\"units\":[";
  for (std::size_t j = 0; j < card.outputs.size(); ++j) {
    if (j) out += ',';
    out += json_text(card.outputs[j].units);
  }
  out += "]";
  if (batch.allow_extrapolation) {
    out += ",\"extrapolated\":[";
    for (std::size_t r = 0; r < batch.rows; ++r) {
      if (r) out += ',';
      out += extrapolated[r] ? "true" : "false";
    }
    out += "]";
  }
  out += "}}";
  Response r;
  r.body = std::move(out);
  return r;
}

void add_inference_routes(serve::Router& router, ModelRepository& models) {
  router.add("GET", "/v2/health/live", false, "Liveness: 200 while the process serves", [](const Request&) {
    return json_response({{"live", true}});
  });
  router.add("GET", "/v2/health/ready", false, "Readiness: 200 once the models under --models are loaded",
             [](const Request&) { return json_response({{"ready", true}}); });
  router.add("GET", "/v2", true, "Server metadata (name, version, protocol extensions)", [](const Request&) {
    return json_response({{"name", "twinlab"}, {"version", TWINLAB_VERSION}, {"extensions", {"model_repository"}}});
  });
  router.add("GET", "/v2/models/{name}", true,
             "Model metadata: inputs and outputs with datatype and shape; units and training domain as parameters",
             [&models](const Request& r) {
               const auto m = models.find(r.params.at("name"));
               if (!m) return error_response(404, "no model named '" + r.params.at("name") + "'");
               return json_response(model_metadata(*m));
             });
  router.add("GET", "/v2/models/{name}/ready", true, "Model readiness: 200 when loaded, else 404",
             [&models](const Request& r) {
               const auto m = models.find(r.params.at("name"));
               if (!m) return error_response(404, "no model named '" + r.params.at("name") + "'");
               return json_response({{"name", m->name}, {"ready", true}});
             });
  router.add("POST", "/v2/models/{name}/infer", true,
             "Infer: inputs [{name, shape, datatype FP32|FP64, data}] -> outputs mean and std, [N, outputs]",
             [&models](const Request& r) {
               const auto m = models.find(r.params.at("name"));
               if (!m) return error_response(404, "no model named '" + r.params.at("name") + "'");
               return infer(*m, r.body);
             });
  router.add("POST", "/v2/repository/index", true, "The models served, each with its state",
             [&models](const Request&) {
               json list = json::array();
               for (const auto& name : models.names()) list.push_back({{"name", name}, {"version", "1"}, {"state", "READY"}});
               return json_response(list);
             });
  router.add("POST", "/v2/repository/models/{name}/load", true,
             "(Re)load the model folder --models/NAME; the other models keep serving meanwhile",
             [&models](const Request& r) {
               try {
                 models.load(r.params.at("name"));
               } catch (const base::InputError& e) {
                 return error_response(std::filesystem::exists(e.where().file) ? 400 : 404, e.what());
               }
               return json_response(json::object());
             });
}

}  // namespace twinlab::scenarios
