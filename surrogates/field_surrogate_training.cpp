// Training of a field surrogate (see field_surrogate.hpp): transform, frame, POD, the coefficient ensemble, the
// TorchScript module that returns fields, and the test errors measured through the saved module.
#include <torch/script.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "surrogates/data_split.hpp"
#include "surrogates/field_surrogate.hpp"

namespace twinlab::surrogates {
namespace {

namespace fs = std::filesystem;

struct Transform {
  bool log10 = false;
  double floor = 0.0;
  double forward(double v) const { return log10 ? std::log10(std::max(v, floor)) : v; }
  double backward(double g) const { return log10 ? std::pow(10.0, g) : g; }
};

void check_data(const FieldTrainingData& d) {
  const std::size_t cells = d.grid.cells(), n_in = d.input_names.size();
  if (d.grid.x.size() < 2 || d.grid.y.size() < 2)
    throw base::InputError({"", 0, 0, d.field_name}, "a field surrogate needs a 2-D field of at least 2 x 2 nodes");
  if (d.fields.size() != d.rows * cells || d.inputs.size() != d.rows * n_in)
    throw std::invalid_argument("train_field_surrogate: sizes do not match rows x cells / inputs");
  for (std::size_t r = 0; r < d.rows; ++r) {
    for (std::size_t c = 0; c < n_in; ++c)
      if (!std::isfinite(d.inputs[r * n_in + c]))
        throw base::InputError({"", 0, 0, d.input_names[c]}, fmt::format("row {} is not a finite number", r));
    for (std::size_t c = 0; c < cells; ++c)
      if (!std::isfinite(d.fields[r * cells + c]))
        throw base::InputError({"", 0, 0, d.field_name},
                               fmt::format("row {} holds a value that is not finite (NaN or Inf); drop failed runs first", r));
  }
}

Transform choose_transform(const FieldTrainingData& d, const std::vector<std::size_t>& train, LogChoice choice,
                           double floor_fraction) {
  const std::size_t cells = d.grid.cells();
  double largest = 0.0, smallest_positive = INFINITY, smallest = INFINITY;
  for (std::size_t r : train)
    for (std::size_t c = 0; c < cells; ++c) {
      const double v = d.fields[r * cells + c];
      largest = std::max(largest, v);
      smallest = std::min(smallest, v);
      if (v > 0.0) smallest_positive = std::min(smallest_positive, v);
    }
  Transform t;
  const bool can_log = smallest >= 0.0 && largest > 0.0;
  if (choice == LogChoice::Always && !can_log)
    throw base::InputError({"", 0, 0, d.field_name},
                           fmt::format("cannot be learnt in log10: it has values <= 0 everywhere or below 0 (smallest {:g})", smallest));
  t.log10 = choice == LogChoice::Always || (choice == LogChoice::Auto && can_log && largest / smallest_positive >= 100.0);
  t.floor = floor_fraction * largest;
  return t;
}

// Coefficients of a snapshot with gaps: least squares on the present cells by alternating projection and
// refilling the gaps with the reconstruction (field_pod.hpp).
std::vector<double> gappy_coefficients(const PodBasis& basis, std::vector<double> values,
                                       const std::vector<std::uint8_t>& present, int iterations) {
  bool gaps = false;
  for (std::size_t c = 0; c < values.size(); ++c)
    if (!present.empty() && present[c] == 0) {
      values[c] = basis.mean[c];
      gaps = true;
    }
  std::vector<double> a = pod_project(basis, values);
  if (!gaps) return a;
  for (int i = 0; i < iterations; ++i) {
    const std::vector<double> rebuilt = pod_reconstruct(basis, a);
    for (std::size_t c = 0; c < values.size(); ++c)
      if (present[c] == 0) values[c] = rebuilt[c];
    a = pod_project(basis, values);
  }
  return a;
}

double relative_l2(std::span<const double> predicted, std::span<const double> truth) {
  double e = 0.0, t = 0.0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    e += (predicted[i] - truth[i]) * (predicted[i] - truth[i]);
    t += truth[i] * truth[i];
  }
  return t > 0.0 ? std::sqrt(e / t) : std::sqrt(e);
}

// Median (linear interpolation between order statistics) and 95th percentile.
FieldErrorSummary summarise(std::vector<double> errors) {
  FieldErrorSummary s;
  s.n = errors.size();
  if (errors.empty()) return s;
  std::sort(errors.begin(), errors.end());
  const auto quantile = [&](double q) {
    const double pos = q * static_cast<double>(errors.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, errors.size() - 1);
    return errors[lo] + (pos - static_cast<double>(lo)) * (errors[hi] - errors[lo]);
  };
  s.median = quantile(0.5);
  s.p95 = quantile(0.95);
  s.max = errors.back();
  return s;
}

torch::Tensor tensor_of(const std::vector<double>& v) { return torch::tensor(v, torch::kFloat64); }

// The module that returns fields: the coefficient ensemble as a submodule, then mean + coefficients x basis,
// resampling from the aligned grid (the same bilinear rule as field_frame.cpp), and the inverse transform.
// The field's variance is propagated from the coefficients' ensemble variance, taking them as independent.
torch::jit::Module make_scripted_field(torch::jit::Module coefficients, const PodBasis& basis, const Transform& t,
                                       const FieldTrainingData& d, const std::optional<AlignedFrame>& frame,
                                       std::size_t direction_index) {
  torch::jit::Module m("TwinlabFieldSurrogate");
  m.register_module("coefficients", coefficients);
  m.register_buffer("pod_mean", tensor_of(basis.mean));
  m.register_buffer("pod_vectors", tensor_of(basis.vectors).view({static_cast<int64_t>(basis.modes),
                                                                     static_cast<int64_t>(basis.cells)}));
  std::string rotation;
  if (frame) {
    std::vector<double> px, py;
    for (const double y : d.grid.y)
      for (const double x : d.grid.x) {
        px.push_back(x - frame->origin_x);
        py.push_back(y - frame->origin_y);
      }
    m.register_buffer("node_dx", tensor_of(px));
    m.register_buffer("node_dy", tensor_of(py));
    const double fill = t.forward(0.0);
    rotation = fmt::format(R"(
        d = x[:, {dir}] * 0.017453292519943295
        sd = torch.sin(d).unsqueeze(1)
        cd = torch.cos(d).unsqueeze(1)
        s = -self.node_dx * sd - self.node_dy * cd
        n = self.node_dx * cd - self.node_dy * sd
        gx = (s - {s0:.17g}) / {ws:.17g} * 2.0 - 1.0
        gy = (n - {n0:.17g}) / {wn:.17g} * 2.0 - 1.0
        grid = torch.stack([gx, gy], dim=2).unsqueeze(1)
        g = torch.grid_sampler((g - {fill:.17g}).view(rows, 1, {nn}, {ns}), grid, 0, 0, True).view(rows, -1) + {fill:.17g}
        v = torch.grid_sampler(v.view(rows, 1, {nn}, {ns}), grid, 0, 0, True).view(rows, -1)
)",
                           fmt::arg("dir", direction_index), fmt::arg("s0", frame->s.front()),
                           fmt::arg("ws", frame->s.back() - frame->s.front()), fmt::arg("n0", frame->n.front()),
                           fmt::arg("wn", frame->n.back() - frame->n.front()), fmt::arg("fill", fill),
                           fmt::arg("nn", frame->n.size()), fmt::arg("ns", frame->s.size()));
  }
  const std::string finish = t.log10 ? R"(
        mean = torch.pow(10.0, g)
        std = 2.302585092994046 * mean * torch.sqrt(torch.clamp(v, min=0.0))
)"
                                     : R"(
        mean = g
        std = torch.sqrt(torch.clamp(v, min=0.0))
)";
  const std::string source = fmt::format(R"(
    def forward(self, x):
        rows = x.size(0)
        cm, cs = self.coefficients.forward(x)
        g = self.pod_mean + torch.matmul(cm, self.pod_vectors)
        v = torch.matmul(cs * cs, self.pod_vectors * self.pod_vectors)
{}{}        return mean.view(rows, {}, {}), std.view(rows, {}, {})
)",
                                         rotation, finish, d.grid.y.size(), d.grid.x.size(), d.grid.y.size(),
                                         d.grid.x.size());
  m.define(source);
  m.eval();
  return m;
}

}  // namespace

ModelCard train_field_surrogate(const FieldTrainingData& d, const FieldOptions& fo, const TrainingOptions& options,
                                const fs::path& directory, ModelCard card) {
  check_data(d);
  const std::size_t cells = d.grid.cells(), n_in = d.input_names.size();
  const DataSplit split = split_rows(d.rows, options.validation_fraction, options.test_fraction, options.seed);
  const Transform t = choose_transform(d, split.train, fo.transform, fo.floor_fraction);
  const bool aligned = fo.frame == FieldFrame::WindAligned || (fo.frame == FieldFrame::Auto && d.direction_input);
  if (aligned && !d.direction_input)
    throw base::InputError({"", 0, 0, d.field_name}, "the wind-aligned frame needs a wind-direction input; name it");
  const std::optional<AlignedFrame> frame =
      aligned ? std::optional<AlignedFrame>(aligned_frame_for(d.grid, d.origin_x_m, d.origin_y_m)) : std::nullopt;
  const auto direction_of = [&](std::size_t r) { return d.inputs[r * n_in + *d.direction_input]; };

  // Snapshots in the learnt space (transformed, in the frame), with their gaps.
  const std::size_t learnt_cells = frame ? frame->cells() : cells;
  std::vector<std::vector<double>> snapshots(d.rows);
  std::vector<std::vector<std::uint8_t>> present(d.rows);
  for (std::size_t r = 0; r < d.rows; ++r) {
    std::vector<double> g(cells);
    for (std::size_t c = 0; c < cells; ++c) g[c] = t.forward(d.fields[r * cells + c]);
    if (frame) {
      AlignedField a = to_aligned(d.grid, g, *frame, direction_of(r));
      snapshots[r] = std::move(a.values);
      present[r] = std::move(a.present);
    } else {
      snapshots[r] = std::move(g);
    }
  }
  std::vector<double> train_snapshots;
  std::vector<std::uint8_t> train_present;
  for (std::size_t r : split.train) {
    train_snapshots.insert(train_snapshots.end(), snapshots[r].begin(), snapshots[r].end());
    if (frame) train_present.insert(train_present.end(), present[r].begin(), present[r].end());
  }
  const PodBasis basis = fit_pod(train_snapshots, split.train.size(), learnt_cells, fo.pod, train_present);

  // The ensemble on the coefficients (a scalar model directory of its own).
  TrainingTable table;
  table.input_names = d.input_names;
  table.input_units = d.input_units;
  table.rows = d.rows;
  table.inputs = d.inputs;
  std::vector<std::vector<double>> coefficients(d.rows);
  for (std::size_t k = 0; k < basis.modes; ++k) {
    table.output_names.push_back(fmt::format("{}.mode_{}", d.field_name, k));
    table.output_units.push_back("1");
  }
  for (std::size_t r = 0; r < d.rows; ++r) {
    coefficients[r] = gappy_coefficients(basis, snapshots[r], present[r], fo.pod.gap_iterations);
    table.outputs.insert(table.outputs.end(), coefficients[r].begin(), coefficients[r].end());
  }
  TrainingOptions coefficient_options = options;
  coefficient_options.output_log = LogChoice::Never;
  coefficient_options.log_outputs.clear();
  if (fo.energy_weighted_loss) coefficient_options.output_weights = basis.energy;
  const fs::path sub = directory / "coefficients";
  fs::create_directories(sub);
  const ModelCard coefficient_card = train_scalar_surrogate(table, coefficient_options, sub, card);

  const std::size_t direction_index = d.direction_input.value_or(0);
  torch::jit::Module module = make_scripted_field(torch::jit::load((sub / "model.pt").string()), basis, t, d, frame,
                                                  direction_index);
  const fs::path weights = directory / "model.pt";
  base::write_file_atomically(weights, [&](const fs::path& temporary) { module.save(temporary.string()); });

  // Test errors: end to end through the saved module; the projection floor from the true coefficients.
  torch::jit::Module loaded = torch::jit::load(weights.string());
  std::vector<double> test_inputs;
  for (std::size_t r : split.test)
    for (std::size_t c = 0; c < n_in; ++c) test_inputs.push_back(d.inputs[r * n_in + c]);
  c10::InferenceMode inference;
  const torch::Tensor x = torch::from_blob(test_inputs.data(),
                                           {static_cast<int64_t>(split.test.size()), static_cast<int64_t>(n_in)},
                                           torch::kFloat64);
  const torch::Tensor mean = loaded.forward({x}).toTuple()->elements()[0].toTensor().contiguous();
  std::vector<double> end_to_end, floor_errors;
  for (std::size_t i = 0; i < split.test.size(); ++i) {
    const std::size_t r = split.test[i];
    const std::span<const double> truth(d.fields.data() + r * cells, cells);
    const std::span<const double> predicted(mean.data_ptr<double>() + i * cells, cells);
    end_to_end.push_back(relative_l2(predicted, truth));
    std::vector<double> g = pod_reconstruct(basis, coefficients[r]);
    if (frame) g = from_aligned(*frame, g, d.grid, direction_of(r), t.forward(0.0));
    for (double& v : g) v = t.backward(v);
    floor_errors.push_back(relative_l2(g, truth));
  }

  FieldCard f;
  f.name = d.field_name;
  f.units = d.field_units;
  f.dims = d.dims;
  f.coordinates = {d.grid.y, d.grid.x};
  f.transform = t.log10 ? "log10" : "none";
  f.floor = t.log10 ? t.floor : 0.0;
  f.floor_fraction = t.log10 ? fo.floor_fraction : 0.0;
  f.frame = frame ? "wind-aligned" : "grid";
  if (d.direction_input) f.direction_input = d.input_names[*d.direction_input];
  if (frame) {
    f.origin_x_m = frame->origin_x;
    f.origin_y_m = frame->origin_y;
    f.aligned_shape = {frame->n.size(), frame->s.size()};
    f.aligned_spacing_m = frame->s[1] - frame->s[0];
  }
  f.modes = basis.modes;
  f.energy_fraction_asked = fo.pod.energy_fraction;
  f.energy_captured = basis.energy_captured;
  f.mode_energy = basis.energy;
  f.projection_floor = summarise(floor_errors);
  f.end_to_end = summarise(end_to_end);
  if (d.direction_input && fo.direction_bins > 0) {
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t r = 0; r < d.rows; ++r) {
      lo = std::min(lo, direction_of(r));
      hi = std::max(hi, direction_of(r));
    }
    const double width = (hi - lo) / static_cast<double>(fo.direction_bins);
    for (std::size_t b = 0; b < fo.direction_bins && width > 0.0; ++b) {
      FieldDirectionBin bin;
      bin.from_deg = lo + static_cast<double>(b) * width;
      bin.to_deg = b + 1 == fo.direction_bins ? hi : lo + static_cast<double>(b + 1) * width;
      std::vector<double> e, p;
      for (std::size_t i = 0; i < split.test.size(); ++i) {
        const double dir = direction_of(split.test[i]);
        if (dir >= bin.from_deg && (dir < bin.to_deg || (b + 1 == fo.direction_bins && dir <= hi))) {
          e.push_back(end_to_end[i]);
          p.push_back(floor_errors[i]);
        }
      }
      bin.end_to_end = summarise(e);
      bin.projection_floor = summarise(p);
      f.by_direction.push_back(bin);
    }
  }

  card = coefficient_card;
  card.kind = kFieldModelKind;
  card.weights_file = "model.pt";
  card.outputs = {OutputSpec{d.field_name, d.field_units, std::nullopt, std::nullopt, std::nullopt}};
  card.field = f;
  base::write_text_atomic(directory / "model.json", model_card_json(card));
  return card;
}

bool is_field_model_directory(const fs::path& directory) {
  const fs::path card = directory / "model.json";
  if (!fs::is_regular_file(card)) return false;
  return read_model_card(card).kind == kFieldModelKind;
}

}  // namespace twinlab::surrogates
