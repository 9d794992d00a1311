#include "scenarios/study/field_table.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "base/error.hpp"
#include "io/hdf5_read.hpp"
#include "io/scenario_document.hpp"
#include "io/study_read.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/study/surrogate_table.hpp"

namespace twinlab::scenarios {
namespace {

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

bool starts_with(const std::string& text, const std::string& head) { return text.rfind(head, 0) == 0; }

std::vector<double> linspace(double a, double b, long long n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  for (long long i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = a + (b - a) * static_cast<double>(i) / static_cast<double>(n - 1);
  return v;
}

}  // namespace

bool is_study_field(const std::filesystem::path& path, const std::string& name) {
  const std::string ext = path.extension().string();
  if (ext != ".h5" && ext != ".hdf5") return false;
  try {
    return io::read_string_attribute(path, "/study/" + name, "role") == "field";
  } catch (const std::runtime_error&) {
    return false;  // no such dataset or no role: not a field
  }
}

FieldTable read_field_table(const std::filesystem::path& path, const FieldTableOptions& options) {
  const std::string file = path.string();
  const io::RunTable table = io::read_study_h5(path);
  const std::string& name = options.field;
  const std::string object = "/study/" + name;

  // Inputs, as for a scalar surrogate.
  std::vector<std::string> in_names = split_list(options.inputs);
  if (in_names.empty())
    for (const io::RunColumn& c : table.columns)
      if (c.role == "parameter") in_names.push_back(c.name);
  if (in_names.empty()) throw base::InputError({file, 0, 0, "--inputs"}, "the study has no parameter; name inputs");
  std::vector<const io::RunColumn*> in_cols;
  for (const std::string& n : in_names) {
    const io::RunColumn* c = table.find(n);
    if (!c) throw base::InputError({file, 0, 0, n}, "is not a column of the study (as input)");
    in_cols.push_back(c);
  }

  // The grid, from the study's base scenario (with its defaults).
  if (!starts_with(name, "plume."))
    throw base::InputError({file, 0, 0, name},
                           "no grid is known for this field (field surrogates know the plume.* fields of the "
                           "dispersion twin); train on plume.ground_concentration_max");
  for (const io::RunColumn& c : table.columns)
    if (c.role == "parameter" &&
        (starts_with(c.name, "dispersion.domain.") || starts_with(c.name, "dispersion.plume.grid_") ||
         c.name == "dispersion.sources[0].x_m" || c.name == "dispersion.sources[0].y_m"))
      throw base::InputError({file, 0, 0, c.name},
                             "is swept: the runs' fields do not share one grid and rotation centre; a field "
                             "surrogate needs them fixed");
  const std::string scenario_text = io::read_string_attribute(path, "/", "scenario");
  const Scenario scenario = load_scenario(io::ScenarioDocument::load_text(scenario_text, file + ":scenario"), {});
  const io::ScenarioNode dispersion = scenario.document.root().at("dispersion");
  const io::ScenarioNode domain = dispersion.at("domain");
  const io::ScenarioNode plume = dispersion.at("plume");
  FieldTable result;
  surrogates::FieldTrainingData& d = result.data;
  d.grid.x = linspace(domain.at("x_min_m").number(), domain.at("x_max_m").number(), plume.at("grid_nx").integer());
  d.grid.y = linspace(domain.at("y_min_m").number(), domain.at("y_max_m").number(), plume.at("grid_ny").integer());
  if (options.origin_m) {
    d.origin_x_m = options.origin_m->first;
    d.origin_y_m = options.origin_m->second;
  } else {
    const io::ScenarioNode sources = dispersion.at("sources");
    if (sources.size() == 0) throw base::InputError({file, 0, 0, "scenario.dispersion.sources"}, "is empty");
    d.origin_x_m = sources.item(0).at("x_m").number();
    d.origin_y_m = sources.item(0).at("y_m").number();
  }

  // The field's values: (run, y, x) in storage order.
  const std::vector<double> values = io::read_double_dataset(path, object);
  const std::size_t runs = table.rows(), cells = d.grid.cells();
  if (values.size() != runs * cells)
    throw base::InputError({file, 0, 0, name},
                           fmt::format("holds {} values for {} runs, but the scenario's grid is {} x {} nodes; the "
                                       "study does not match its scenario",
                                       values.size(), runs, d.grid.y.size(), d.grid.x.size()));
  d.field_name = name;
  d.field_units = io::read_string_attribute(path, object, "units");
  d.input_names = in_names;
  for (const auto* c : in_cols) d.input_units.push_back(c->units);
  for (std::size_t r = 0; r < runs; ++r) {
    if (!table.status.empty() && table.status[r] != "ok") {
      ++result.failed_runs;
      continue;
    }
    for (const auto* c : in_cols) {
      if (!std::isfinite(c->values[r]))
        throw base::InputError({file, 0, 0, c->name},
                               fmt::format("run {} of a successful run is not a number; fix or drop that run", table.runs[r]));
      d.inputs.push_back(c->values[r]);
    }
    for (std::size_t k = 0; k < cells; ++k) {
      const double v = values[r * cells + k];
      if (!std::isfinite(v))
        throw base::InputError({file, 0, 0, name},
                               fmt::format("run {} (successful) holds a value that is not finite; fix or drop that run",
                                           table.runs[r]));
      d.fields.push_back(v);
    }
    ++d.rows;
  }

  // The wind direction input.
  if (options.direction_input == "auto") {
    for (std::size_t i = 0; i < in_names.size(); ++i)
      if (ends_with(in_names[i], "wind_direction_deg")) {
        d.direction_input = i;
        break;
      }
  } else if (options.direction_input != "none") {
    for (std::size_t i = 0; i < in_names.size(); ++i)
      if (in_names[i] == options.direction_input) d.direction_input = i;
    if (!d.direction_input)
      throw base::InputError({"--wind-direction", 0, 0, options.direction_input},
                             "is not one of the inputs; name an input (degrees, blowing from), auto or none");
  }
  return result;
}

}  // namespace twinlab::scenarios
