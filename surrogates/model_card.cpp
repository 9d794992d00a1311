#include "surrogates/model_card.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "base/error.hpp"

namespace twinlab::surrogates {
namespace {

using nlohmann::json;

json metrics_json(const OutputMetrics& m) {
  return {{"n", m.n},
          {"r2", m.r2},
          {"rmse", m.rmse},
          {"mean_relative_error", m.mean_relative_error},
          {"mean_nll", m.mean_nll},
          {"coverage_1sigma", m.coverage_1sigma},
          {"coverage_2sigma", m.coverage_2sigma}};
}

json scaling_json(const ColumnScaling& s) {
  return {{"transform", s.log10 ? "log10" : "none"}, {"shift", s.shift}, {"scale", s.scale}};
}

class CardReader {
 public:
  explicit CardReader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw base::InputError({file_, 0, 0, key}, what);
  }

  const json& member(const json& object, const std::string& name, const std::string& key) const {
    if (!object.is_object() || !object.contains(name)) fail(key, "missing; see docs/surrogates.md for model.json");
    return object.at(name);
  }
  std::string text(const json& object, const std::string& name, const std::string& key) const {
    const json& v = member(object, name, key);
    if (!v.is_string()) fail(key, "must be a string");
    return v.get<std::string>();
  }
  double number(const json& object, const std::string& name, const std::string& key) const {
    const json& v = member(object, name, key);
    if (!v.is_number()) fail(key, "must be a number");
    return v.get<double>();
  }
  OutputMetrics metrics(const json& m, const std::string& mk) const {
    OutputMetrics metrics;
    metrics.n = static_cast<std::size_t>(number(m, "n", mk + ".n"));
    metrics.r2 = number(m, "r2", mk + ".r2");
    metrics.rmse = number(m, "rmse", mk + ".rmse");
    metrics.mean_relative_error = number(m, "mean_relative_error", mk + ".mean_relative_error");
    metrics.mean_nll = number(m, "mean_nll", mk + ".mean_nll");
    metrics.coverage_1sigma = number(m, "coverage_1sigma", mk + ".coverage_1sigma");
    metrics.coverage_2sigma = number(m, "coverage_2sigma", mk + ".coverage_2sigma");
    return metrics;
  }
  std::vector<std::int64_t> indices(const json& object, const std::string& name, const std::string& key) const {
    const json& v = member(object, name, key);
    if (!v.is_array()) fail(key, "must be a list of whole numbers");
    std::vector<std::int64_t> out;
    for (const json& e : v) {
      if (!e.is_number_integer()) fail(key, "must be a list of whole numbers");
      out.push_back(e.get<std::int64_t>());
    }
    return out;
  }
  std::optional<ColumnScaling> scaling(const json& object, const std::string& key) const {
    if (!object.contains("scaling")) return std::nullopt;
    const json& s = object.at("scaling");
    ColumnScaling out;
    const std::string transform = text(s, "transform", key + ".scaling.transform");
    if (transform != "log10" && transform != "none") fail(key + ".scaling.transform", "must be log10 or none");
    out.log10 = transform == "log10";
    out.shift = number(s, "shift", key + ".scaling.shift");
    out.scale = number(s, "scale", key + ".scaling.scale");
    return out;
  }

 private:
  std::string file_;
};

// The `field` block (field surrogates).
json error_json(const FieldErrorSummary& e) {
  return {{"n", e.n}, {"median", e.median}, {"p95", e.p95}, {"max", e.max}};
}

FieldErrorSummary error_from_json(const CardReader& r, const json& j, const std::string& key) {
  FieldErrorSummary e;
  e.n = static_cast<std::size_t>(r.number(j, "n", key + ".n"));
  e.median = r.number(j, "median", key + ".median");
  e.p95 = r.number(j, "p95", key + ".p95");
  e.max = r.number(j, "max", key + ".max");
  return e;
}

json field_json(const FieldCard& f) {
  json grid = {{"dims", f.dims}, {"shape", json::array()}, {"coordinates", json::object()}, {"units", "m"}};
  for (std::size_t i = 0; i < f.dims.size() && i < f.coordinates.size(); ++i) {
    grid["shape"].push_back(f.coordinates[i].size());
    grid["coordinates"][f.dims[i]] = f.coordinates[i];
  }
  json frame = {{"kind", f.frame}};
  if (f.frame == "wind-aligned") {
    frame["direction_input"] = f.direction_input;
    frame["origin_m"] = {f.origin_x_m, f.origin_y_m};
    frame["aligned_shape"] = f.aligned_shape;
    frame["aligned_spacing_m"] = f.aligned_spacing_m;
    frame["convention"] = "wind direction blowing FROM, degrees clockwise from north; s downwind, n to the left";
  }
  json bins = json::array();
  for (const FieldDirectionBin& b : f.by_direction)
    bins.push_back({{"from_deg", b.from_deg}, {"to_deg", b.to_deg}, {"projection_floor", error_json(b.projection_floor)},
                    {"end_to_end", error_json(b.end_to_end)}});
  json j = {{"name", f.name},
            {"units", f.units},
            {"grid", grid},
            {"transform", {{"kind", f.transform}, {"floor", f.floor}, {"floor_fraction", f.floor_fraction}}},
            {"frame", frame},
            {"pod", {{"modes", f.modes}, {"energy_fraction_asked", f.energy_fraction_asked},
                     {"energy_captured", f.energy_captured}, {"mode_energy", f.mode_energy}}},
            {"test_errors", {{"metric", "relative L2 per test run: ||predicted - true|| / ||true||, raw units"},
                             {"projection_floor", error_json(f.projection_floor)},
                             {"end_to_end", error_json(f.end_to_end)}}},
            {"error_by_direction", bins}};
  if (!f.direction_input.empty()) j["error_by_direction_input"] = f.direction_input;
  return j;
}

FieldCard field_from_json(const CardReader& r, const json& j) {
  FieldCard f;
  f.name = r.text(j, "name", "field.name");
  f.units = r.text(j, "units", "field.units");
  const json& grid = r.member(j, "grid", "field.grid");
  const json& dims = r.member(grid, "dims", "field.grid.dims");
  if (!dims.is_array() || dims.empty()) r.fail("field.grid.dims", "must be a non-empty list of dimension names");
  const json& coordinates = r.member(grid, "coordinates", "field.grid.coordinates");
  for (const json& d : dims) {
    if (!d.is_string()) r.fail("field.grid.dims", "must be a list of names");
    f.dims.push_back(d.get<std::string>());
    const json& c = r.member(coordinates, f.dims.back(), "field.grid.coordinates." + f.dims.back());
    if (!c.is_array() || c.empty()) r.fail("field.grid.coordinates." + f.dims.back(), "must be a list of numbers");
    f.coordinates.push_back(c.get<std::vector<double>>());
  }
  const json& transform = r.member(j, "transform", "field.transform");
  f.transform = r.text(transform, "kind", "field.transform.kind");
  f.floor = transform.value("floor", 0.0);
  f.floor_fraction = transform.value("floor_fraction", 0.0);
  const json& frame = r.member(j, "frame", "field.frame");
  f.frame = r.text(frame, "kind", "field.frame.kind");
  if (f.frame == "wind-aligned") {
    f.direction_input = r.text(frame, "direction_input", "field.frame.direction_input");
    const auto origin = frame.value("origin_m", std::vector<double>{});
    if (origin.size() != 2) r.fail("field.frame.origin_m", "must be [x, y] in m");
    f.origin_x_m = origin[0];
    f.origin_y_m = origin[1];
    f.aligned_shape = frame.value("aligned_shape", std::vector<std::size_t>{});
    f.aligned_spacing_m = frame.value("aligned_spacing_m", 0.0);
  }
  if (j.contains("error_by_direction_input")) f.direction_input = j.value("error_by_direction_input", std::string());
  if (j.contains("pod") && j.at("pod").is_object()) {
    const json& pod = j.at("pod");
    f.modes = pod.value("modes", std::size_t{0});
    f.energy_fraction_asked = pod.value("energy_fraction_asked", 0.0);
    f.energy_captured = pod.value("energy_captured", 0.0);
    f.mode_energy = pod.value("mode_energy", std::vector<double>{});
  }
  if (j.contains("test_errors") && j.at("test_errors").is_object()) {
    const json& t = j.at("test_errors");
    f.projection_floor = error_from_json(r, r.member(t, "projection_floor", "field.test_errors.projection_floor"),
                                         "field.test_errors.projection_floor");
    f.end_to_end = error_from_json(r, r.member(t, "end_to_end", "field.test_errors.end_to_end"),
                                   "field.test_errors.end_to_end");
  }
  if (j.contains("error_by_direction") && j.at("error_by_direction").is_array()) {
    for (const json& b : j.at("error_by_direction")) {
      FieldDirectionBin bin;
      bin.from_deg = r.number(b, "from_deg", "field.error_by_direction.from_deg");
      bin.to_deg = r.number(b, "to_deg", "field.error_by_direction.to_deg");
      bin.projection_floor = error_from_json(r, r.member(b, "projection_floor", "field.error_by_direction"),
                                             "field.error_by_direction.projection_floor");
      bin.end_to_end = error_from_json(r, r.member(b, "end_to_end", "field.error_by_direction"),
                                       "field.error_by_direction.end_to_end");
      f.by_direction.push_back(bin);
    }
  }
  return f;
}

}  // namespace

std::string model_card_json(const ModelCard& card) {
  json inputs = json::array();
  for (const InputSpec& in : card.inputs) {
    json j = {{"name", in.name}, {"units", in.units}, {"min", in.min}, {"max", in.max}};
    if (in.scaling) j["scaling"] = scaling_json(*in.scaling);
    inputs.push_back(j);
  }
  json outputs = json::array();
  for (const OutputSpec& out : card.outputs) {
    json j = {{"name", out.name}, {"units", out.units}};
    if (out.scaling) j["scaling"] = scaling_json(*out.scaling);
    if (out.test) j["test_metrics"] = metrics_json(*out.test);
    if (out.calibration) {
      j["calibration"] = {{"method", "std scaled by std_scale; std_scale^2 = mean ((y - mu) / sigma)^2 over the "
                                     "validation runs in the learnt space (maximum likelihood)"},
                          {"std_scale", out.calibration->std_scale},
                          {"validation_rows", out.calibration->validation_rows},
                          {"test_metrics_uncalibrated", metrics_json(out.calibration->test_uncalibrated)}};
    }
    outputs.push_back(j);
  }
  json j = {{"format", "twinlab-surrogate"},
            {"format_version", card.format_version},
            {"kind", card.kind},
            {"weights", card.weights_file},
            {"forward", "x float64 [N, inputs] raw units -> (mean, std) float64 [N, outputs] raw units"},
            {"trained_by", card.trained_by},
            {"inputs", inputs},
            {"outputs", outputs}};
  if (card.density) {
    j["input_density"] = {{"measure", "nearest-neighbour distance in the unit box of the training domain"},
                          {"points", card.density->points},
                          {"nearest_median", card.density->nearest_median},
                          {"nearest_p95", card.density->nearest_p95}};
  }
  j["training"] = {{"members", card.members},
                   {"hidden_layers", card.hidden_layers},
                   {"activation", card.activation},
                   {"seed", card.seed},
                   {"rows", {{"train", card.train_rows}, {"validation", card.validation_rows}, {"test", card.test_rows}}},
                   {"epochs_per_member", card.epochs_per_member}};
  if (card.split) {
    j["split"] = {{"by", card.split->by},
                  {"seed", card.split->seed},
                  {"train", card.split->train},
                  {"validation", card.split->validation},
                  {"test", card.split->test}};
  }
  j["source"] = {{"file", card.source_file}, {"sha256", card.source_sha256}};
  j["twinlab_version"] = card.twinlab_version;
  if (card.field) {
    j["field"] = field_json(*card.field);
    j["forward"] = fmt::format("x float64 [N, inputs] raw units -> (mean, std) float64 [N, {}] raw units",
                               fmt::join(card.field->dims, ", "));
  }
  return j.dump(2) + "\n";
}

ModelCard read_model_card(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::ifstream in(path);
  if (!in) throw base::InputError({file, 0, 0, ""}, "cannot be read; a model directory holds model.json");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::parse_error& e) {
    throw base::InputError({file, 0, 0, ""}, fmt::format("is not valid JSON ({})", e.what()));
  }
  const CardReader r(file);
  ModelCard card;
  if (r.text(j, "format", "format") != "twinlab-surrogate") r.fail("format", "must be \"twinlab-surrogate\"");
  card.format_version = static_cast<int>(r.number(j, "format_version", "format_version"));
  if (card.format_version != 1) r.fail("format_version", fmt::format("{} is not supported (this twinlab reads 1)", card.format_version));
  card.kind = j.value("kind", std::string("scalar-ensemble"));
  card.weights_file = r.text(j, "weights", "weights");
  card.trained_by = j.value("trained_by", std::string("unknown"));
  const json& inputs = r.member(j, "inputs", "inputs");
  if (!inputs.is_array() || inputs.empty()) r.fail("inputs", "must be a non-empty list of {name, units, min, max}");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::string key = fmt::format("inputs[{}]", i);
    InputSpec spec;
    spec.name = r.text(inputs[i], "name", key + ".name");
    spec.units = r.text(inputs[i], "units", key + ".units");
    spec.min = r.number(inputs[i], "min", key + ".min");
    spec.max = r.number(inputs[i], "max", key + ".max");
    if (!(spec.min <= spec.max)) r.fail(key + ".max", fmt::format("must be >= min (got min {:g}, max {:g})", spec.min, spec.max));
    spec.scaling = r.scaling(inputs[i], key);
    card.inputs.push_back(spec);
  }
  const json& outputs = r.member(j, "outputs", "outputs");
  if (!outputs.is_array() || outputs.empty()) r.fail("outputs", "must be a non-empty list of {name, units}");
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const std::string key = fmt::format("outputs[{}]", i);
    OutputSpec spec;
    spec.name = r.text(outputs[i], "name", key + ".name");
    spec.units = r.text(outputs[i], "units", key + ".units");
    spec.scaling = r.scaling(outputs[i], key);
    if (outputs[i].contains("test_metrics")) spec.test = r.metrics(outputs[i].at("test_metrics"), key + ".test_metrics");
    if (outputs[i].contains("calibration")) {
      const json& c = outputs[i].at("calibration");
      const std::string ck = key + ".calibration";
      SpreadCalibration calibration;
      calibration.std_scale = r.number(c, "std_scale", ck + ".std_scale");
      if (!(calibration.std_scale > 0.0)) r.fail(ck + ".std_scale", "must be > 0");
      calibration.validation_rows = static_cast<std::size_t>(r.number(c, "validation_rows", ck + ".validation_rows"));
      calibration.test_uncalibrated = r.metrics(r.member(c, "test_metrics_uncalibrated", ck + ".test_metrics_uncalibrated"),
                                                ck + ".test_metrics_uncalibrated");
      spec.calibration = calibration;
    }
    card.outputs.push_back(spec);
  }
  if (j.contains("input_density")) {
    const json& d = j.at("input_density");
    DataDensity density;
    density.points = static_cast<std::size_t>(r.number(d, "points", "input_density.points"));
    density.nearest_median = r.number(d, "nearest_median", "input_density.nearest_median");
    density.nearest_p95 = r.number(d, "nearest_p95", "input_density.nearest_p95");
    card.density = density;
  }
  if (j.contains("training") && j.at("training").is_object()) {
    const json& t = j.at("training");
    card.members = t.value("members", 0);
    card.hidden_layers = t.value("hidden_layers", std::vector<int>{});
    card.activation = t.value("activation", std::string());
    card.seed = t.value("seed", std::uint64_t{0});
    card.epochs_per_member = t.value("epochs_per_member", std::vector<int>{});
    if (t.contains("rows") && t.at("rows").is_object()) {
      card.train_rows = t.at("rows").value("train", std::size_t{0});
      card.validation_rows = t.at("rows").value("validation", std::size_t{0});
      card.test_rows = t.at("rows").value("test", std::size_t{0});
    }
  }
  if (j.contains("split")) {
    const json& s = j.at("split");
    SplitRecord split;
    split.by = r.text(s, "by", "split.by");
    if (split.by != "run" && split.by != "row") r.fail("split.by", "must be \"run\" or \"row\"");
    const json& seed = r.member(s, "seed", "split.seed");
    if (!seed.is_number_unsigned()) r.fail("split.seed", "must be a whole number >= 0");
    split.seed = seed.get<std::uint64_t>();
    split.train = r.indices(s, "train", "split.train");
    split.validation = r.indices(s, "validation", "split.validation");
    split.test = r.indices(s, "test", "split.test");
    card.split = split;
  }
  if (j.contains("source") && j.at("source").is_object()) {
    card.source_file = j.at("source").value("file", std::string());
    card.source_sha256 = j.at("source").value("sha256", std::string());
  }
  card.twinlab_version = j.value("twinlab_version", std::string());
  if (j.contains("field")) card.field = field_from_json(r, j.at("field"));
  return card;
}

}  // namespace twinlab::surrogates
