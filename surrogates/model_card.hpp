#pragma once
// model.json: everything a user or a server must know about a surrogate besides its weights. Written by
// `twinlab train`; a model trained elsewhere (e.g. a notebook) is usable when its model.json gives at least the
// inputs (name, units, min, max), the outputs (name, units) and the weights file. See docs/surrogates.md.
//
// The weights file is TorchScript with the contract
//     forward(x: Tensor[N, inputs] float64, raw units) -> (mean: Tensor[N, outputs], std: Tensor[N, outputs])
// in raw units; normalisation lives inside it. For an output learnt in log10, `mean` is 10^mu (the median)
// and `std` = ln(10) * mean * sigma_log10, so that mu = log10(mean) and sigma_log10 = std / (ln(10) mean).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "surrogates/feature_scaling.hpp"

namespace twinlab::surrogates {

struct InputSpec {
  std::string name;   // as in the study (the dotted scenario key), which `predict --set name=value` takes
  std::string units;
  double min = 0.0, max = 0.0;  // the training domain: the box of the runs used (train, validation, test)
  std::optional<ColumnScaling> scaling;  // absent for models trained elsewhere
};

struct OutputMetrics {  // on the held-out test runs
  std::size_t n = 0;
  double r2 = 0.0;
  double rmse = 0.0;                   // raw units
  double mean_relative_error = 0.0;    // mean |pred - true| / |true| over rows with true != 0
  double mean_nll = 0.0;               // Gaussian negative log-likelihood per row, in the learnt (scaled) space
  double coverage_1sigma = 0.0;        // fraction of test rows within +-1 sigma (nominal 68.3 %)
  double coverage_2sigma = 0.0;        // within +-2 sigma (nominal 95.4 %)
};

// Post-hoc recalibration of the ensemble's spread (variance scaling, Kuleshov et al. 2018 / Levi et al. 2022):
// the std of model.pt is the ensemble's mixture std times std_scale, fitted on the validation runs by maximum
// likelihood: std_scale^2 = mean over validation rows of ((y - mu) / sigma)^2 in the learnt space.
struct SpreadCalibration {
  double std_scale = 1.0;
  std::size_t validation_rows = 0;
  OutputMetrics test_uncalibrated;  // the test metrics of the unscaled spread (mean, R^2, RMSE are the same)
};

struct OutputSpec {
  std::string name;
  std::string units;
  std::optional<ColumnScaling> scaling;
  std::optional<OutputMetrics> test;
  std::optional<SpreadCalibration> calibration;  // absent: the spread is the ensemble's own
};

// The split of the runs (model.json `split`), so that peers and later checks use the same rows. `by` "run":
// the values are the source table's run identifiers (study.h5's `run` coordinate, a CSV's `run` column, else
// its 0-based data row); "row": 0-based rows of the table given to the trainer.
struct SplitRecord {
  std::string by = "run";
  std::uint64_t seed = 0;
  std::vector<std::int64_t> train, validation, test;
};

// Where inside the input box the training points lie: distances in the unit box (each input rescaled by its
// training range, log10 inputs in log10) from each training point to its nearest neighbour.
struct DataDensity {
  std::size_t points = 0;
  double nearest_median = 0.0;  // median nearest-neighbour distance
  double nearest_p95 = 0.0;     // 95th percentile: a query farther than this from every training point lies in
                                // a hole of the data even if it is inside the box
};

// Field surrogates (kind "field-pod-ensemble"): what the field is, on which grid, how it is reduced and how
// well. Errors are relative L2 norms per test run, ||predicted - true|| / ||true|| over the field's grid, raw
// units. See docs/surrogates.md, "Field surrogates".
struct FieldErrorSummary {
  std::size_t n = 0;
  double median = 0.0, p95 = 0.0, max = 0.0;
};

struct FieldDirectionBin {
  double from_deg = 0.0, to_deg = 0.0;  // wind direction (the direction input), [from, to)
  FieldErrorSummary projection_floor, end_to_end;
};

struct FieldCard {
  std::string name, units;
  std::vector<std::string> dims;                  // slowest first, e.g. {"y", "x"}
  std::vector<std::vector<double>> coordinates;   // node coordinates per dim (m)
  std::string transform = "none";                 // "log10" or "none"
  double floor = 0.0;                             // raw units: log10 is taken of max(value, floor)
  double floor_fraction = 0.0;                    // floor / largest training value
  std::string frame = "grid";                     // "grid" or "wind-aligned"
  std::string direction_input;                    // the wind-direction input (may be set in either frame)
  double origin_x_m = 0.0, origin_y_m = 0.0;      // wind-aligned: the rotation centre (the source)
  std::vector<std::size_t> aligned_shape;         // wind-aligned: (n, s) nodes of the aligned grid
  double aligned_spacing_m = 0.0;
  std::size_t modes = 0;
  double energy_fraction_asked = 0.0;
  double energy_captured = 0.0;
  std::vector<double> mode_energy;
  FieldErrorSummary projection_floor, end_to_end;  // test runs
  std::vector<FieldDirectionBin> by_direction;     // test runs binned by wind direction
};

struct ModelCard {
  int format_version = 1;
  std::string kind = "scalar-ensemble";
  std::string weights_file = "model.pt";
  std::string trained_by = "twinlab";
  std::vector<InputSpec> inputs;
  std::vector<OutputSpec> outputs;
  std::optional<DataDensity> density;
  // training
  int members = 0;
  std::vector<int> hidden_layers;
  std::string activation;
  std::uint64_t seed = 0;
  std::size_t train_rows = 0, validation_rows = 0, test_rows = 0;
  std::vector<int> epochs_per_member;
  std::optional<SplitRecord> split;
  std::string source_file, source_sha256;
  std::string twinlab_version;
  std::optional<FieldCard> field;  // field surrogates only
};

// Throws base::InputError naming the file and the key for a missing or ill-typed entry.
ModelCard read_model_card(const std::filesystem::path& path);
std::string model_card_json(const ModelCard& card);  // pretty-printed JSON text

}  // namespace twinlab::surrogates
