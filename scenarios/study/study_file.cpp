#include "scenarios/study/study_file.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include <fmt/format.h>

#include "base/input_file.hpp"
#include "base/sha256.hpp"
#include "io/csv_column.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"
#include "sim/design/sampler_registry.hpp"

namespace twinlab::scenarios {

namespace design = sim::design;
using io::KeySpec;

namespace {

std::vector<std::string> sampler_names() {
  std::vector<std::string> names;
  for (const auto& entry : design::sampler_registry()) names.emplace_back(entry.name);
  names.emplace_back("csv");  // points given in a file (read here, not a design)
  return names;
}

KeySpec make_study_schema() {
  return KeySpec::object("", "A twinlab study file", {
      KeySpec::string("study", "Short name of the study (default: the file's name)").name_like().optional(),
      KeySpec::string("scenario", "Base scenario file, relative to the study file; absent: the built-in default")
          .optional(),
      KeySpec::integer("seed", "Seed of the design (scrambling, permutations) and of every run").at_least(0)
          .defaults(1.0),
      KeySpec::object("sampler", "How the parameter space is sampled", {
          KeySpec::choice("name", sampler_names(), "The sampler"),
          KeySpec::integer("samples", "Points (lhs, random, sobol), base rows N (saltelli: N (d+2) runs) or "
                                      "trajectories r (morris: r (d+1) runs)").at_least(1).at_most(1e9).optional(),
          KeySpec::number_list("levels", "", "grid: levels per parameter (one number: the same for all)").optional(),
          KeySpec::boolean("endpoints", "grid: levels include the range's ends").defaults(false),
          KeySpec::boolean("scramble", "sobol, saltelli: scrambled points").defaults(true),
          KeySpec::integer("morris_levels", "morris: grid levels p (even)").at_least(2).at_most(1000).defaults(4.0),
          KeySpec::string("file", "csv: the points, one column per parameter key (header), one row per run, "
                                  "relative to the study file").optional(),
      }),
      KeySpec::list("parameters", "The scenario keys to vary", {
          KeySpec::string("key", "Dotted scenario key, e.g. dispersion.sources[0].height_m"),
          KeySpec::choice("distribution", {"uniform", "log_uniform", "levels", "normal", "truncated_normal"},
                          "How the values spread").defaults("uniform"),
          KeySpec::number("min", "", "uniform, log_uniform, truncated_normal: lower bound").optional(),
          KeySpec::number("max", "", "uniform, log_uniform, truncated_normal: upper bound").optional(),
          KeySpec::number("mean", "", "normal, truncated_normal: mean").optional(),
          KeySpec::number("std_dev", "", "normal, truncated_normal: standard deviation").optional(),
          KeySpec::scalar_list("levels", "levels: the values, equally likely").optional(),
      }).items(1, 1000),
      KeySpec::scalar_list("kpis", "KPIs to keep (default: all the twin reports)").optional(),
      KeySpec::scalar_list("fields", "Fields to keep per run, e.g. plume.ground_concentration_max").optional(),
      KeySpec::integer("max_failures", "Stop the sweep once more runs than this have failed").at_least(0)
          .optional(),
  });
}

// Regular files of at most 64 MiB only (base::read_input_file): not a FIFO, a device or a directory.
std::string read_text(const std::filesystem::path& path, const std::string& what) {
  return base::read_input_file(path, what, "name a .yaml file");
}

// The schema entry of a dotted scenario key ("a.b[2].c"), or nullptr and in `suggestion` the key with its
// first unknown part replaced by the nearest known one (empty when none is near).
const KeySpec* key_spec_at(const KeySpec& root, const std::string& dotted, std::string& suggestion) {
  const KeySpec* spec = &root;
  std::string token, walked;
  std::istringstream in(dotted);
  while (std::getline(in, token, '.')) {
    const std::size_t bracket = token.find('[');
    const std::string name = token.substr(0, bracket);
    const KeySpec* next = spec->child(name);
    if (!next) {
      const std::string near = io::suggested_key(name, *spec);
      std::string rest;
      std::getline(in, rest, '\0');
      if (!near.empty())
        suggestion = walked + near + (bracket == std::string::npos ? "" : token.substr(bracket)) +
                     (rest.empty() ? "" : "." + rest);
      return nullptr;
    }
    walked += token + ".";
    spec = next;
  }
  return spec;
}

double required(const io::ScenarioNode& p, const char* key, const std::string& law, bool points_given) {
  if (points_given && !p.has(key)) return std::nan("");  // sampler csv: the file gives the values
  if (!p.has(key)) p.fail("distribution " + law + " needs '" + key + "'");
  return p.at(key).number();
}

StudyParameter read_parameter(const io::ScenarioNode& p, const KeySpec& scenario_schema, bool points_given) {
  StudyParameter out;
  const io::ScenarioNode key = p.at("key");
  out.key = key.text();
  out.where = key.location();
  out.law = p.at("distribution").text();
  std::string suggestion;
  const KeySpec* target = key_spec_at(scenario_schema, out.key, suggestion);
  if (!target)
    key.fail("'" + out.key + "' is not a key of the base scenario" +
             (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"));
  if (target->type != io::ValueType::Number && target->type != io::ValueType::Integer && out.law != "levels")
    key.fail("'" + out.key + "' is not a number; vary it with distribution: levels");
  out.unit = target->unit;
  out.integer = target->type == io::ValueType::Integer;
  base::InputLocation where = p.location();
  where.key = p.path();
  auto required = [&](const char* name, const std::string& law) {
    return twinlab::scenarios::required(p, name, law, points_given);
  };
  if (points_given && !p.has("min") && !p.has("max") && !p.has("mean") && !p.has("levels")) return out;
  if (out.law == "uniform")
    out.distribution = design::ParameterDistribution::uniform(required("min", out.law), required("max", out.law), where);
  else if (out.law == "log_uniform")
    out.distribution =
        design::ParameterDistribution::log_uniform(required("min", out.law), required("max", out.law), where);
  else if (out.law == "normal")
    out.distribution =
        design::ParameterDistribution::normal(required("mean", out.law), required("std_dev", out.law), where);
  else if (out.law == "truncated_normal")
    out.distribution = design::ParameterDistribution::truncated_normal(
        required("mean", out.law), required("std_dev", out.law), required("min", out.law),
        required("max", out.law), where);
  else {
    if (!p.has("levels")) p.fail("distribution levels needs 'levels: [...]'");
    out.levels = p.at("levels").texts();
    out.distribution = design::ParameterDistribution::levels(out.levels.size(), where);
  }
  return out;
}

bool is_number(const std::string& text, double& value) {
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(value);
}

}  // namespace

const KeySpec& study_schema() {
  static const KeySpec schema = make_study_schema();
  return schema;
}

StudySpec load_study(const std::filesystem::path& file) {
  StudySpec spec;
  spec.file = file;
  spec.text = read_text(file, "study file");
  io::ScenarioDocument doc = io::ScenarioDocument::load_file(file);
  doc.resolve(study_schema());
  const io::ScenarioNode root = doc.root();
  spec.name = root.has("study") ? root.at("study").text() : file.stem().string();
  if (!io::is_plain_name(spec.name)) root.fail("the file's name is not a plain name: give one with study:");
  spec.seed = static_cast<std::uint64_t>(root.at("seed").integer());
  if (root.has("scenario")) {
    spec.scenario = std::filesystem::absolute(file).parent_path() / root.at("scenario").text();
    if (!std::filesystem::is_regular_file(*spec.scenario))
      root.at("scenario").fail("no such scenario file: " + spec.scenario->string());
    spec.scenario_text = read_text(*spec.scenario, "scenario file");
  } else {
    spec.scenario_text = default_scenario_text();
  }
  // The base scenario's own schema tells which keys exist and which take integers.
  const Scenario base = load_scenario(spec.scenario, {});
  const KeySpec& scenario_keys = scenario_schema(*base.twin);
  const io::ScenarioNode s = root.at("sampler");
  spec.sampler = s.at("name").text();
  const bool points_given = spec.sampler == "csv";
  const io::ScenarioNode parameters = root.at("parameters");
  for (std::size_t i = 0; i < parameters.size(); ++i)
    spec.parameters.push_back(read_parameter(parameters.item(i), scenario_keys, points_given));
  if (points_given) {
    if (!s.has("file")) s.fail("sampler csv needs 'file: points.csv'");
    const std::filesystem::path points = std::filesystem::absolute(file).parent_path() / s.at("file").text();
    std::vector<std::vector<double>> columns;
    for (const auto& p : spec.parameters) {
      try {
        columns.push_back(io::read_csv_column(points, p.key));
      } catch (const base::InputError& e) {
        s.at("file").fail(e.what());
      }
    }
    for (std::size_t row = 0; row < columns.front().size(); ++row) {
      std::vector<double> point;
      for (const auto& column : columns) point.push_back(row < column.size() ? column[row] : std::nan(""));
      spec.points.push_back(std::move(point));
    }
  }
  spec.sampler_where = s.location();
  spec.sampler_where.key = "sampler";
  spec.sampler_spec.dimension = spec.parameters.size();
  spec.sampler_spec.seed = spec.seed;
  if (s.has("samples")) spec.sampler_spec.samples = static_cast<std::size_t>(s.at("samples").integer());
  if (s.has("levels"))
    for (const double l : s.at("levels").numbers()) spec.sampler_spec.levels.push_back(static_cast<std::size_t>(l));
  spec.sampler_spec.endpoints = s.at("endpoints").boolean();
  spec.sampler_spec.scramble = s.at("scramble").boolean();
  spec.sampler_spec.morris_levels = static_cast<std::size_t>(s.at("morris_levels").integer());
  if (root.has("kpis")) spec.kpis = root.at("kpis").texts();
  if (root.has("fields")) spec.fields = root.at("fields").texts();
  if (root.has("max_failures")) spec.max_failures = root.at("max_failures").integer();
  spec.hash = base::sha256_hex(spec.text + '\0' + spec.scenario_text);
  return spec;
}

StudyDesign::StudyDesign(const StudySpec& spec)
    : spec_(spec),
      sampler_(spec.sampler == "csv" ? nullptr : design::make_sampler(spec.sampler, spec.sampler_spec, spec.sampler_where)) {
  if (sampler_ && sampler_->touches_bounds())
    for (const auto& p : spec.parameters)
      if (!p.distribution.bounded())
        throw base::InputError(p.where, "a normal distribution has no bounds, and the " + spec.sampler +
                                            " design reaches u = 0 and 1; use truncated_normal");
}

std::vector<double> StudyDesign::values(std::size_t run) const {
  if (!sampler_) {  // csv: the values as given (whole numbers for integer keys)
    std::vector<double> out = spec_.points.at(run);
    for (std::size_t d = 0; d < out.size(); ++d)
      if (spec_.parameters[d].integer) out[d] = std::round(out[d]);
    return out;
  }
  const std::vector<double> u = sampler_->point(run);
  std::vector<double> out(u.size());
  for (std::size_t d = 0; d < u.size(); ++d) {
    const StudyParameter& p = spec_.parameters[d];
    if (!p.levels.empty()) {
      const std::size_t k = p.distribution.level_index(u[d]);
      double number = 0.0;
      out[d] = is_number(p.levels[k], number) ? number : static_cast<double>(k);
    } else {
      out[d] = p.distribution.from_unit(u[d]);
      if (p.integer) out[d] = std::round(out[d]);
    }
  }
  return out;
}

std::vector<std::string> StudyDesign::overrides(std::size_t run) const {
  if (!sampler_) {
    const std::vector<double> v = values(run);
    std::vector<std::string> out;
    for (std::size_t d = 0; d < v.size(); ++d)
      out.push_back(spec_.parameters[d].key + "=" +
                    (spec_.parameters[d].integer ? fmt::format("{}", static_cast<long long>(v[d]))
                                                 : fmt::format("{:.17g}", v[d])));
    return out;
  }
  const std::vector<double> u = sampler_->point(run);
  std::vector<std::string> out;
  for (std::size_t d = 0; d < u.size(); ++d) {
    const StudyParameter& p = spec_.parameters[d];
    std::string value;
    if (!p.levels.empty())
      value = p.levels[p.distribution.level_index(u[d])];
    else if (p.integer)
      value = fmt::format("{}", static_cast<long long>(std::llround(p.distribution.from_unit(u[d]))));
    else
      value = fmt::format("{:.17g}", p.distribution.from_unit(u[d]));  // round-trips exactly
    out.push_back(p.key + "=" + value);
  }
  return out;
}

}  // namespace twinlab::scenarios
