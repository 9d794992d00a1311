// Training of the scalar-KPI deep ensemble (see scalar_surrogate.hpp and ensemble_tensors.hpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "surrogates/data_split.hpp"
#include "surrogates/ensemble_tensors.hpp"
#include "surrogates/input_density.hpp"
#include "surrogates/prediction_metrics.hpp"
#include "surrogates/scalar_surrogate.hpp"
#include "surrogates/scripted_ensemble.hpp"

namespace twinlab::surrogates {
namespace {

using detail::EnsembleTensors;

std::vector<double> column(const std::vector<double>& table, std::size_t columns, std::size_t c,
                           const std::vector<std::size_t>& rows) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (std::size_t r : rows) out.push_back(table[r * columns + c]);
  return out;
}

// Rows x columns of the scaled values of the chosen rows.
torch::Tensor scaled_tensor(const std::vector<double>& table, const std::vector<ColumnScaling>& scaling,
                            const std::vector<std::size_t>& rows) {
  const std::size_t columns = scaling.size();
  std::vector<double> v;
  v.reserve(rows.size() * columns);
  for (std::size_t r : rows)
    for (std::size_t c = 0; c < columns; ++c) v.push_back(scaling[c].forward(table[r * columns + c]));
  return torch::from_blob(v.data(), {static_cast<int64_t>(rows.size()), static_cast<int64_t>(columns)},
                          torch::kFloat64)
      .clone();
}

void check_table(const TrainingTable& t) {
  const std::size_t d = t.input_names.size(), m = t.output_names.size();
  for (std::size_t r = 0; r < t.rows; ++r) {
    for (std::size_t c = 0; c < d; ++c)
      if (!std::isfinite(t.inputs[r * d + c]))
        throw base::InputError({"", 0, 0, t.input_names[c]}, fmt::format("row {} is not a finite number", r));
    for (std::size_t c = 0; c < m; ++c)
      if (!std::isfinite(t.outputs[r * m + c]))
        throw base::InputError({"", 0, 0, t.output_names[c]},
                               fmt::format("row {} is not a finite number (NaN or Inf); drop failed runs first", r));
  }
  for (std::size_t c = 0; c < m; ++c) {
    const auto first = t.outputs[c];
    bool varies = false;
    for (std::size_t r = 1; r < t.rows && !varies; ++r) varies = t.outputs[r * m + c] != first;
    if (!varies)
      throw base::InputError({"", 0, 0, t.output_names[c]},
                             fmt::format("is constant ({:g}) over every run: there is nothing to learn; leave it out", first));
  }
}

EnsembleTensors initial_network(int64_t inputs, const std::vector<int>& hidden, int64_t outputs, int64_t members) {
  EnsembleTensors net;
  std::vector<int64_t> widths{inputs};
  for (int h : hidden) widths.push_back(h);
  widths.push_back(2 * outputs);
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    // Glorot/Xavier uniform: keeps the tanh layers' activations at unit scale.
    const double a = std::sqrt(6.0 / static_cast<double>(widths[l] + widths[l + 1]));
    net.weights.push_back((torch::rand({members, widths[l], widths[l + 1]}, torch::kFloat64) * 2.0 - 1.0) * a);
    net.biases.push_back(torch::zeros({members, 1, widths[l + 1]}, torch::kFloat64));
  }
  for (auto& w : net.weights) w.set_requires_grad(true);
  for (auto& b : net.biases) b.set_requires_grad(true);
  return net;
}

// Per member, the mean over rows and outputs of the Gaussian NLL (without the constant), [members].
// Per member, the mean over rows and outputs, each output weighted by w (outputs, mean 1).
torch::Tensor member_nll(const torch::Tensor& mu, const torch::Tensor& var, const torch::Tensor& y,
                         const torch::Tensor& w) {
  return (0.5 * (torch::log(var) + (y.unsqueeze(0) - mu).pow(2) / var) * w).mean({1, 2});
}

}  // namespace

ModelCard train_scalar_surrogate(const TrainingTable& table, const TrainingOptions& options,
                                 const std::filesystem::path& directory, ModelCard card) {
  const std::size_t d = table.input_names.size(), m = table.output_names.size();
  check_table(table);
  const DataSplit split = split_rows(table.rows, options.validation_fraction, options.test_fraction, options.seed);

  std::vector<ColumnScaling> in_scaling, out_scaling;
  for (std::size_t c = 0; c < d; ++c) {
    const std::vector<double> values = column(table.inputs, d, c, split.train);
    in_scaling.push_back(fit_column_scaling(values, wants_log10(values, options.input_log, table.input_names[c])));
  }
  for (std::size_t c = 0; c < m; ++c) {
    const std::vector<double> values = column(table.outputs, m, c, split.train);
    const bool forced = std::find(options.log_outputs.begin(), options.log_outputs.end(), table.output_names[c]) !=
                        options.log_outputs.end();
    const bool log = wants_log10(values, forced ? LogChoice::Always : options.output_log, table.output_names[c]);
    out_scaling.push_back(fit_column_scaling(values, log));
  }

  const torch::Tensor x_train = scaled_tensor(table.inputs, in_scaling, split.train);
  const torch::Tensor y_train = scaled_tensor(table.outputs, out_scaling, split.train);
  const torch::Tensor x_val = scaled_tensor(table.inputs, in_scaling, split.validation);
  const torch::Tensor y_val = scaled_tensor(table.outputs, out_scaling, split.validation);

  std::vector<double> loss_weights(m, 1.0);
  if (!options.output_weights.empty()) {
    if (options.output_weights.size() != m)
      throw std::invalid_argument("train_scalar_surrogate: output_weights must hold one weight per output");
    const double mean_weight =
        std::accumulate(options.output_weights.begin(), options.output_weights.end(), 0.0) / static_cast<double>(m);
    if (!(mean_weight > 0.0)) throw std::invalid_argument("train_scalar_surrogate: output_weights must be positive");
    for (std::size_t c = 0; c < m; ++c) loss_weights[c] = options.output_weights[c] / mean_weight;
  }
  const torch::Tensor w = torch::tensor(loss_weights, torch::kFloat64);

  torch::manual_seed(options.seed);
  const int64_t members = options.members;
  EnsembleTensors net = initial_network(static_cast<int64_t>(d), options.hidden_layers, static_cast<int64_t>(m), members);
  std::vector<torch::Tensor> parameters = net.weights;
  parameters.insert(parameters.end(), net.biases.begin(), net.biases.end());
  torch::optim::Adam adam(parameters, torch::optim::AdamOptions(options.learning_rate));

  // Early stopping per member: the weights of each member's best validation NLL are kept.
  EnsembleTensors best;
  for (const auto& w : net.weights) best.weights.push_back(w.detach().clone());
  for (const auto& b : net.biases) best.biases.push_back(b.detach().clone());
  torch::Tensor best_loss = torch::full({members}, std::numeric_limits<double>::infinity(), torch::kFloat64);
  std::vector<int> best_epoch(static_cast<std::size_t>(members), 0);
  int last_improvement = 0;
  for (int epoch = 1; epoch <= options.max_epochs; ++epoch) {
    adam.zero_grad();
    const auto [mu, var] = detail::forward_members(net, x_train);
    const bool warmup = epoch <= options.warmup_epochs;
    // Members are independent (disjoint parameters), so the sum of their losses trains each on its own.
    const torch::Tensor loss = warmup ? ((y_train.unsqueeze(0) - mu).pow(2) * w).mean({1, 2}).sum()
                                      : member_nll(mu, var, y_train, w).sum();
    loss.backward();
    adam.step();
    if (warmup) continue;
    torch::NoGradGuard no_grad;
    const auto [val_mu, val_var] = detail::forward_members(net, x_val);
    const torch::Tensor val_loss = member_nll(val_mu, val_var, y_val, w);
    const torch::Tensor improved = val_loss < best_loss;
    if (improved.any().item<bool>()) {
      last_improvement = epoch;
      best_loss = torch::where(improved, val_loss, best_loss);
      const torch::Tensor mask = improved.view({members, 1, 1});
      for (std::size_t l = 0; l < net.weights.size(); ++l) {
        best.weights[l] = torch::where(mask, net.weights[l].detach(), best.weights[l]);
        best.biases[l] = torch::where(mask, net.biases[l].detach(), best.biases[l]);
      }
      const auto flags = improved.to(torch::kUInt8);
      for (int64_t k = 0; k < members; ++k)
        if (flags[k].item<uint8_t>() != 0) best_epoch[static_cast<std::size_t>(k)] = epoch;
    }
    if (options.progress && epoch % options.progress_every == 0)
      options.progress(epoch, loss.item<double>() / static_cast<double>(members), val_loss.mean().item<double>());
    if (epoch - last_improvement >= options.patience) break;
  }

  // Recalibration of the spread on the validation runs. On noise-free simulator output the members' disagreement
  // overstates their error where the data are dense (+-1 sigma coverage near 95 % instead of 68 %); one factor
  // per output, fitted by maximum likelihood (std_scale^2 = mean z^2), brings the NLL-optimal Gaussian back.
  // The validation runs also chose each member's best epoch, so the factor is slightly optimistic.
  std::vector<double> std_scale(m, 1.0);
  if (options.calibrate_spread) {
    torch::NoGradGuard no_grad;
    const auto [val_mu, val_var] = detail::forward_members(best, x_val);
    const torch::Tensor mean = val_mu.mean(0);
    const torch::Tensor sigma = ((val_var + val_mu * val_mu).mean(0) - mean * mean).clamp_min(1e-300).sqrt();
    const torch::Tensor scale = ((y_val - mean) / sigma).pow(2).mean(0).sqrt().contiguous();
    for (std::size_t c = 0; c < m; ++c) std_scale[c] = scale[static_cast<int64_t>(c)].item<double>();
  }

  // The saved module is the only prediction path, also for the test metrics below.
  torch::jit::Module module = detail::make_scripted_ensemble(best, in_scaling, out_scaling, std_scale);
  const std::filesystem::path weights = directory / "model.pt";
  base::write_file_atomically(weights, [&](const std::filesystem::path& temporary) { module.save(temporary.string()); });

  card.kind = "scalar-ensemble";
  card.weights_file = "model.pt";
  card.trained_by = "twinlab";
  card.inputs.clear();
  card.outputs.clear();
  // The training domain is the box of every run the model was built and checked on (training, validation and
  // test rows): a query inside it lies where the held-out error was measured.
  std::vector<std::size_t> all_rows(table.rows);
  for (std::size_t r = 0; r < table.rows; ++r) all_rows[r] = r;
  for (std::size_t c = 0; c < d; ++c) {
    const std::vector<double> values = column(table.inputs, d, c, all_rows);
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    card.inputs.push_back({table.input_names[c], table.input_units[c], *lo, *hi, in_scaling[c]});
  }
  // Density of the training points in the unit box of the training domain.
  std::vector<double> unit;
  for (std::size_t r : split.train) {
    for (std::size_t c = 0; c < d; ++c) {
      const InputSpec& in = card.inputs[c];
      const auto g = [&](double v) { return in_scaling[c].log10 ? std::log10(v) : v; };
      const double span = g(in.max) - g(in.min);
      unit.push_back(span > 0.0 ? (g(table.inputs[r * d + c]) - g(in.min)) / span : 0.0);
    }
  }
  card.density = nearest_neighbour_density(unit, split.train.size(), d);

  // Test metrics through the saved module.
  std::vector<double> test_inputs;
  for (std::size_t r : split.test)
    for (std::size_t c = 0; c < d; ++c) test_inputs.push_back(table.inputs[r * d + c]);
  torch::jit::Module loaded = torch::jit::load(weights.string());
  const torch::Tensor x_test = torch::from_blob(test_inputs.data(),
                                                {static_cast<int64_t>(split.test.size()), static_cast<int64_t>(d)},
                                                torch::kFloat64);
  c10::InferenceMode inference;
  const auto result = loaded.forward({x_test}).toTuple();
  const torch::Tensor mean = result->elements()[0].toTensor().contiguous();
  const torch::Tensor std_dev = result->elements()[1].toTensor().contiguous();
  for (std::size_t c = 0; c < m; ++c) {
    std::vector<double> truth, pred, truth_t, mu, sigma;
    for (std::size_t i = 0; i < split.test.size(); ++i) {
      const double t = table.outputs[split.test[i] * m + c];
      const double p = mean[static_cast<int64_t>(i)][static_cast<int64_t>(c)].item<double>();
      const double s = std_dev[static_cast<int64_t>(i)][static_cast<int64_t>(c)].item<double>();
      truth.push_back(t);
      pred.push_back(p);
      // Back to the scaled space, where the predictive distribution is Gaussian (model_card.hpp).
      const ColumnScaling& sc = out_scaling[c];
      truth_t.push_back(sc.forward(t));
      mu.push_back(sc.forward(p));
      sigma.push_back((sc.log10 ? s / (std::log(10.0) * p) : s) / sc.scale);
    }
    OutputSpec spec{table.output_names[c], table.output_units[c], out_scaling[c], std::nullopt, std::nullopt};
    spec.test = output_metrics(truth, pred, truth_t, mu, sigma);
    if (options.calibrate_spread) {
      std::vector<double> raw_sigma;
      for (double v : sigma) raw_sigma.push_back(v / std_scale[c]);
      spec.calibration = SpreadCalibration{std_scale[c], split.validation.size(),
                                           output_metrics(truth, pred, truth_t, mu, raw_sigma)};
    }
    card.outputs.push_back(spec);
  }
  card.members = options.members;
  card.hidden_layers = options.hidden_layers;
  card.activation = "tanh";
  card.seed = options.seed;
  card.train_rows = split.train.size();
  card.validation_rows = split.validation.size();
  card.test_rows = split.test.size();
  card.epochs_per_member = best_epoch;
  SplitRecord record;
  record.by = table.run_ids.size() == table.rows ? "run" : "row";
  record.seed = options.seed;
  const auto ids = [&](const std::vector<std::size_t>& rows) {
    std::vector<std::int64_t> out;
    for (std::size_t r : rows) out.push_back(record.by == "run" ? table.run_ids[r] : static_cast<std::int64_t>(r));
    return out;
  };
  record.train = ids(split.train);
  record.validation = ids(split.validation);
  record.test = ids(split.test);
  card.split = record;
  base::write_text_atomic(directory / "model.json", model_card_json(card));
  return card;
}

}  // namespace twinlab::surrogates
