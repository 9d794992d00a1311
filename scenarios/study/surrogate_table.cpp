#include "scenarios/study/surrogate_table.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "base/error.hpp"
#include "io/study_read.hpp"

namespace twinlab::scenarios {

std::vector<std::string> split_list(const std::string& comma_separated) {
  std::vector<std::string> out;
  std::stringstream in(comma_separated);
  std::string name;
  while (std::getline(in, name, ','))
    if (!name.empty()) out.push_back(name);
  return out;
}

namespace {

std::vector<std::string> names_with_role(const io::RunTable& t, const std::string& role) {
  std::vector<std::string> out;
  for (const io::RunColumn& c : t.columns)
    if (c.role == role) out.push_back(c.name);
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

SurrogateTable read_surrogate_table(const std::filesystem::path& path, const std::string& inputs,
                                    const std::string& outputs) {
  const std::string file = path.string();
  const std::string ext = path.extension().string();
  const bool is_h5 = ext == ".h5" || ext == ".hdf5";
  if (!is_h5 && ext != ".csv")
    throw base::InputError({file, 0, 0, ""}, "is neither a study.h5 (.h5) nor a CSV table (.csv); give one of these");
  const io::RunTable table = is_h5 ? io::read_study_h5(path) : io::read_run_csv(path);
  if (!is_h5 && (inputs.empty() || outputs.empty()))
    throw base::InputError({file, 0, 0, inputs.empty() ? "--inputs" : "--outputs"},
                           "required with a CSV table: name the columns");
  const std::vector<std::string> in_names = inputs.empty() ? names_with_role(table, "parameter") : split_list(inputs);
  const std::vector<std::string> out_names = outputs.empty() ? names_with_role(table, "kpi") : split_list(outputs);
  if (in_names.empty()) throw base::InputError({file, 0, 0, "--inputs"}, "the table has no parameter; name inputs");
  if (out_names.empty()) throw base::InputError({file, 0, 0, "--outputs"}, "the table has no KPI; name outputs");
  for (const std::string& n : in_names)
    if (std::find(out_names.begin(), out_names.end(), n) != out_names.end())
      throw base::InputError({file, 0, 0, n}, "is named as an input and as an output; name it once");

  std::vector<std::string> all;
  for (const io::RunColumn& c : table.columns) all.push_back(c.name);
  const auto find = [&](const std::string& name, const char* what) -> const io::RunColumn& {
    const io::RunColumn* c = table.find(name);
    if (!c) throw base::InputError({file, 0, 0, name}, fmt::format("is not a column of the table (as {}); columns: {}", what, joined(all)));
    return *c;
  };
  std::vector<const io::RunColumn*> in_cols, out_cols;
  for (const auto& n : in_names) in_cols.push_back(&find(n, "input"));
  for (const auto& n : out_names) out_cols.push_back(&find(n, "output"));

  SurrogateTable result;
  surrogates::TrainingTable& t = result.data;
  t.input_names = in_names;
  t.output_names = out_names;
  for (const auto* c : in_cols) t.input_units.push_back(c->units);
  for (const auto* c : out_cols) t.output_units.push_back(c->units);
  for (std::size_t r = 0; r < table.rows(); ++r) {
    if (!table.status.empty() && !table.status[r].empty() && table.status[r] != "ok") {
      ++result.failed_runs;
      continue;
    }
    for (const auto* cols : {&in_cols, &out_cols}) {
      for (const io::RunColumn* c : *cols) {
        if (!std::isfinite(c->values[r])) {
          const std::string where = is_h5 ? fmt::format("run {}", table.runs[r]) : fmt::format("row {}", r + 2);
          throw base::InputError({file, is_h5 ? 0 : static_cast<int>(r) + 2, 0, c->name},
                                 fmt::format("{} of a successful run is not a number (NaN, empty or text); "
                                             "fix or drop that run", where));
        }
      }
    }
    for (const auto* c : in_cols) t.inputs.push_back(c->values[r]);
    for (const auto* c : out_cols) t.outputs.push_back(c->values[r]);
    t.run_ids.push_back(table.runs[r]);
    ++t.rows;
  }
  return result;
}

}  // namespace twinlab::scenarios
