#pragma once
// `twinlab sweep STUDY.yaml --surrogate MODEL_DIR [--verify K] [--best KPI[:min|max]]`: every sample of the
// study's design evaluated by a surrogate instead of the physics twin (mean and ensemble spread per output),
// then K of them re-run with the physics twin (the best by a KPI and the most uncertain) to measure the
// surrogate's error where it matters. See docs/surrogates.md ("Surrogate sweeps").
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "scenarios/study/study_file.hpp"
#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::scenarios {

// For each model input, the index of the study parameter of the same name. Throws base::InputError (exit 2)
// naming the model input the study does not vary, or the study parameter the model does not take.
std::vector<std::size_t> map_model_inputs(const surrogates::ModelCard& card, const StudySpec& spec,
                                          const std::string& model_label);

struct BestKpi {
  std::size_t output = 0;  // index into the model's outputs
  bool maximise = true;
};
// "KPI", "KPI:max" or "KPI:min"; empty: the model's first output, maximised. Throws base::InputError (key
// --best) for a name that is not an output of the model or another suffix.
BestKpi parse_best_kpi(const std::string& text, const surrogates::ModelCard& card);

struct VerifyChoice {
  std::size_t row = 0;
  std::string reason;  // "best" or "uncertain"
};

// The relative spread of a row: the largest over the outputs of std / |mean| (|mean| floored at 1e-300).
double relative_spread(const surrogates::Prediction& p, std::size_t row);

// The rows to re-run with the physics twin, among the rows inside the training domain (`inside`): first
// ceil(k/2) rows with the best predicted mean of `best`, then the rest by the largest relative spread, no row
// twice. Fewer than k when fewer rows are inside the domain.
std::vector<VerifyChoice> pick_verification_rows(const surrogates::Prediction& p, const std::vector<bool>& inside,
                                                 BestKpi best, std::size_t k);

struct SurrogateSweepOptions {
  std::filesystem::path model_dir;
  std::size_t verify = 0;   // K physics re-runs
  std::string best;         // --best KPI[:min|max]
  int workers = 1;
  bool overwrite = false;
};

// Writes DIR/surrogate_study.{csv,h5} and (K > 0) DIR/verify.csv, prints the verification table; returns the
// exit code (0, or 1 when every physics re-run failed).
int run_surrogate_sweep(const StudySpec& spec, const std::filesystem::path& dir, const SurrogateSweepOptions& options);

}  // namespace twinlab::scenarios
