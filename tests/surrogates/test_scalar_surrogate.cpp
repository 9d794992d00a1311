// surrogates/scalar_surrogate: a deep ensemble trained on known smooth functions, saved as TorchScript +
// model.json, loaded and asked again.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "base/error.hpp"
#include "surrogates/domain_guard.hpp"
#include "surrogates/scalar_surrogate.hpp"
#include "tests/support/test_files.hpp"

using namespace twinlab::surrogates;
namespace fs = std::filesystem;

namespace {

// f(a, b) = sin(2a) + b^2 (smooth, noise-free), g(a, b) = exp(3a) (spans 2.6 decades: learnt in log10),
// h = 1 + a + noise N(0, 0.1^2) (what the variance heads must learn), on a, b uniform in [-1, 1].
TrainingTable known_functions(std::size_t rows, std::uint64_t seed) {
  TrainingTable t;
  t.input_names = {"a", "b"};
  t.input_units = {"m", "1"};
  t.output_names = {"f", "g", "h"};
  t.output_units = {"kg/s", "1", "1"};
  t.rows = rows;
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::normal_distribution<double> noise(0.0, 0.1);
  for (std::size_t r = 0; r < rows; ++r) {
    const double a = u(engine), b = u(engine);
    t.inputs.insert(t.inputs.end(), {a, b});
    t.outputs.insert(t.outputs.end(), {std::sin(2.0 * a) + b * b, std::exp(3.0 * a), 1.0 + a + noise(engine)});
  }
  return t;
}

TrainingOptions quick_options() {
  TrainingOptions o;
  o.members = 4;
  o.hidden_layers = {32, 32};
  o.max_epochs = 2500;
  o.patience = 250;
  o.warmup_epochs = 300;
  o.seed = 7;
  return o;
}

const ModelCard& trained_card(const fs::path& dir) {
  static const ModelCard card = [&] {
    fs::create_directories(dir);
    return train_scalar_surrogate(known_functions(500, 3), quick_options(), dir);
  }();
  return card;
}

fs::path model_dir() { return fs::path(TWINLAB_BINARY_DIR) / "test-scratch" / "surrogate-known-functions"; }

}  // namespace

TEST_CASE("an ensemble learns smooth functions to R^2 >= 0.99 and a calibrated noise", "[surrogates][train]") {
  const ModelCard& card = trained_card(model_dir());
  REQUIRE(card.outputs.size() == 3);
  REQUIRE(card.train_rows + card.validation_rows + card.test_rows == 500);
  REQUIRE(card.test_rows == 75);
  // f and g are noise-free and smooth: the target R^2 >= 0.99 on held-out runs.
  REQUIRE(card.outputs[0].test->r2 >= 0.99);
  REQUIRE(card.outputs[1].test->r2 >= 0.99);
  REQUIRE(card.outputs[1].scaling->log10);  // exp(3a) spans e^6 = 403: auto log10
  REQUIRE_FALSE(card.outputs[0].scaling->log10);
  // h carries N(0, 0.1^2) noise: the ensemble's spread must match it. The fraction of 75 test rows inside +-2
  // sigma is binomial around 0.954 with sd sqrt(0.954 0.046 / 75) = 0.024: [0.85, 1] is more than 4 sd wide
  // below; the +-1 sigma fraction (nominal 0.683, sd 0.054) is held to [0.5, 0.86] (about 3.3 sd).
  const OutputMetrics& h = *card.outputs[2].test;
  INFO("h coverage 1 sigma " << h.coverage_1sigma << ", 2 sigma " << h.coverage_2sigma << ", rmse " << h.rmse);
  REQUIRE(h.coverage_2sigma >= 0.85);
  REQUIRE(h.coverage_1sigma >= 0.5);
  REQUIRE(h.coverage_1sigma <= 0.86);
  // Its error cannot beat the noise (rmse >= ~0.1) but must come close to it (no more than 50 % above).
  REQUIRE(h.rmse >= 0.07);
  REQUIRE(h.rmse <= 0.15);
  // The training domain is the box of all 500 rows: [-1, 1] up to the sampling gap (< 2 %).
  REQUIRE(card.inputs[0].min == Approx(-1.0).margin(0.02));
  REQUIRE(card.inputs[0].max == Approx(1.0).margin(0.02));
  REQUIRE(card.density->nearest_median > 0.0);
  REQUIRE(card.density->nearest_p95 >= card.density->nearest_median);
}

TEST_CASE("a saved model predicts the same after loading, and its spread grows outside the data",
          "[surrogates][train]") {
  trained_card(model_dir());
  const SurrogateModel first = SurrogateModel::load(model_dir());
  const SurrogateModel second = SurrogateModel::load(model_dir());
  const std::vector<double> inside{0.1, -0.2, 0.5, 0.5};
  const Prediction p1 = first.predict(inside, 2), p2 = second.predict(inside, 2);
  REQUIRE(p1.mean == p2.mean);
  REQUIRE(p1.std == p2.std);
  // f(0.1, -0.2) = sin(0.2) + 0.04 = 0.2387: the model agrees within its accuracy (R^2 0.99 of a function of
  // variance ~0.5 means an rms error ~0.07).
  REQUIRE(p1.mean[0] == Approx(std::sin(0.2) + 0.04).margin(0.1));
  REQUIRE(p1.mean[1] == Approx(std::exp(0.3)).epsilon(0.1));
  // Far outside the data (a = 4) the members disagree: the spread of f is several times its spread inside.
  const std::vector<double> outside{4.0, -0.2};
  const Prediction far = first.predict(outside, 1);
  INFO("std inside " << p1.std[0] << ", outside " << far.std[0]);
  REQUIRE(far.std[0] > 3.0 * p1.std[0]);
  REQUIRE(check_domain(first.card(), std::vector<double>{4.0, -0.2})->input == 0);
  REQUIRE_FALSE(check_domain(first.card(), std::vector<double>{0.0, 0.0}).has_value());
  REQUIRE(check_domain(first.card(), std::vector<double>{0.0, NAN})->input == 1);
}

TEST_CASE("training twice with the same seed gives the same model, another seed another", "[surrogates][train]") {
  TrainingOptions o = quick_options();
  o.max_epochs = 400;
  o.warmup_epochs = 100;
  o.members = 2;
  const fs::path base = fs::path(TWINLAB_BINARY_DIR) / "test-scratch" / "surrogate-seeds";
  const std::vector<double> query{0.3, 0.4, -0.7, 0.1};
  std::vector<std::vector<double>> means;
  for (const auto& [name, seed] : std::vector<std::pair<std::string, std::uint64_t>>{{"a", 5}, {"b", 5}, {"c", 6}}) {
    fs::remove_all(base / name);
    fs::create_directories(base / name);
    o.seed = seed;
    train_scalar_surrogate(known_functions(200, 1), o, base / name);
    means.push_back(SurrogateModel::load(base / name).predict(query, 2).mean);
  }
  REQUIRE(means[0] == means[1]);
  REQUIRE(means[0] != means[2]);
}

TEST_CASE("output loss weights are rescaled to mean 1 and change the model only when unequal", "[surrogates][train]") {
  TrainingOptions o = quick_options();
  o.max_epochs = 400;
  o.warmup_epochs = 100;
  o.members = 2;
  const fs::path base = fs::path(TWINLAB_BINARY_DIR) / "test-scratch" / "surrogate-weights";
  const std::vector<double> query{0.3, 0.4, -0.7, 0.1};
  std::vector<std::vector<double>> means;
  for (const auto& [name, weights] : std::vector<std::pair<std::string, std::vector<double>>>{
           {"none", {}}, {"equal", {3.0, 3.0, 3.0}}, {"unequal", {1.0, 1.0, 1e-3}}}) {
    fs::remove_all(base / name);
    fs::create_directories(base / name);
    o.output_weights = weights;
    train_scalar_surrogate(known_functions(200, 1), o, base / name);
    means.push_back(SurrogateModel::load(base / name).predict(query, 2).mean);
  }
  // Equal weights of any size are the unweighted loss (rescaled to mean 1: the same floating-point operations
  // up to a factor 1.0), so the models agree to rounding; unequal weights train another model.
  for (std::size_t i = 0; i < means[0].size(); ++i) REQUIRE(means[1][i] == Approx(means[0][i]).epsilon(1e-9));
  REQUIRE(means[2] != means[0]);
  o.output_weights = {1.0, 2.0};
  REQUIRE_THROWS_AS(train_scalar_surrogate(known_functions(200, 1), o, base / "bad"), std::invalid_argument);
}

TEST_CASE("data a surrogate cannot learn from is refused with the column named", "[surrogates][train]") {
  const fs::path dir = fs::path(TWINLAB_BINARY_DIR) / "test-scratch" / "surrogate-bad-data";
  fs::create_directories(dir);
  TrainingTable t = known_functions(60, 2);
  TrainingTable constant = t;
  for (std::size_t r = 0; r < constant.rows; ++r) constant.outputs[r * 3 + 2] = 4.0;
  try {
    train_scalar_surrogate(constant, quick_options(), dir);
    FAIL("a constant output was accepted");
  } catch (const twinlab::base::InputError& e) {
    REQUIRE(e.where().key == "h");
    REQUIRE(std::string(e.what()).find("constant") != std::string::npos);
  }
  TrainingTable with_nan = t;
  with_nan.outputs[7] = NAN;
  REQUIRE_THROWS_AS(train_scalar_surrogate(with_nan, quick_options(), dir), twinlab::base::InputError);
  TrainingTable few = known_functions(10, 2);
  REQUIRE_THROWS_AS(train_scalar_surrogate(few, quick_options(), dir), twinlab::base::InputError);
  REQUIRE_FALSE(fs::exists(dir / "model.json"));
}

TEST_CASE("a model.json that does not match its weights is refused at load", "[surrogates][train]") {
  trained_card(model_dir());
  const fs::path dir = fs::path(TWINLAB_BINARY_DIR) / "test-scratch" / "surrogate-mismatch";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(model_dir() / "model.pt", dir / "model.pt");
  std::string card = twinlab::test::slurp(model_dir() / "model.json");
  // Declare a fourth output the weights do not have.
  const std::string marker = "\"outputs\": [";
  card.insert(card.find(marker) + marker.size(), "{\"name\": \"extra\", \"units\": \"1\"},");
  twinlab::test::put(dir / "model.json", card);
  try {
    SurrogateModel::load(dir);
    FAIL("a mismatching model.json was accepted");
  } catch (const twinlab::base::InputError& e) {
    REQUIRE(std::string(e.what()).find("does not match") != std::string::npos);
  }
  REQUIRE_THROWS_AS(SurrogateModel::load(dir / "nothing-here"), twinlab::base::InputError);
}

TEST_CASE("the split is recorded and the spread is recalibrated on the validation runs", "[surrogates][train]") {
  const ModelCard& card = trained_card(model_dir());
  // The split: disjoint, covering the 500 rows (the table has no run ids, so by row).
  REQUIRE(card.split.has_value());
  REQUIRE(card.split->by == "row");
  REQUIRE(card.split->seed == 7);
  REQUIRE(card.split->validation.size() == card.validation_rows);
  REQUIRE(card.split->test.size() == card.test_rows);
  std::vector<std::int64_t> all = card.split->train;
  all.insert(all.end(), card.split->validation.begin(), card.split->validation.end());
  all.insert(all.end(), card.split->test.begin(), card.split->test.end());
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < all.size(); ++i) REQUIRE(all[i] == static_cast<std::int64_t>(i));
  // model.json round-trips the split and the calibration.
  const ModelCard read = read_model_card(model_dir() / "model.json");
  REQUIRE(read.split->test == card.split->test);
  REQUIRE(read.outputs[2].calibration->std_scale == card.outputs[2].calibration->std_scale);

  // std_scale^2 = mean z^2 of the validation runs: the saved model's (calibrated) z has mean square 1 there.
  // z is computed from predict() in the learnt space (log10 for g); the scale of the standardisation cancels.
  const TrainingTable table = known_functions(500, 3);
  const SurrogateModel model = SurrogateModel::load(model_dir());
  std::vector<double> x;
  for (std::int64_t r : card.split->validation) x.insert(x.end(), {table.inputs[2 * r], table.inputs[2 * r + 1]});
  const Prediction p = model.predict(x, card.split->validation.size());
  for (std::size_t c = 0; c < 3; ++c) {
    const bool log = card.outputs[c].scaling->log10;
    double sum = 0.0;
    for (std::size_t i = 0; i < p.rows; ++i) {
      const double y = table.outputs[3 * static_cast<std::size_t>(card.split->validation[i]) + c];
      const double mean = p.mean[3 * i + c], sd = p.std[3 * i + c];
      const double z = log ? (std::log10(y) - std::log10(mean)) / (sd / (std::log(10.0) * mean)) : (y - mean) / sd;
      sum += z * z;
    }
    // The trainer fitted the factor on the same rows through the same arithmetic up to the scaling round trip
    // (relative ~1e-12): the mean square is 1 to well within 1e-6.
    REQUIRE(sum / static_cast<double>(p.rows) == Approx(1.0).epsilon(1e-6));
    const SpreadCalibration& cal = *card.outputs[c].calibration;
    REQUIRE(cal.validation_rows == card.validation_rows);
    REQUIRE(cal.test_uncalibrated.rmse == card.outputs[c].test->rmse);  // the mean is not touched
  }
  // h carries N(0, 0.1^2) noise that the variance heads learn: its factor stays near 1 (the 75 validation
  // rows estimate a mean square with a relative sd of sqrt(2 / 75) = 0.16, so the factor within ~0.08: 3 sd
  // and the members' own misfit leave [0.7, 1.3]). The noise-free f's spread is the members' disagreement,
  // larger than their error: it shrinks.
  INFO("std_scale f " << card.outputs[0].calibration->std_scale << ", g " << card.outputs[1].calibration->std_scale
                      << ", h " << card.outputs[2].calibration->std_scale);
  REQUIRE(card.outputs[2].calibration->std_scale > 0.7);
  REQUIRE(card.outputs[2].calibration->std_scale < 1.3);
  REQUIRE(card.outputs[0].calibration->std_scale < 1.0);
}

TEST_CASE("the native float32 path gives model.pt's predictions to float precision", "[surrogates][train]") {
  trained_card(model_dir());
  const SurrogateModel model = SurrogateModel::load(model_dir());
  REQUIRE(model.has_native_path());
  std::mt19937_64 engine(9);
  std::uniform_real_distribution<double> u(-1.5, 1.5);  // inside and a little outside the training box
  std::vector<double> x;
  for (int i = 0; i < 2000; ++i) x.push_back(u(engine));
  const Prediction exact = model.predict(x, 1000), fast = model.predict_fast(x, 1000);
  REQUIRE(fast.rows == 1000);
  REQUIRE(fast.outputs == 3);
  double worst_mean = 0.0, worst_std = 0.0;
  for (std::size_t i = 0; i < exact.mean.size(); ++i) {
    // Relative to the output's spread of values (f crosses 0): the mean's error is float rounding carried
    // through two 32-wide layers, ~sqrt(32) x 6e-8 of unit-scale activations, times the output scale.
    worst_mean = std::max(worst_mean, std::abs(fast.mean[i] - exact.mean[i]) / (std::abs(exact.mean[i]) + 0.1));
    worst_std = std::max(worst_std, std::abs(fast.std[i] - exact.std[i]) / exact.std[i]);
  }
  INFO("largest relative difference: mean " << worst_mean << ", std " << worst_std);
  REQUIRE(worst_mean < 1e-5);
  // The std is the mixture's sqrt(E[var + mu^2] - mean^2): where the members agree closely, the float rounding of
  // each member's mu (~1e-7 of |mu|) is amplified by |mu| / sigma; 1e-3 allows sigma down to 1e-4 |mu|.
  REQUIRE(worst_std < 1e-3);
}
