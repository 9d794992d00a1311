#include "scenarios/study/study_table.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

namespace twinlab::scenarios {

namespace {

std::string unit_or_one(const std::string& unit) { return unit.empty() ? "1" : unit; }

// CSV cell: numbers round-trip exactly; text quoted when it holds a comma, quote or newline.
std::string csv_text(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_number(double x) { return std::isfinite(x) ? fmt::format("{:.17g}", x) : std::string(); }

}  // namespace

StudyTable study_table(const JournalHeader& header, const JournalOutputs& outputs,
                       const std::vector<RunRecord>& records) {
  StudyTable t{header, outputs, {}, {}};
  std::map<std::size_t, const RunRecord*> by_run;
  for (const auto& r : records) by_run.emplace(r.run, &r);
  const auto shards = static_cast<std::size_t>(header.shard_count);
  for (std::size_t run = static_cast<std::size_t>(header.shard_index - 1); run < header.count; run += shards) {
    t.runs.push_back(run);
    const auto it = by_run.find(run);
    t.rows.push_back(it == by_run.end() ? nullptr : it->second);
  }
  return t;
}

io::Dataset study_dataset(const StudyTable& t) {
  const JournalHeader& h = t.header;
  io::Dataset d;
  auto& a = d.attributes;
  a.set("filetype", "twinlab-study");
  a.set("format_version", 1);
  a.set("twinlab_version", TWINLAB_VERSION);
  a.set("study_name", h.study_name);
  a.set("study_hash", h.study_hash);
  a.set("twin", h.twin);
  a.set("sampler", h.sampler);
  a.set("seed", static_cast<std::int64_t>(h.seed));
  a.set("design_count", static_cast<std::int64_t>(h.count));
  a.set("shard", fmt::format("{}/{}", h.shard_index, h.shard_count));
  a.set("study", h.study_text);
  a.set("scenario", h.scenario_text);

  io::Group& g = d.add_group("study");
  const std::size_t n = t.runs.size();
  std::vector<std::int64_t> runs(t.runs.begin(), t.runs.end());
  g.add_coordinate("run", runs, "1", "run index in the design");
  auto column = [&](const std::string& name, const std::string& unit, const char* role, const std::string& long_name,
                    auto get) {
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = t.rows[i] ? get(*t.rows[i]) : std::nan("");
    g.add_variable(name, {"run"}, {n}, values, unit_or_one(unit), long_name).attributes.set("role", role);
  };
  for (std::size_t p = 0; p < h.parameter_names.size(); ++p)
    column(h.parameter_names[p], h.parameter_units[p], "parameter", "parameter " + h.parameter_names[p],
           [p](const RunRecord& r) { return r.parameters.at(p); });
  for (std::size_t k = 0; k < t.outputs.kpi_names.size(); ++k)
    column(t.outputs.kpi_names[k], t.outputs.kpi_units[k], "kpi", "KPI " + t.outputs.kpi_names[k],
           [k](const RunRecord& r) { return k < r.kpis.size() ? r.kpis[k] : std::nan(""); });
  std::vector<std::string> status(n), message(n);
  std::vector<std::int64_t> seeds(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    status[i] = t.rows[i] ? t.rows[i]->status : "missing";
    message[i] = t.rows[i] ? t.rows[i]->message : "";
    seeds[i] = t.rows[i] ? static_cast<std::int64_t>(t.rows[i]->seed) : 0;
  }
  g.add_variable("status", {"run"}, {n}, status, "", "ok, failed or missing").attributes.set("role", "status");
  g.add_variable("message", {"run"}, {n}, message, "", "why a run failed").attributes.set("role", "status");
  g.add_variable("seed", {"run"}, {n}, seeds, "1", "seed of the run").attributes.set("role", "meta");
  column("wall_time_s", "s", "meta", "wall-clock time of the run", [](const RunRecord& r) { return r.wall_time_s; });

  for (std::size_t f = 0; f < t.outputs.fields.size(); ++f) {
    const FieldShape& shape = t.outputs.fields[f];
    std::size_t cells = 1;
    for (const auto s : shape.shape) cells *= s;
    std::vector<double> values(n * cells, std::nan(""));
    for (std::size_t i = 0; i < n; ++i)
      if (t.rows[i] && f < t.rows[i]->fields.size() && t.rows[i]->fields[f].size() == cells)
        std::copy(t.rows[i]->fields[f].begin(), t.rows[i]->fields[f].end(), values.begin() + i * cells);
    std::vector<std::string> dims{"run"};
    std::vector<std::size_t> extents{n};
    for (std::size_t axis = 0; axis < shape.dims.size(); ++axis) {
      dims.push_back(shape.name + "_" + shape.dims[axis]);  // field dims are the field's own (no coordinates)
      extents.push_back(shape.shape[axis]);
    }
    g.add_variable(shape.name, dims, extents, values, unit_or_one(shape.unit), "field " + shape.name)
        .attributes.set("role", "field");
  }
  return d;
}

std::string study_csv(const StudyTable& t) {
  // Appended piecewise (GCC 12 warns falsely, -Wrestrict, on chains of string concatenation).
  std::string out = "run";
  auto cell = [&out](const std::string& text) {
    out += ',';
    out += text;
  };
  for (const auto& p : t.header.parameter_names) cell(csv_text(p));
  for (const auto& k : t.outputs.kpi_names) cell(csv_text(k));
  out += ",status,message,seed,wall_time_s\n";
  for (std::size_t i = 0; i < t.runs.size(); ++i) {
    const RunRecord* r = t.rows[i];
    out += std::to_string(t.runs[i]);
    for (std::size_t p = 0; p < t.header.parameter_names.size(); ++p)
      cell(r ? csv_number(r->parameters.at(p)) : std::string());
    for (std::size_t k = 0; k < t.outputs.kpi_names.size(); ++k)
      cell(r && k < r->kpis.size() ? csv_number(r->kpis[k]) : std::string());
    cell(r ? r->status : "missing");
    cell(csv_text(r ? r->message : ""));
    cell(r ? std::to_string(r->seed) : std::string());
    cell(r ? csv_number(r->wall_time_s) : std::string());
    out += '\n';
  }
  return out;
}

}  // namespace twinlab::scenarios
