// surrogates/field_surrogate: a field surrogate trained on a synthetic plume that turns with the wind, its
// model.json field block, the TorchScript module returning fields, and the wind-aligned frame against one
// global basis.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <random>

#include "base/error.hpp"
#include "surrogates/field_surrogate.hpp"

using namespace twinlab::surrogates;
namespace fs = std::filesystem;

namespace {

// A plume-like field on a 41 x 41 grid (100 m) about the origin: q exp(-((s - s0)/L)^2 - (n/W)^2) in the frame
// of the wind from direction d (field_frame.hpp), s0 = 500 + 700 h, L = 400 + 300 h, W = 200 + 100 h.
// Inputs: d in [200, 320] deg, h in [0, 1], q in [1, 10] (log-uniform: learnt in log10).
FieldTrainingData synthetic_plumes(std::size_t rows, std::uint64_t seed) {
  FieldTrainingData t;
  t.input_names = {"wind_direction_deg", "h", "q"};
  t.input_units = {"degree", "1", "kg s-1"};
  t.field_name = "plume";
  t.field_units = "kg m-3";
  for (int i = 0; i <= 40; ++i) {
    t.grid.x.push_back(-2000.0 + 100.0 * i);
    t.grid.y.push_back(-2000.0 + 100.0 * i);
  }
  t.direction_input = 0;
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::size_t r = 0; r < rows; ++r) {
    const double d = 200.0 + 120.0 * u(engine), h = u(engine), q = std::pow(10.0, u(engine));
    t.inputs.insert(t.inputs.end(), {d, h, q});
    const double a = d * M_PI / 180.0, s0 = 500.0 + 700.0 * h, l = 400.0 + 300.0 * h, w = 200.0 + 100.0 * h;
    for (const double y : t.grid.y)
      for (const double x : t.grid.x) {
        const double s = -x * std::sin(a) - y * std::cos(a), n = x * std::cos(a) - y * std::sin(a);
        t.fields.push_back(q * std::exp(-std::pow((s - s0) / l, 2) - std::pow(n / w, 2)));
      }
    ++t.rows;
  }
  return t;
}

TrainingOptions quick_options() {
  TrainingOptions o;
  o.members = 2;
  o.hidden_layers = {32, 32};
  o.max_epochs = 3000;
  o.patience = 300;
  o.seed = 3;
  return o;
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(TWINLAB_BINARY_DIR) / "test-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("A field surrogate of a plume turning with the wind meets its error and says so in model.json", "[field]") {
  const FieldTrainingData data = synthetic_plumes(200, 1);
  const fs::path dir = scratch("field-surrogate-synthetic");
  FieldOptions fo;
  fo.pod.max_modes = 16;
  const ModelCard card = train_field_surrogate(data, fo, quick_options(), dir);
  REQUIRE(card.field);
  const FieldCard& f = *card.field;
  CHECK(card.kind == kFieldModelKind);
  CHECK(f.frame == "wind-aligned");
  CHECK(f.transform == "log10");  // q exp(-...) spans many decades
  CHECK(f.modes >= 2);
  CHECK(f.modes <= 16);
  CHECK(f.end_to_end.n == card.test_rows);
  INFO("projection floor median " << f.projection_floor.median << ", end to end median " << f.end_to_end.median
                                  << " p95 " << f.end_to_end.p95);
  // In the wind-aligned frame the synthetic plume depends on h alone (and q, a constant in log10); what is left
  // is mostly the two bilinear resamplings of a plume 2-3 nodes wide across (measured: floor 4.0 %, end to end
  // median 6.2 %, p95 9.5 %, 2 members). Bounds with ~1.5x margin for other BLAS / thread counts; the
  // issue's 5 % median is not reached on this coarse synthetic grid.
  CHECK(f.projection_floor.median < 0.06);
  CHECK(f.end_to_end.median < 0.10);
  CHECK(f.end_to_end.p95 < 0.15);
  CHECK(f.by_direction.size() == 6);
  std::size_t binned = 0;
  for (const auto& b : f.by_direction) binned += b.end_to_end.n;
  CHECK(binned == f.end_to_end.n);

  // The saved model: model.json round trip and predictions of the right shape near the truth.
  const FieldSurrogateModel model = FieldSurrogateModel::load(dir);
  CHECK(model.card().field->modes == f.modes);
  CHECK(model.card().field->end_to_end.median == f.end_to_end.median);
  CHECK(is_field_model_directory(dir));
  CHECK_FALSE(is_field_model_directory(dir / "coefficients"));  // the coefficient ensemble is a scalar model
  const std::vector<double> x{260.0, 0.5, 3.0};
  const FieldPrediction p = model.predict(x, 1);
  REQUIRE(p.cells == 41 * 41);
  const FieldTrainingData one = [&] {
    FieldTrainingData t = synthetic_plumes(0, 0);
    const double a = 260.0 * M_PI / 180.0;
    for (const double yy : t.grid.y)
      for (const double xx : t.grid.x) {
        const double s = -xx * std::sin(a) - yy * std::cos(a), n = xx * std::cos(a) - yy * std::sin(a);
        t.fields.push_back(3.0 * std::exp(-std::pow((s - 850.0) / 550.0, 2) - std::pow(n / 250.0, 2)));
      }
    return t;
  }();
  double e = 0.0, t = 0.0;
  for (std::size_t k = 0; k < p.cells; ++k) {
    e += std::pow(p.mean[k] - one.fields[k], 2);
    t += one.fields[k] * one.fields[k];
    REQUIRE(p.std[k] >= 0.0);
  }
  CHECK(std::sqrt(e / t) < 0.08);  // one point inside the domain: within the p95 bound with margin
}

TEST_CASE("The wind-aligned basis captures a turning plume far better than one global basis", "[field]") {
  const FieldTrainingData data = synthetic_plumes(120, 2);
  FieldOptions aligned, global;
  aligned.pod.max_modes = global.pod.max_modes = 6;
  aligned.frame = FieldFrame::WindAligned;
  global.frame = FieldFrame::Grid;
  TrainingOptions o = quick_options();
  o.max_epochs = 300;  // only the projection floor is compared here
  o.warmup_epochs = 100;
  o.patience = 50;
  const ModelCard a = train_field_surrogate(data, aligned, o, scratch("field-surrogate-aligned"));
  const ModelCard g = train_field_surrogate(data, global, o, scratch("field-surrogate-global"));
  INFO("aligned floor " << a.field->projection_floor.median << ", global floor " << g.field->projection_floor.median);
  CHECK(a.field->frame == "wind-aligned");
  CHECK(g.field->frame == "grid");
  // With 6 modes the global basis cannot follow a plume swept through 120 degrees (tens of % error); in the
  // aligned frame 6 modes are ample.
  CHECK(a.field->projection_floor.median * 5.0 < g.field->projection_floor.median);
}

TEST_CASE("A field surrogate refuses NaN in a field and a wind-aligned frame without a direction", "[field]") {
  FieldTrainingData data = synthetic_plumes(40, 3);
  data.fields[5 * data.grid.cells() + 7] = std::nan("");
  CHECK_THROWS_AS(train_field_surrogate(data, {}, quick_options(), scratch("field-surrogate-bad")),
                  twinlab::base::InputError);
  FieldTrainingData no_direction = synthetic_plumes(40, 3);
  no_direction.direction_input.reset();
  FieldOptions wind;
  wind.frame = FieldFrame::WindAligned;
  CHECK_THROWS_AS(train_field_surrogate(no_direction, wind, quick_options(), scratch("field-surrogate-bad")),
                  twinlab::base::InputError);
}
