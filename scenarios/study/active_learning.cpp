#include "scenarios/study/active_learning.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "scenarios/study/point_runner.hpp"
#include "surrogates/prediction_metrics.hpp"

namespace twinlab::scenarios {

namespace fs = std::filesystem;
using base::InputError;
using surrogates::ModelCard;
using surrogates::OutputMetrics;
using surrogates::Prediction;
using surrogates::SurrogateModel;

UnitBox fit_unit_box(const StudySpec& spec, const std::vector<double>& values) {
  const std::size_t d = spec.parameters.size(), n = d ? values.size() / d : 0;
  UnitBox box;
  box.lo.assign(d, std::numeric_limits<double>::infinity());
  box.hi.assign(d, -std::numeric_limits<double>::infinity());
  box.log10.assign(d, false);
  for (std::size_t j = 0; j < d; ++j) box.log10[j] = spec.parameters[j].law == "log_uniform";
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t j = 0; j < d; ++j) {
      const double v = box.log10[j] ? std::log10(values[r * d + j]) : values[r * d + j];
      box.lo[j] = std::min(box.lo[j], v);
      box.hi[j] = std::max(box.hi[j], v);
    }
  return box;
}

std::vector<double> UnitBox::to_unit(const std::vector<double>& values) const {
  const std::size_t d = lo.size();
  std::vector<double> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::size_t j = i % d;
    const double v = log10[j] ? std::log10(values[i]) : values[i];
    out[i] = hi[j] > lo[j] ? (v - lo[j]) / (hi[j] - lo[j]) : 0.5;
  }
  return out;
}

double penalty_length(std::size_t n, std::size_t d) {
  return std::pow(static_cast<double>(std::max<std::size_t>(n, 1)), -1.0 / static_cast<double>(std::max<std::size_t>(d, 1)));
}

std::vector<std::size_t> select_batch(const std::vector<double>& pool_unit, std::size_t d,
                                      const std::vector<double>& score, const std::vector<bool>& available,
                                      std::vector<double> taken_unit, std::size_t batch, double length) {
  const std::size_t n = score.size();
  std::vector<double> nearest(n, std::numeric_limits<double>::infinity());  // squared distance to the taken
  auto update = [&](const double* point) {
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0.0;
      for (std::size_t j = 0; j < d; ++j) {
        const double e = pool_unit[i * d + j] - point[j];
        s += e * e;
      }
      nearest[i] = std::min(nearest[i], s);
    }
  };
  for (std::size_t t = 0; t + d <= taken_unit.size(); t += d) update(taken_unit.data() + t);
  std::vector<bool> free = available;
  std::vector<std::size_t> chosen;
  while (chosen.size() < batch) {
    std::size_t best = n;
    double best_a = -1.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!free[i]) continue;
      const double penalty = std::isinf(nearest[i]) ? 1.0 : 1.0 - std::exp(-nearest[i] / (length * length));
      const double a = score[i] * penalty;
      if (a > best_a) {
        best_a = a;
        best = i;
      }
    }
    if (best == n) break;
    chosen.push_back(best);
    free[best] = false;
    update(pool_unit.data() + best * d);
  }
  return chosen;
}

namespace {

struct Rows {
  std::vector<double> inputs, outputs;  // rows x parameters, rows x outputs
  std::size_t count = 0;
};

// The successful records' parameters and the named KPIs.
Rows rows_of(const std::vector<RunRecord>& records, const JournalOutputs& seen,
             const std::vector<std::string>& outputs) {
  std::vector<std::size_t> column;
  for (const auto& name : outputs) {
    const auto it = std::find(seen.kpi_names.begin(), seen.kpi_names.end(), name);
    column.push_back(static_cast<std::size_t>(it - seen.kpi_names.begin()));
  }
  Rows rows;
  for (const auto& r : records) {
    if (r.status != "ok") continue;
    rows.inputs.insert(rows.inputs.end(), r.parameters.begin(), r.parameters.end());
    for (std::size_t c : column) rows.outputs.push_back(c < r.kpis.size() ? r.kpis[c] : NAN);
    ++rows.count;
  }
  return rows;
}

// Standard deviation and value of a prediction in the model's normalised output space (where it is Gaussian).
double normalised(const surrogates::OutputSpec& o, double raw) {
  return o.scaling ? o.scaling->forward(raw) : raw;
}
double normalised_sigma(const surrogates::OutputSpec& o, double mean, double sd) {
  if (!o.scaling) return sd;
  return o.scaling->log10 ? sd / (std::log(10.0) * mean) / o.scaling->scale : sd / o.scaling->scale;
}

std::vector<OutputMetrics> test_metrics(const ModelCard& card, const Prediction& p, const Rows& test) {
  std::vector<OutputMetrics> out;
  const std::size_t m = p.outputs;
  for (std::size_t k = 0; k < m; ++k) {
    const auto& o = card.outputs[k];
    std::vector<double> truth, mean, truth_t, mu, sigma;
    for (std::size_t r = 0; r < test.count; ++r) {
      const double y = test.outputs[r * m + k], mn = p.mean[r * m + k], sd = p.std[r * m + k];
      truth.push_back(y);
      mean.push_back(mn);
      truth_t.push_back(normalised(o, y));
      mu.push_back(normalised(o, mn));
      sigma.push_back(normalised_sigma(o, mn, sd));
    }
    out.push_back(surrogates::output_metrics(truth, mean, truth_t, mu, sigma));
  }
  return out;
}

double normalised_rmse(const std::vector<OutputMetrics>& metrics, const Rows& test) {
  const std::size_t m = metrics.size();
  double sum = 0.0;
  for (std::size_t k = 0; k < m; ++k) {
    double mean = 0.0, var = 0.0;
    for (std::size_t r = 0; r < test.count; ++r) mean += test.outputs[r * m + k] / test.count;
    for (std::size_t r = 0; r < test.count; ++r) var += std::pow(test.outputs[r * m + k] - mean, 2) / test.count;
    sum += metrics[k].rmse / std::sqrt(std::max(var, 1e-300));
  }
  return sum / static_cast<double>(m);
}

std::vector<std::size_t> first_n(std::size_t n) {
  std::vector<std::size_t> v(n);
  std::iota(v.begin(), v.end(), std::size_t{0});
  return v;
}

}  // namespace

ActiveLearningResult run_active_learning(const StudySpec& spec, const ActiveLearningOptions& options,
                                         const fs::path& directory, const ModelCard& card_template) {
  const std::size_t d = spec.parameters.size();
  if (spec.sampler == "csv")
    throw InputError(spec.sampler_where, "active learning draws new points from the parameters' ranges; sampler "
                                         "csv gives points only: use lhs, sobol, random or grid");
  const std::size_t budget = options.budget;
  const std::size_t initial = options.initial > 0 ? options.initial : std::max<std::size_t>(12, budget / 4);
  if (initial < 12)
    throw InputError({"--initial", 0, 0, ""}, fmt::format("must be at least 12 runs (training needs 4 training, 4 "
                                                          "validation and 4 held-out runs) (got {})", initial));
  if (budget <= initial)
    throw InputError({"--budget", 0, 0, ""}, fmt::format("must exceed the initial design of {} runs (got {}); give "
                                                         "a larger --budget or a smaller --initial",
                                                         initial, budget));
  const std::size_t batch = options.batch > 0 ? options.batch : std::max<std::size_t>(1, (budget - initial + 3) / 4);
  if (options.test_runs < 8)
    throw InputError({"--test-runs", 0, 0, ""}, fmt::format("must be at least 8 (got {})", options.test_runs));

  // The designs: the pool (the study's own), a plain Sobol' design of the budget (whose first runs are also the
  // active design's initial runs), and an independent random test set. Every run keeps the study's run seed.
  StudySpec base_spec = spec;
  if (!options.outputs.empty()) base_spec.kpis = options.outputs;
  const StudySpec& pool_spec = base_spec;
  const StudyDesign pool_design(pool_spec);
  if (pool_design.count() < budget - initial)
    throw InputError(spec.sampler_where, fmt::format("the study's design ({} samples) is the candidate pool of "
                                                     "active learning and must hold at least the {} runs to add; "
                                                     "raise sampler.samples (several times the budget is best)",
                                                     pool_design.count(), budget - initial));
  StudySpec sobol_spec = base_spec;
  sobol_spec.sampler = "sobol";
  sobol_spec.sampler_spec.samples = budget;
  sobol_spec.sampler_spec.scramble = true;
  const StudyDesign sobol_design(sobol_spec);
  StudySpec test_spec = base_spec;
  test_spec.sampler = "random";
  test_spec.sampler_spec.samples = options.test_runs;
  test_spec.sampler_spec.seed = spec.seed + 0x5eed7e57ULL;  // a stream of its own
  const StudyDesign test_design(test_spec);

  spdlog::info("active learning: {} test runs, {} Sobol' runs, then {} + {} per round from a pool of {}",
               options.test_runs, budget, initial, batch, pool_design.count());
  const PointRuns test_runs = run_study_points(test_spec, test_design, first_n(options.test_runs), options.workers);
  if (!test_runs.outputs.known())
    throw std::runtime_error("every physics run of the test set failed: " +
                             (test_runs.records.empty() ? std::string() : test_runs.records.front().message));
  ActiveLearningResult result;
  result.output_names = options.outputs.empty() ? test_runs.outputs.kpi_names : options.outputs;
  const std::vector<std::string>& names = result.output_names;
  std::vector<std::string> units;
  for (const auto& name : names) {
    const auto it = std::find(test_runs.outputs.kpi_names.begin(), test_runs.outputs.kpi_names.end(), name);
    units.push_back(test_runs.outputs.kpi_units[static_cast<std::size_t>(it - test_runs.outputs.kpi_names.begin())]);
  }
  const Rows test = rows_of(test_runs.records, test_runs.outputs, names);
  result.test_runs = test.count;
  const PointRuns sobol_runs = run_study_points(sobol_spec, sobol_design, first_n(budget), options.workers);

  surrogates::TrainingTable table;
  for (const auto& p : spec.parameters) {
    table.input_names.push_back(p.key);
    table.input_units.push_back(p.unit);
  }
  table.output_names = names;
  table.output_units = units;
  surrogates::TrainingOptions training = options.training;
  training.progress = nullptr;
  auto train = [&](const Rows& rows, const fs::path& dir) {
    surrogates::TrainingTable t = table;
    t.rows = rows.count;
    t.inputs = rows.inputs;
    t.outputs = rows.outputs;
    fs::create_directories(dir);
    surrogates::train_scalar_surrogate(t, training, dir, card_template);
    return SurrogateModel::load(dir);
  };
  auto score = [&](const SurrogateModel& model, std::size_t runs, const char* design) {
    const Prediction p = model.predict(test.inputs, test.count);
    CurvePoint point{design, runs, test_metrics(model.card(), p, test), 0.0};
    point.normalised_rmse = normalised_rmse(point.metrics, test);
    spdlog::info("{} design, {} physics runs: normalised test RMSE {:.4f}", design, runs, point.normalised_rmse);
    return point;
  };

  std::vector<std::size_t> sizes;
  for (std::size_t n = initial; n < budget; n += batch) sizes.push_back(n);
  sizes.push_back(budget);

  // The plain Sobol' design: its first n runs at each size (a Sobol' prefix is itself space-filling).
  const fs::path scratch = directory / ".sobol-scratch";
  for (const std::size_t n : sizes) {
    const std::vector<RunRecord> records(sobol_runs.records.begin(), sobol_runs.records.begin() + n);
    result.curve.push_back(score(train(rows_of(records, sobol_runs.outputs, names), scratch), n, "sobol"));
  }
  fs::remove_all(scratch);

  // The active design: the same first runs, then batches where the ensemble disagrees most.
  std::vector<RunRecord> taken(sobol_runs.records.begin(), sobol_runs.records.begin() + initial);
  JournalOutputs seen = sobol_runs.outputs;
  std::vector<double> pool_values;
  for (std::size_t r = 0; r < pool_design.count(); ++r) {
    const std::vector<double> v = pool_design.values(r);
    pool_values.insert(pool_values.end(), v.begin(), v.end());
  }
  const UnitBox box = fit_unit_box(spec, pool_values);
  const std::vector<double> pool_unit = box.to_unit(pool_values);
  std::vector<bool> available(pool_design.count(), true);
  std::ostringstream runs_csv;
  runs_csv << "round,design,run";
  for (const auto& p : spec.parameters) runs_csv << "," << p.key;
  for (const auto& name : names) runs_csv << "," << name;
  runs_csv << ",status\n";
  auto log_runs = [&](std::size_t round, const char* design, const std::vector<RunRecord>& records,
                      const JournalOutputs& outputs, std::size_t from) {
    for (std::size_t i = from; i < records.size(); ++i) {
      const RunRecord& r = records[i];
      runs_csv << round << "," << design << "," << r.run;
      for (double v : r.parameters) runs_csv << fmt::format(",{:.17g}", v);
      const Rows one = rows_of({r}, outputs, names);
      for (std::size_t k = 0; k < names.size(); ++k)
        runs_csv << fmt::format(",{:.17g}", one.count ? one.outputs[k] : NAN);
      runs_csv << "," << r.status << "\n";
    }
  };
  log_runs(0, "sobol", taken, seen, 0);
  for (std::size_t round = 0;; ++round) {
    const Rows rows = rows_of(taken, seen, names);
    const SurrogateModel model = train(rows, directory);
    result.curve.push_back(score(model, taken.size(), "active"));
    if (taken.size() >= budget) {
      // model.json's test metrics: those of the independent test set.
      ModelCard card = surrogates::read_model_card(directory / "model.json");
      for (std::size_t k = 0; k < card.outputs.size(); ++k) card.outputs[k].test = result.curve.back().metrics[k];
      card.test_rows = test.count;
      base::write_text_atomic(directory / "model.json", surrogates::model_card_json(card));
      break;
    }
    const Prediction p = model.predict(pool_values, pool_design.count());
    std::vector<double> disagreement(pool_design.count(), 0.0);
    for (std::size_t r = 0; r < pool_design.count(); ++r)
      for (std::size_t k = 0; k < p.outputs; ++k)
        disagreement[r] += normalised_sigma(model.card().outputs[k], p.mean[r * p.outputs + k],
                                            p.std[r * p.outputs + k]) / static_cast<double>(p.outputs);
    std::vector<double> taken_values;
    for (const auto& r : taken) taken_values.insert(taken_values.end(), r.parameters.begin(), r.parameters.end());
    const std::size_t add = std::min(batch, budget - taken.size());
    const std::vector<std::size_t> chosen = select_batch(pool_unit, d, disagreement, available, box.to_unit(taken_values),
                                                         add, penalty_length(taken.size() + add, d));
    if (chosen.empty()) break;
    for (std::size_t i : chosen) available[i] = false;
    PointRuns more = run_study_points(pool_spec, pool_design, chosen, options.workers);
    if (!seen.known()) seen = more.outputs;
    const std::size_t from = taken.size();
    taken.insert(taken.end(), more.records.begin(), more.records.end());
    log_runs(round + 1, "active", taken, seen, from);
  }
  base::write_text_atomic(directory / "active_runs.csv", runs_csv.str());

  const CurvePoint* last_active = nullptr;
  const CurvePoint* last_sobol = nullptr;
  for (const auto& c : result.curve) (c.design == "active" ? last_active : last_sobol) = &c;
  result.active_wins = last_active->normalised_rmse < last_sobol->normalised_rmse;
  result.verdict = fmt::format(
      "at {} physics runs, active learning {} the plain Sobol' design: normalised test RMSE {:.4f} (active) vs "
      "{:.4f} (Sobol'), {:+.1f} %{}",
      budget, result.active_wins ? "beats" : "does NOT beat", last_active->normalised_rmse,
      last_sobol->normalised_rmse, 100.0 * (last_active->normalised_rmse / last_sobol->normalised_rmse - 1.0),
      result.active_wins ? "" : "; use the plain design (or a larger pool / budget) for this study");
  std::string not_better;  // the sizes (after the shared start) where the plain design is as good or better
  for (const auto& a : result.curve)
    for (const auto& b : result.curve)
      if (a.design == "active" && b.design == "sobol" && a.physics_runs == b.physics_runs &&
          a.physics_runs > initial && a.normalised_rmse >= b.normalised_rmse)
        not_better += (not_better.empty() ? "" : ", ") + std::to_string(a.physics_runs);
  if (!not_better.empty())
    result.verdict += "; it does NOT beat the plain design at " + not_better + " physics runs";
  base::write_text_atomic(directory / "active_learning.csv", curves_csv(result));
  return result;
}

std::string curves_csv(const ActiveLearningResult& result) {
  std::ostringstream out;
  out << "design,physics_runs,output,r2,rmse,mean_relative_error,coverage_2sigma,normalised_rmse\n";
  for (const auto& c : result.curve)
    for (std::size_t k = 0; k < c.metrics.size(); ++k)
      out << fmt::format("{},{},{},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g}\n", c.design, c.physics_runs,
                         result.output_names[k], c.metrics[k].r2, c.metrics[k].rmse, c.metrics[k].mean_relative_error,
                         c.metrics[k].coverage_2sigma, c.normalised_rmse);
  out << "# " << result.verdict << "\n";
  return out.str();
}

std::string curves_table(const ActiveLearningResult& result) {
  std::ostringstream out;
  out << fmt::format("test error against physics runs ({} independent test runs; normalised RMSE = RMSE / "
                     "standard deviation of the test values, mean over outputs; R^2 of each output)\n",
                     result.test_runs);
  out << fmt::format("{:>8} {:>16} {:>16}", "runs", "active nRMSE", "Sobol' nRMSE");
  for (const auto& name : result.output_names) out << fmt::format("  R^2 {:.24} (act/Sob)", name);
  out << "\n";
  std::vector<std::size_t> sizes;
  for (const auto& c : result.curve)
    if (std::find(sizes.begin(), sizes.end(), c.physics_runs) == sizes.end()) sizes.push_back(c.physics_runs);
  std::sort(sizes.begin(), sizes.end());
  for (const std::size_t n : sizes) {
    const CurvePoint *a = nullptr, *s = nullptr;
    for (const auto& c : result.curve)
      if (c.physics_runs == n) (c.design == "active" ? a : s) = &c;
    out << fmt::format("{:>8} {:>16} {:>16}", n, a ? fmt::format("{:.4f}", a->normalised_rmse) : "-",
                       s ? fmt::format("{:.4f}", s->normalised_rmse) : "-");
    for (std::size_t k = 0; k < result.output_names.size(); ++k)
      out << fmt::format("  {:>{}}", fmt::format("{}/{}", a ? fmt::format("{:.4f}", a->metrics[k].r2) : "-",
                                                  s ? fmt::format("{:.4f}", s->metrics[k].r2) : "-"),
                         std::min<std::size_t>(result.output_names[k].size(), 24) + 14);
    out << "\n";
  }
  out << result.verdict << "\n";
  return out.str();
}

}  // namespace twinlab::scenarios
