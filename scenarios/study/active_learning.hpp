#pragma once
// Active learning of a scalar surrogate (`twinlab train --active STUDY.yaml --budget N`): start from a small
// Sobol' design, train, then repeatedly run the physics twin where the ensemble disagrees most among a
// candidate pool (the study's own design), with a distance penalty so that one batch spreads out, retrain,
// until N physics runs. Beside it, a plain Sobol' design of the same budget is trained at the same sizes, and
// both are scored on one fixed, independent test set of physics runs (random points of the study's ranges).
// See docs/surrogates.md ("Active learning").
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "scenarios/study/study_file.hpp"
#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::scenarios {

// ---- The acquisition (pure functions, unit-tested) ----

// The unit box of the candidate pool: each parameter scaled by its range over the pool (log10 for a
// log_uniform parameter), so that distances weigh every parameter alike. values: rows x parameters, raw.
struct UnitBox {
  std::vector<double> lo, hi;  // per parameter, in the (log10) space
  std::vector<bool> log10;
  std::vector<double> to_unit(const std::vector<double>& values) const;
};
UnitBox fit_unit_box(const StudySpec& spec, const std::vector<double>& values);

// The distance penalty's length for n points in d dimensions: the spacing of a regular grid of n points in the
// unit box, n^(-1/d).
double penalty_length(std::size_t n, std::size_t d);

// Greedy batch: repeatedly takes the available pool point with the largest
//   a(x) = score(x) * (1 - exp(-(dist(x) / length)^2)),
// dist(x) the distance to the nearest point already run (`taken`, rows x d) or already chosen in this batch.
// score: the ensemble's disagreement at each pool point (its predictive standard deviation in the model's
// normalised output space, averaged over the outputs). Returns pool indices in the order chosen (fewer than
// `batch` when fewer are available).
std::vector<std::size_t> select_batch(const std::vector<double>& pool_unit, std::size_t d,
                                      const std::vector<double>& score, const std::vector<bool>& available,
                                      std::vector<double> taken_unit, std::size_t batch, double length);

// ---- The loop ----

struct ActiveLearningOptions {
  std::size_t budget = 0;      // physics runs for training (each design)
  std::size_t initial = 0;     // first Sobol' runs (0: a quarter of the budget, at least 12)
  std::size_t batch = 0;       // runs added per round (0: a quarter of what is left after the initial design)
  std::size_t test_runs = 48;  // the independent test set
  int workers = 1;
  std::vector<std::string> outputs;  // KPIs learnt (empty: the study's kpis, else every KPI of the twin)
  surrogates::TrainingOptions training;
};

struct CurvePoint {
  std::string design;  // "active" or "sobol"
  std::size_t physics_runs = 0;
  std::vector<surrogates::OutputMetrics> metrics;  // per output, on the test set
  double normalised_rmse = 0.0;  // mean over outputs of RMSE / standard deviation of the test values
};

struct ActiveLearningResult {
  std::vector<std::string> output_names;
  std::vector<CurvePoint> curve;  // both designs, in order of physics runs
  std::size_t test_runs = 0;
  bool active_wins = false;       // lower normalised RMSE at the full budget
  std::string verdict;            // one sentence, printed and stored
};

// Writes into `directory` (which must exist): the final active model (model.pt, model.json with the test
// metrics of the independent test set), active_learning.csv (both curves) and active_runs.csv (the physics
// runs the active design chose, by round). Throws base::InputError for a budget the study cannot support.
ActiveLearningResult run_active_learning(const StudySpec& spec, const ActiveLearningOptions& options,
                                         const std::filesystem::path& directory,
                                         const surrogates::ModelCard& card_template);

std::string curves_csv(const ActiveLearningResult& result);
std::string curves_table(const ActiveLearningResult& result);  // printed by train --active

}  // namespace twinlab::scenarios
