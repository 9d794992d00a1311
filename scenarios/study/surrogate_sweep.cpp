#include "scenarios/study/surrogate_sweep.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <numeric>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/output_directory.hpp"
#include "io/dataset.hpp"
#include "io/hdf5_writer.hpp"
#include "scenarios/study/point_runner.hpp"

namespace twinlab::scenarios {

namespace fs = std::filesystem;
using base::InputError;
using surrogates::ModelCard;
using surrogates::Prediction;

std::vector<std::size_t> map_model_inputs(const ModelCard& card, const StudySpec& spec,
                                          const std::string& model_label) {
  std::vector<std::size_t> index;
  std::string parameters;
  for (const auto& p : spec.parameters) parameters += (parameters.empty() ? "" : ", ") + p.key;
  for (const auto& in : card.inputs) {
    std::size_t i = 0;
    while (i < spec.parameters.size() && spec.parameters[i].key != in.name) ++i;
    if (i == spec.parameters.size())
      throw InputError({model_label, 0, 0, in.name},
                       fmt::format("the model's input is not a parameter of the study {} (it varies: {}); the "
                                   "study's parameters must be the model's inputs, by name",
                                   spec.file.string(), parameters));
    index.push_back(i);
  }
  for (const auto& p : spec.parameters)
    if (std::none_of(card.inputs.begin(), card.inputs.end(), [&](const auto& in) { return in.name == p.key; }))
      throw InputError(p.where, fmt::format("the study varies '{}', which is not an input of the model {}; vary "
                                            "only the model's inputs",
                                            p.key, model_label));
  return index;
}

BestKpi parse_best_kpi(const std::string& text, const ModelCard& card) {
  BestKpi best;
  if (text.empty()) return best;
  std::string name = text;
  const auto colon = text.rfind(':');
  if (colon != std::string::npos && (text.substr(colon + 1) == "min" || text.substr(colon + 1) == "max")) {
    best.maximise = text.substr(colon + 1) == "max";
    name = text.substr(0, colon);
  }
  std::string names;
  for (std::size_t k = 0; k < card.outputs.size(); ++k) {
    if (card.outputs[k].name == name) {
      best.output = k;
      return best;
    }
    names += (names.empty() ? "" : ", ") + card.outputs[k].name;
  }
  throw InputError({"--best", 0, 0, name},
                   fmt::format("is not an output of the model; give KPI, KPI:max or KPI:min with one of: {}", names));
}

double relative_spread(const Prediction& p, std::size_t row) {
  double worst = 0.0;
  for (std::size_t k = 0; k < p.outputs; ++k) {
    const std::size_t i = row * p.outputs + k;
    worst = std::max(worst, p.std[i] / std::max(std::abs(p.mean[i]), 1e-300));
  }
  return worst;
}

std::vector<VerifyChoice> pick_verification_rows(const Prediction& p, const std::vector<bool>& inside, BestKpi best,
                                                 std::size_t k) {
  std::vector<std::size_t> candidates;
  for (std::size_t r = 0; r < p.rows; ++r)
    if (inside[r]) candidates.push_back(r);
  std::vector<VerifyChoice> out;
  std::vector<bool> taken(p.rows, false);
  auto take = [&](std::vector<std::size_t> order, std::size_t count, const char* reason) {
    for (std::size_t r : order) {
      if (count == 0) break;
      if (taken[r]) continue;
      taken[r] = true;
      out.push_back({r, reason});
      --count;
    }
  };
  const std::size_t n_best = (k + 1) / 2;
  std::vector<std::size_t> by_kpi = candidates;
  std::stable_sort(by_kpi.begin(), by_kpi.end(), [&](std::size_t a, std::size_t b) {
    const double va = p.mean[a * p.outputs + best.output], vb = p.mean[b * p.outputs + best.output];
    return best.maximise ? va > vb : va < vb;
  });
  take(by_kpi, n_best, "best");
  std::vector<std::size_t> by_spread = candidates;
  std::stable_sort(by_spread.begin(), by_spread.end(),
                   [&](std::size_t a, std::size_t b) { return relative_spread(p, a) > relative_spread(p, b); });
  take(by_spread, k - out.size(), "uncertain");
  return out;
}

namespace {

std::string csv_cell(double v) { return fmt::format("{:.17g}", v); }

struct SampleTable {
  std::size_t rows = 0;
  std::vector<double> parameters;  // rows x study parameters
  std::vector<double> inputs;      // rows x model inputs
  std::vector<std::string> outside;
  Prediction prediction;
};

std::string samples_csv(const StudySpec& spec, const ModelCard& card, const SampleTable& t) {
  std::ostringstream out;
  out << "run";
  for (const auto& p : spec.parameters) out << "," << p.key;
  for (const auto& o : card.outputs) out << "," << o.name << "," << o.name << "_std";
  out << ",extrapolated,outside\n";
  const std::size_t d = spec.parameters.size(), m = t.prediction.outputs;
  for (std::size_t r = 0; r < t.rows; ++r) {
    out << r;
    for (std::size_t i = 0; i < d; ++i) out << "," << csv_cell(t.parameters[r * d + i]);
    for (std::size_t k = 0; k < m; ++k)
      out << "," << csv_cell(t.prediction.mean[r * m + k]) << "," << csv_cell(t.prediction.std[r * m + k]);
    out << "," << (t.outside[r].empty() ? 0 : 1) << "," << t.outside[r] << "\n";
  }
  return out.str();
}

io::Dataset samples_dataset(const StudySpec& spec, const ModelCard& card, const SampleTable& t,
                            const fs::path& model_dir) {
  io::Dataset ds;
  ds.attributes.set("filetype", "twinlab-surrogate-study");
  ds.attributes.set("format_version", std::int64_t{1});
  ds.attributes.set("twinlab_version", TWINLAB_VERSION);
  ds.attributes.set("study_name", spec.name);
  ds.attributes.set("study_text", spec.text);
  ds.attributes.set("study_hash", spec.hash);
  ds.attributes.set("model", model_dir.string());
  ds.attributes.set("model_source_sha256", card.source_sha256);
  io::Group& g = ds.add_group("study");
  std::vector<std::int64_t> index(t.rows);
  std::iota(index.begin(), index.end(), std::int64_t{0});
  g.add_coordinate("run", index, "1", "run index of the study's design");
  const std::size_t d = spec.parameters.size(), m = t.prediction.outputs;
  for (std::size_t i = 0; i < d; ++i) {
    std::vector<double> v(t.rows);
    for (std::size_t r = 0; r < t.rows; ++r) v[r] = t.parameters[r * d + i];
    g.add_variable(spec.parameters[i].key, {"run"}, {t.rows}, v,
                   spec.parameters[i].unit.empty() ? "1" : spec.parameters[i].unit, "study parameter")
        .attributes.set("role", "parameter");
  }
  for (std::size_t k = 0; k < m; ++k) {
    std::vector<double> mean(t.rows), sd(t.rows);
    for (std::size_t r = 0; r < t.rows; ++r) {
      mean[r] = t.prediction.mean[r * m + k];
      sd[r] = t.prediction.std[r * m + k];
    }
    g.add_variable(card.outputs[k].name, {"run"}, {t.rows}, mean, card.outputs[k].units, "surrogate's predicted mean")
        .attributes.set("role", "prediction");
    g.add_variable(card.outputs[k].name + "_std", {"run"}, {t.rows}, sd, card.outputs[k].units,
                   "ensemble spread (standard deviation)")
        .attributes.set("role", "spread");
  }
  std::vector<std::int64_t> flags(t.rows);
  for (std::size_t r = 0; r < t.rows; ++r) flags[r] = t.outside[r].empty() ? 0 : 1;
  g.add_variable("extrapolated", {"run"}, {t.rows}, flags, "1", "1 = outside the model's training domain")
      .attributes.set("role", "status");
  g.add_variable("outside", {"run"}, {t.rows}, t.outside, "", "the inputs outside the training domain")
      .attributes.set("role", "status");
  return ds;
}

struct Verified {
  VerifyChoice choice;
  RunRecord record;
  std::vector<double> physics;  // per model output; NaN when the run failed
};

}  // namespace

int run_surrogate_sweep(const StudySpec& spec, const fs::path& dir, const SurrogateSweepOptions& options) {
  const surrogates::SurrogateModel model = surrogates::SurrogateModel::load(options.model_dir);
  const ModelCard& card = model.card();
  const std::vector<std::size_t> to_parameter = map_model_inputs(card, spec, options.model_dir.string());
  const BestKpi best = parse_best_kpi(options.best, card);
  const std::string problem = base::output_target_problem(dir, options.overwrite);
  if (!problem.empty()) throw InputError({"-o", 0, 0, dir.string()}, problem);

  const StudyDesign design(spec);
  SampleTable t;
  t.rows = design.count();
  const std::size_t d = spec.parameters.size(), n_in = card.inputs.size();
  t.parameters.reserve(t.rows * d);
  t.inputs.reserve(t.rows * n_in);
  t.outside.resize(t.rows);
  std::vector<bool> inside(t.rows, true);
  std::size_t n_outside = 0;
  for (std::size_t r = 0; r < t.rows; ++r) {
    const std::vector<double> v = design.values(r);
    t.parameters.insert(t.parameters.end(), v.begin(), v.end());
    for (std::size_t i = 0; i < n_in; ++i) {
      const double x = v[to_parameter[i]];
      t.inputs.push_back(x);
      if (!(x >= card.inputs[i].min && x <= card.inputs[i].max))
        t.outside[r] += (t.outside[r].empty() ? "" : ";") + card.inputs[i].name;
    }
    inside[r] = t.outside[r].empty();
    n_outside += inside[r] ? 0 : 1;
  }
  const auto start = std::chrono::steady_clock::now();
  t.prediction = model.predict(t.inputs, t.rows);
  const double predict_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (n_outside > 0)
    spdlog::warn("{} of {} samples lie outside the model's training domain: marked (extrapolated = 1, outside = "
                 "the inputs) and never chosen for verification",
                 n_outside, t.rows);

  // The physics re-runs: the study with exactly the model's outputs as its KPIs.
  StudySpec physics_spec = spec;
  physics_spec.kpis.clear();
  for (const auto& o : card.outputs) physics_spec.kpis.push_back(o.name);
  const StudyDesign physics_design(physics_spec);
  const std::vector<VerifyChoice> picks = pick_verification_rows(t.prediction, inside, best, options.verify);
  std::vector<std::size_t> runs;
  for (const auto& c : picks) runs.push_back(c.row);
  if (!runs.empty())
    spdlog::info("verifying {} samples with the physics twin on {} worker(s)", runs.size(), options.workers);
  const PointRuns physics = run_study_points(physics_spec, physics_design, runs, options.workers);

  const std::size_t m = card.outputs.size();
  std::vector<Verified> verified;
  std::size_t ok = 0;
  for (std::size_t i = 0; i < picks.size(); ++i) {
    Verified v{picks[i], physics.records[i], std::vector<double>(m, NAN)};
    if (v.record.status == "ok") {
      ++ok;
      for (std::size_t k = 0; k < m; ++k)
        for (std::size_t j = 0; j < physics.outputs.kpi_names.size(); ++j)
          if (physics.outputs.kpi_names[j] == card.outputs[k].name && j < v.record.kpis.size())
            v.physics[k] = v.record.kpis[j];
    }
    verified.push_back(std::move(v));
  }

  // verify.csv and the printed table.
  std::ostringstream csv;
  csv << "run,reason,status";
  for (const auto& o : card.outputs)
    csv << "," << o.name << "_surrogate," << o.name << "_std," << o.name << "_physics," << o.name
        << "_relative_error," << o.name << "_z";
  csv << ",message\n";
  std::ostringstream table;
  table << fmt::format("{:>6} {:<9} {:<40} {:>13} {:>11} {:>13} {:>9} {:>6}\n", "run", "reason", "output",
                       "surrogate", "+-std", "physics", "rel.err", "z");
  std::vector<double> sum_rel(m, 0.0), max_rel(m, 0.0);
  std::vector<std::size_t> within2(m, 0), counted(m, 0);
  for (const auto& v : verified) {
    csv << v.choice.row << "," << v.choice.reason << "," << v.record.status;
    for (std::size_t k = 0; k < m; ++k) {
      const double mean = t.prediction.mean[v.choice.row * m + k], sd = t.prediction.std[v.choice.row * m + k];
      const double truth = v.physics[k];
      const double rel = (mean - truth) / std::abs(truth), z = (mean - truth) / sd;
      csv << "," << csv_cell(mean) << "," << csv_cell(sd) << "," << csv_cell(truth) << "," << csv_cell(rel) << ","
          << csv_cell(z);
      table << fmt::format("{:>6} {:<9} {:<40} {:>13.6g} {:>11.3g} {:>13.6g} {:>8.2f}% {:>6.2f}\n", v.choice.row,
                           v.choice.reason, card.outputs[k].name, mean, sd, truth, 100.0 * rel, z);
      if (std::isfinite(rel)) {
        ++counted[k];
        sum_rel[k] += std::abs(rel);
        max_rel[k] = std::max(max_rel[k], std::abs(rel));
        within2[k] += std::abs(z) <= 2.0 ? 1 : 0;
      }
    }
    std::string message = v.record.message;
    std::replace(message.begin(), message.end(), ',', ';');
    std::replace(message.begin(), message.end(), '\n', ' ');
    csv << "," << message << "\n";
    if (v.record.status != "ok")
      table << fmt::format("{:>6} {:<9} physics run failed: {}\n", v.choice.row, v.choice.reason, v.record.message);
  }

  base::StagingDirectory staging(dir, options.overwrite);
  base::write_text_atomic(staging.path() / "surrogate_study.csv", samples_csv(spec, card, t));
  io::write_hdf5(samples_dataset(spec, card, t, options.model_dir), staging.path() / "surrogate_study.h5");
  if (!verified.empty()) base::write_text_atomic(staging.path() / "verify.csv", csv.str());
  staging.commit();

  std::cout << fmt::format("surrogate sweep {}: {} samples predicted in {:.3g} s, {} outside the training domain "
                           "(marked)\n",
                           spec.name, t.rows, predict_s, n_outside);
  std::cout << fmt::format("table: {} (xarray: group \"study\"), {}\n", (dir / "surrogate_study.h5").string(),
                           (dir / "surrogate_study.csv").string());
  if (verified.empty()) return 0;
  const auto n_best = std::count_if(picks.begin(), picks.end(), [](const auto& c) { return c.reason == "best"; });
  std::cout << fmt::format("\nverification: {} samples re-run with the physics twin ({} best by {} {}, {} most "
                           "uncertain); {} ok\n",
                           verified.size(), n_best, best.maximise ? "largest" : "smallest",
                           card.outputs[best.output].name, picks.size() - n_best, ok);
  std::cout << table.str();
  std::cout << fmt::format("{:<40} {:>8} {:>14} {:>14} {:>14}\n", "output (verified runs)", "runs",
                           "mean |rel.err|", "max |rel.err|", "within +-2 sig");
  for (std::size_t k = 0; k < m; ++k)
    std::cout << fmt::format("{:<40} {:>8} {:>13.2f}% {:>13.2f}% {:>10}/{}\n", card.outputs[k].name, counted[k],
                             counted[k] ? 100.0 * sum_rel[k] / counted[k] : NAN, 100.0 * max_rel[k], within2[k],
                             counted[k]);
  std::cout << fmt::format("verification table: {}\n", (dir / "verify.csv").string());
  if (ok == 0) {
    std::cerr << "twinlab: failed: every physics re-run failed (see verify.csv)\n";
    return 1;
  }
  return 0;
}

}  // namespace twinlab::scenarios
