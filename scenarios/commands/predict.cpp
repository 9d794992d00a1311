// `twinlab predict MODEL_DIR (--set name=value ... | --input points.csv) [-o predictions.csv|.h5]
// [--allow-extrapolation]`: the surrogate's mean and ensemble spread per output. A query outside the training
// domain is refused (exit 2, naming the input, its value and the domain) unless --allow-extrapolation, which
// marks each such row (column `extrapolated` = 1, `outside` names the inputs).
#include <algorithm>
#include <optional>
#include <cmath>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/number_text.hpp"
#include "io/dataset.hpp"
#include "io/hdf5_writer.hpp"
#include "io/study_read.hpp"
#include "scenarios/commands/command.hpp"
#include "surrogates/domain_guard.hpp"
#include "surrogates/field_surrogate.hpp"
#include "surrogates/scalar_surrogate.hpp"

namespace twinlab::scenarios {
namespace {

namespace fs = std::filesystem;
using base::InputError;
using surrogates::ModelCard;

struct Queries {
  std::size_t rows = 0;
  std::vector<double> values;  // rows x inputs, in card.inputs order
  std::string source;          // file name or "--set"
};

double parse_number(const std::string& text, const base::InputLocation& where) {
  const std::optional<double> v = base::parse_finite_number(text);
  if (!v) throw InputError(where, fmt::format("is not a finite number (got '{}')", text));
  return *v;
}

Queries queries_from_sets(const ModelCard& card, const std::vector<std::string>& sets) {
  Queries q;
  q.rows = 1;
  q.source = "--set";
  q.values.assign(card.inputs.size(), NAN);
  for (const std::string& s : sets) {
    const auto eq = s.find('=');
    const std::string name = s.substr(0, eq);
    std::size_t i = 0;
    while (i < card.inputs.size() && card.inputs[i].name != name) ++i;
    if (eq == std::string::npos || i == card.inputs.size()) {
      std::string names;
      for (const auto& in : card.inputs) names += (names.empty() ? "" : ", ") + in.name;
      throw InputError({"--set", 0, 0, name}, fmt::format("is not an input of the model; give name=value for each of: {}", names));
    }
    q.values[i] = parse_number(s.substr(eq + 1), {"--set", 0, 0, name});
  }
  for (std::size_t i = 0; i < card.inputs.size(); ++i)
    if (std::isnan(q.values[i]))
      throw InputError({"--set", 0, 0, card.inputs[i].name}, "is missing; the model needs every input (--set name=value)");
  return q;
}

Queries queries_from_csv(const ModelCard& card, const fs::path& path) {
  const io::RunTable table = io::read_run_csv(path);
  Queries q;
  q.rows = table.rows();
  q.source = path.string();
  std::vector<const io::RunColumn*> cols;
  for (const auto& in : card.inputs) {
    const io::RunColumn* c = table.find(in.name);
    if (!c) throw InputError({path.string(), 1, 0, in.name}, "the model's input is not a column of the CSV header");
    if (c->bad_line > 0)
      throw InputError({path.string(), c->bad_line, c->bad_column, in.name},
                       fmt::format("is not a finite number (got '{}')", c->bad_text));
    cols.push_back(c);
  }
  for (std::size_t r = 0; r < q.rows; ++r)
    for (const auto* c : cols) q.values.push_back(c->values[r]);
  return q;
}

class PredictCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("model", model_dir_, "Model directory of `twinlab train` (model.json + weights)")->required();
    command.add_option("--set", sets_, "An input's value: name=value (repeat for each input)")->allow_extra_args(false);
    command.add_option("--input", input_csv_, "CSV of query points, one column per model input");
    command.add_option("-o,--output", output_, "Write predictions to a .csv or .h5 file (default: print)");
    command.add_flag("--allow-extrapolation", allow_extrapolation_,
                     "Predict outside the training domain too, marking such rows");
  }

  int execute() override {
    if (surrogates::is_field_model_directory(model_dir_)) return execute_field();
    const surrogates::SurrogateModel model = surrogates::SurrogateModel::load(model_dir_);
    const ModelCard& card = model.card();
    const Queries q = queries(card);
    const std::vector<std::string> outside = guard(card, q);
    const surrogates::Prediction p = model.predict(q.values, q.rows);
    if (output_.empty()) {
      if (q.rows == 1) print_one(card, p, outside[0]);
      else std::cout << csv_text(card, q, p, outside);
      return 0;
    }
    const fs::path out(output_);
    if (out.extension() == ".csv") base::write_text_atomic(out, csv_text(card, q, p, outside));
    else if (out.extension() == ".h5") io::write_hdf5(dataset(card, q, p, outside), out);
    else throw InputError({"-o", 0, 0, output_}, "must end in .csv or .h5");
    return 0;
  }

 private:
  Queries queries(const ModelCard& card) const {
    if (sets_.empty() == input_csv_.empty())
      throw InputError({"predict", 0, 0, ""}, "give either --set name=value for each input or --input points.csv");
    return input_csv_.empty() ? queries_from_sets(card, sets_) : queries_from_csv(card, input_csv_);
  }

  // The training-domain guard: per row, the inputs outside the domain (empty inside); throws unless
  // --allow-extrapolation.
  std::vector<std::string> guard(const ModelCard& card, const Queries& q) const {
    const std::size_t d = card.inputs.size();
    std::vector<std::string> outside(q.rows);
    for (std::size_t r = 0; r < q.rows; ++r) {
      const std::span<const double> row(q.values.data() + r * d, d);
      const auto violation = surrogates::check_domain(card, row);
      if (!violation) continue;
      if (!std::isfinite(violation->value))
        throw InputError({q.source, input_csv_.empty() ? 0 : static_cast<int>(r) + 2, 0, card.inputs[violation->input].name},
                         "is not a finite number");
      if (!allow_extrapolation_)
        throw InputError({q.source, input_csv_.empty() ? 0 : static_cast<int>(r) + 2, 0, card.inputs[violation->input].name},
                         violation->message + "; predict inside it or pass --allow-extrapolation (rows are then marked)");
      for (std::size_t i = 0; i < d; ++i)
        if (row[i] < card.inputs[i].min || row[i] > card.inputs[i].max)
          outside[r] += (outside[r].empty() ? "" : ";") + card.inputs[i].name;
    }
    return outside;
  }

  // A field model: the predicted field per query point (mean and ensemble spread) to HDF5, or a summary printed.
  int execute_field() const {
    const surrogates::FieldSurrogateModel model = surrogates::FieldSurrogateModel::load(model_dir_);
    const ModelCard& card = model.card();
    const Queries q = queries(card);
    if (!output_.empty() && fs::path(output_).extension() != ".h5")
      throw InputError({"-o", 0, 0, output_}, "a field model's predictions are fields: give a .h5 file");
    const std::vector<std::string> outside = guard(card, q);
    const surrogates::FieldPrediction p = model.predict(q.values, q.rows);
    const surrogates::FieldCard& f = *card.field;
    if (output_.empty()) {
      std::cout << fmt::format("{:>6} {:>16} {:>12} {:>12}  (field {} [{}]; -o predictions.h5 writes the maps)\n",
                               "point", "largest mean", f.dims.back(), f.dims.front(), f.name, f.units);
      const std::size_t nx = f.coordinates.back().size();
      for (std::size_t r = 0; r < q.rows; ++r) {
        const auto first = p.mean.begin() + static_cast<std::ptrdiff_t>(r * p.cells);
        const auto top = static_cast<std::size_t>(std::max_element(first, first + static_cast<std::ptrdiff_t>(p.cells)) - first);
        std::cout << fmt::format("{:>6} {:>16.6g} {:>12.6g} {:>12.6g}{}\n", r, p.mean[r * p.cells + top],
                                 f.coordinates.back()[top % nx], f.coordinates.front()[top / nx],
                                 outside[r].empty() ? "" : "  EXTRAPOLATED: " + outside[r]);
      }
      return 0;
    }
    io::write_hdf5(field_dataset(card, q, p, outside), output_);
    return 0;
  }

  // The file's attributes and the `predictions` group with the query points and the inputs at each.
  io::Group& predictions_group(io::Dataset& ds, const ModelCard& card, const Queries& q) const {
    ds.attributes.set("filetype", "twinlab-predictions");
    ds.attributes.set("format_version", std::int64_t{1});
    ds.attributes.set("twinlab_version", TWINLAB_VERSION);
    ds.attributes.set("model", model_dir_);
    io::Group& g = ds.add_group("predictions");
    std::vector<std::int64_t> index(q.rows);
    for (std::size_t r = 0; r < q.rows; ++r) index[r] = static_cast<std::int64_t>(r);
    g.add_coordinate("point", index, "1", "query point");
    const std::size_t d = card.inputs.size();
    for (std::size_t i = 0; i < d; ++i) {
      std::vector<double> v(q.rows);
      for (std::size_t r = 0; r < q.rows; ++r) v[r] = q.values[r * d + i];
      g.add_variable(card.inputs[i].name, {"point"}, {q.rows}, v, card.inputs[i].units, "input").attributes.set("role", "input");
    }
    return g;
  }

  io::Dataset field_dataset(const ModelCard& card, const Queries& q, const surrogates::FieldPrediction& p,
                            const std::vector<std::string>& outside) const {
    const surrogates::FieldCard& f = *card.field;
    io::Dataset ds;
    io::Group& g = predictions_group(ds, card, q);
    std::vector<std::string> dims{"point"};
    std::vector<std::size_t> shape{q.rows};
    for (std::size_t i = 0; i < f.dims.size(); ++i) {
      g.add_coordinate(f.dims[i], f.coordinates[i], "m", f.dims[i] + " coordinate of the grid nodes");
      dims.push_back(f.dims[i]);
      shape.push_back(f.coordinates[i].size());
    }
    g.add_variable(f.name, dims, shape, p.mean, f.units, "predicted field (surrogate mean)").attributes.set("role", "prediction");
    g.add_variable(f.name + "_std", dims, shape, p.std, f.units,
                   "ensemble spread of the predicted field (standard deviation)").attributes.set("role", "spread");
    std::vector<std::int64_t> flags(q.rows);
    for (std::size_t r = 0; r < q.rows; ++r) flags[r] = outside[r].empty() ? 0 : 1;
    g.add_variable("extrapolated", {"point"}, {q.rows}, flags, "1", "1 = outside the training domain");
    return ds;
  }

  void print_one(const ModelCard& card, const surrogates::Prediction& p, const std::string& outside) const {
    std::cout << fmt::format("{:<40} {:>14} {:>14}  {}\n", "output", "mean", "std", "units");
    for (std::size_t k = 0; k < p.outputs; ++k)
      std::cout << fmt::format("{:<40} {:>14.6g} {:>14.4g}  {}\n", card.outputs[k].name, p.mean[k], p.std[k],
                               card.outputs[k].units);
    if (!outside.empty()) std::cout << "EXTRAPOLATED: outside the training domain in " << outside << "\n";
  }

  std::string csv_text(const ModelCard& card, const Queries& q, const surrogates::Prediction& p,
                       const std::vector<std::string>& outside) const {
    std::ostringstream out;
    for (const auto& in : card.inputs) out << in.name << ",";
    for (const auto& o : card.outputs) out << o.name << "," << o.name << "_std,";
    out << "extrapolated,outside\n";
    const std::size_t d = card.inputs.size();
    for (std::size_t r = 0; r < q.rows; ++r) {
      for (std::size_t i = 0; i < d; ++i) out << fmt::format("{:.17g},", q.values[r * d + i]);
      for (std::size_t k = 0; k < p.outputs; ++k)
        out << fmt::format("{:.17g},{:.17g},", p.mean[r * p.outputs + k], p.std[r * p.outputs + k]);
      out << (outside[r].empty() ? 0 : 1) << "," << outside[r] << "\n";
    }
    return out.str();
  }

  io::Dataset dataset(const ModelCard& card, const Queries& q, const surrogates::Prediction& p,
                      const std::vector<std::string>& outside) const {
    io::Dataset ds;
    io::Group& g = predictions_group(ds, card, q);
    for (std::size_t k = 0; k < p.outputs; ++k) {
      std::vector<double> mean(q.rows), sd(q.rows);
      for (std::size_t r = 0; r < q.rows; ++r) {
        mean[r] = p.mean[r * p.outputs + k];
        sd[r] = p.std[r * p.outputs + k];
      }
      g.add_variable(card.outputs[k].name, {"point"}, {q.rows}, mean, card.outputs[k].units, "predicted mean")
          .attributes.set("role", "prediction");
      g.add_variable(card.outputs[k].name + "_std", {"point"}, {q.rows}, sd, card.outputs[k].units,
                     "ensemble spread (standard deviation)").attributes.set("role", "spread");
    }
    std::vector<std::int64_t> flags(q.rows);
    for (std::size_t r = 0; r < q.rows; ++r) flags[r] = outside[r].empty() ? 0 : 1;
    g.add_variable("extrapolated", {"point"}, {q.rows}, flags, "1", "1 = outside the training domain");
    return ds;
  }

  std::string model_dir_, input_csv_, output_;
  std::vector<std::string> sets_;
  bool allow_extrapolation_ = false;
};

}  // namespace

std::unique_ptr<Command> make_predict_command() { return std::make_unique<PredictCommand>(); }

}  // namespace twinlab::scenarios
