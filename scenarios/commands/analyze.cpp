// `twinlab analyze STUDY.h5|TABLE.csv [--inputs a,b] [--outputs k1,k2] [--method sobol|morris] [--bootstrap N]
// [--seed S] [-o DIR]`: Sobol' indices (Saltelli design) or Morris elementary effects (Morris design) of a
// sweep's KPIs, printed as a table and stored as DIR/analysis.h5 (group "analysis", dims output x input) and
// DIR/analysis.json. The estimators are sim/sensitivity's; this file only finds the design in the table.
//
// Morris effects are in output units per unit of the normalised input u in [0, 1]. From a study.h5 the
// unit-cube design is re-created from the study text and seed it stores (and checked against the parameter
// values); from a CSV table u is each input's value rescaled by its range over the table, which equals the
// unit-cube coordinate for uniform laws whose design reaches both ends of the range.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "io/hdf5_read.hpp"
#include "io/scenario_schema.hpp"
#include "io/study_read.hpp"
#include "scenarios/commands/command.hpp"
#include "scenarios/study/analysis_files.hpp"
#include "scenarios/study/study_sampler_text.hpp"
#include "sim/design/morris_sampler.hpp"
#include "sim/sensitivity/morris_effects.hpp"
#include "sim/sensitivity/sobol_indices.hpp"

namespace twinlab::scenarios {
namespace {

namespace fs = std::filesystem;
namespace sens = sim::sensitivity;
using base::InputError;

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string name;
  while (std::getline(in, name, ','))
    if (!name.empty()) out.push_back(name);
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

using OutputResult = AnalysisOutput;

class AnalyzeCommand final : public Command {
 public:
  void define(CLI::App& command) override {
    command.add_option("table", input_, "study.h5 of `twinlab sweep`, or a CSV table (one row per run)")->required();
    command.add_option("--inputs", inputs_, "Inputs, comma-separated (default: every parameter of the study)");
    command.add_option("--outputs", outputs_, "Outputs, comma-separated (default: every KPI of the study)");
    command.add_option("--method", method_, "sobol (Saltelli design) or morris (default: from the study's sampler)")
        ->check(CLI::IsMember({"sobol", "morris"}));
    command.add_option("--bootstrap", bootstrap_, "Bootstrap resamples for the 95% intervals (0: none)")
        ->check(CLI::Range(0, 100000));
    command.add_option("--seed", seed_, "Seed of the bootstrap resampling")->transform(seed_check());
    command.add_option("-o,--output", output_dir_, "Directory of analysis.h5 and analysis.json (default: the "
                                                   "input's directory)");
  }

  int execute() override {
    const fs::path path(input_);
    const std::string file = path.string();
    const std::string ext = path.extension().string();
    const bool is_h5 = ext == ".h5" || ext == ".hdf5" || ext == ".nc";
    if (!is_h5 && ext != ".csv")
      throw InputError({file, 0, 0, ""}, "is neither a study.h5 (.h5) nor a CSV table (.csv); give one of these");
    table_ = is_h5 ? io::read_study_h5(path) : io::read_run_csv(path);
    if (!is_h5) {
      if (inputs_.empty())
        throw InputError({file, 0, 0, "--inputs"}, "required with a CSV table: name the input columns in design order");
      if (outputs_.empty())
        throw InputError({file, 0, 0, "--outputs"}, "required with a CSV table: name the output columns");
      if (method_.empty()) throw InputError({file, 0, 0, "--method"}, "required with a CSV table: sobol or morris");
    }
    check_design_kind(is_h5);
    check_status();
    design_inputs_ = is_h5 ? columns_with_role("parameter") : split_names(inputs_);
    for (const auto& name : design_inputs_) column(name, "input");
    inputs_selected_ = inputs_.empty() ? design_inputs_ : split_names(inputs_);
    for (const auto& name : inputs_selected_) {
      column(name, "input");
      if (std::find(design_inputs_.begin(), design_inputs_.end(), name) == design_inputs_.end())
        throw InputError({file, 0, 0, name}, "is not a parameter of the study; inputs are: " + join(design_inputs_));
    }
    outputs_selected_ = outputs_.empty() ? columns_with_role("kpi") : split_names(outputs_);
    if (outputs_selected_.empty()) throw InputError({file, 0, 0, "--outputs"}, "the table has no KPI to analyse; name outputs with --outputs");
    for (const auto& name : outputs_selected_) finite_column(name, "output");
    for (const auto& name : design_inputs_) finite_column(name, "input");

    std::vector<OutputResult> results;
    if (method_ == "sobol") {
      check_saltelli_layout();
      for (const auto& name : outputs_selected_) results.push_back(sobol(name));
    } else {
      const sim::design::MorrisDesign design = is_h5 ? morris_design_from_study() : morris_design_from_values();
      for (const auto& name : outputs_selected_) results.push_back(morris(design, name));
    }
    print(results);
    write(results, path);
    return 0;
  }

 private:
  // --- checks ----------------------------------------------------------------------------------------------
  void check_design_kind(bool is_h5) {
    const std::string file = table_.file.string();
    if (!is_h5) return;
    if (!table_.shard.empty() && table_.shard != "1/1")
      throw InputError({file, 0, 0, "shard"}, "holds shard " + table_.shard +
                                                   " of a study; the estimators need the whole design: analyse a "
                                                   "table of every shard's runs");
    const std::string wanted = table_.sampler == "saltelli" ? "sobol" : table_.sampler == "morris" ? "morris" : "";
    if (method_.empty()) {
      if (wanted.empty())
        throw InputError({file, 0, 0, "sampler"}, "the study's design is '" + table_.sampler +
                                                      "', not saltelli (Sobol' indices) or morris (elementary "
                                                      "effects); sweep a study with one of these samplers");
      method_ = wanted;
    } else if (method_ != wanted) {
      throw InputError({file, 0, 0, "sampler"},
                       fmt::format("the study's design is '{}' but --method {} needs a {} design; sweep a study "
                                   "with sampler {}", table_.sampler, method_,
                                   method_ == "sobol" ? "saltelli" : "morris", method_ == "sobol" ? "saltelli" : "morris"));
    }
    if (table_.design_count != static_cast<std::int64_t>(table_.rows()))
      throw InputError({file, 0, 0, "run"}, fmt::format("holds {} runs of a design of {}; the estimators need the "
                                                        "complete design", table_.rows(), table_.design_count));
  }

  void check_status() const {
    if (table_.status.empty()) return;
    std::vector<std::string> bad;
    for (std::size_t i = 0; i < table_.rows(); ++i)
      if (table_.status[i] != "ok") bad.push_back(fmt::format("{} ({})", table_.runs[i], table_.status[i]));
    if (bad.empty()) return;
    const std::size_t shown = std::min<std::size_t>(bad.size(), 10);
    std::string list = join(std::vector<std::string>(bad.begin(), bad.begin() + static_cast<long>(shown)));
    if (shown < bad.size()) list += ", ...";
    throw InputError({table_.file.string(), 0, 0, "status"},
                     fmt::format("{} of {} runs are not ok: run {}; {} need every run of the design: fix the "
                                 "cause and sweep the study again",
                                 bad.size(), table_.rows(), list,
                                 method_ == "sobol" ? "Sobol' indices" : "Morris effects"));
  }

  std::vector<std::string> columns_with_role(const std::string& role) const {
    std::vector<std::string> out;
    for (const auto& c : table_.columns)
      if (c.role == role) out.push_back(c.name);
    return out;
  }

  const io::RunColumn& column(const std::string& name, const char* what) const {
    if (const io::RunColumn* c = table_.find(name)) return *c;
    std::vector<std::string> names;
    for (const auto& c : table_.columns) names.push_back(c.name);
    const std::string near = io::nearest_key(name, names);
    throw InputError({table_.file.string(), 0, 0, name},
                     fmt::format("no {} column of that name{}", what,
                                 near.empty() ? "; columns are: " + join(names) : "; did you mean '" + near + "'?"));
  }

  const io::RunColumn& finite_column(const std::string& name, const char* what) const {
    const io::RunColumn& c = column(name, what);
    if (c.bad_line > 0)
      throw InputError({table_.file.string(), c.bad_line, c.bad_column, name},
                       "not a finite number (got '" + c.bad_text + "'); every run needs a value");
    for (std::size_t i = 0; i < c.values.size(); ++i)
      if (!std::isfinite(c.values[i]))
        throw InputError({table_.file.string(), 0, 0, name},
                         fmt::format("run {} has no finite value; every run needs one", table_.runs[i]));
    return c;
  }

  // --- sobol -----------------------------------------------------------------------------------------------
  std::size_t base_rows() const {
    const std::size_t d = design_inputs_.size(), n = table_.rows();
    if (n % (d + 2) != 0)
      throw InputError({table_.file.string(), 0, 0, "run"},
                       fmt::format("{} rows are not N (d + 2) for d = {} inputs: not a Saltelli design of these "
                                   "inputs; give every input of the design in --inputs", n, d));
    return n / (d + 2);
  }

  // Block 2 + i holds A with input i from B: checks that the rows follow that order for every design input.
  void check_saltelli_layout() const {
    const std::size_t d = design_inputs_.size(), N = base_rows();
    for (std::size_t i = 0; i < d; ++i)
      for (std::size_t j = 0; j < d; ++j) {
        const auto& v = column(design_inputs_[j], "input").values;
        for (std::size_t r = 0; r < N; ++r) {
          const double expected = v[(i == j ? N : 0) + r];
          if (v[(2 + i) * N + r] != expected)
            throw InputError({table_.file.string(), 0, 0, design_inputs_[j]},
                             fmt::format("run {} does not follow the Saltelli order (block of input '{}' should "
                                         "copy '{}' from run {}); list the inputs in design order and the rows "
                                         "in run order", table_.runs[(2 + i) * N + r], design_inputs_[i],
                                         design_inputs_[j], table_.runs[(i == j ? N : 0) + r]));
        }
      }
  }

  sens::BootstrapOptions bootstrap() const { return {static_cast<std::size_t>(bootstrap_), 0.95, seed_}; }

  OutputResult sobol(const std::string& name) const {
    const io::RunColumn& c = column(name, "output");
    sens::SobolIndexOptions options;
    options.bootstrap = bootstrap();
    const sens::SobolIndices s =
        sens::estimate_sobol_indices(c.values, design_inputs_.size(), base_rows(), options);
    OutputResult r{name, c.units, s.mean, s.variance, {}, {}, {}};
    for (const auto& in : inputs_selected_) {
      const auto i = static_cast<std::size_t>(std::find(design_inputs_.begin(), design_inputs_.end(), in) -
                                              design_inputs_.begin());
      r.first.push_back(s.first_order[i]);
      r.total.push_back(s.total_order[i]);
    }
    return r;
  }

  // --- morris ----------------------------------------------------------------------------------------------
  sim::design::MorrisDesign morris_design_from_study() const {
    const std::string file = table_.file.string();
    const StudySampler s = study_sampler_from_text(table_.study_text, file + " (attribute study)");
    const std::size_t d = design_inputs_.size();
    if (s.spec.dimension != d || table_.rows() % (d + 1) != 0)
      throw InputError({file, 0, 0, "study"}, "the stored study text does not match the table's parameters");
    sim::design::MorrisSampler sampler(d, table_.rows() / (d + 1), s.spec.morris_levels,
                                       static_cast<std::uint64_t>(table_.seed));
    const sim::design::MorrisDesign& design = sampler.design();
    // The parameter values must move as the re-created design does: between points k and k+1 no parameter
    // but order[k] changes (order[k] itself may not, when rounding or levels map both points to one value).
    for (std::size_t t = 0; t < design.trajectories.size(); ++t)
      for (std::size_t k = 0; k < d; ++k)
        for (std::size_t j = 0; j < d; ++j) {
          const auto& v = column(design_inputs_[j], "input").values;
          const double change = v[t * (d + 1) + k + 1] - v[t * (d + 1) + k];
          if (design.trajectories[t].order[k] != j && change != 0.0)
            throw InputError({file, 0, 0, design_inputs_[j]},
                             fmt::format("run {} does not follow the study's Morris design; was the table edited?",
                                         table_.runs[t * (d + 1) + k + 1]));
        }
    return design;
  }

  // From a CSV: each input rescaled to [0, 1] by its range over the table; in each trajectory of d + 1 rows
  // exactly one input moves between consecutive rows.
  sim::design::MorrisDesign morris_design_from_values() const {
    const std::string file = table_.file.string();
    const std::size_t d = design_inputs_.size(), n = table_.rows();
    if (n % (d + 1) != 0 || n / (d + 1) < 2)
      throw InputError({file, 0, 0, "--inputs"},
                       fmt::format("{} rows are not r (d + 1), r >= 2, for d = {} inputs: not a Morris design of "
                                   "these inputs", n, d));
    std::vector<std::vector<double>> u(d);
    for (std::size_t j = 0; j < d; ++j) {
      const auto& v = column(design_inputs_[j], "input").values;
      const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
      if (!(*hi > *lo)) throw InputError({file, 0, 0, design_inputs_[j]}, "is constant: not an input of the design");
      for (const double x : v) u[j].push_back((x - *lo) / (*hi - *lo));
    }
    sim::design::MorrisDesign design;
    design.dimension = d;
    for (std::size_t t = 0; t < n / (d + 1); ++t) {
      sim::design::MorrisTrajectory tr;
      for (std::size_t j = 0; j < d; ++j) tr.start.push_back(u[j][t * (d + 1)]);
      std::vector<bool> moved(d, false);
      for (std::size_t k = 0; k < d; ++k) {
        const std::size_t row = t * (d + 1) + k + 1;
        std::vector<std::size_t> moving;
        for (std::size_t j = 0; j < d; ++j)
          if (u[j][row] != u[j][row - 1]) moving.push_back(j);
        if (moving.size() != 1 || moved[moving[0]])
          throw InputError({file, static_cast<int>(row + 2), 0, "--inputs"},
                           fmt::format("row {} of trajectory {} moves {} inputs; a Morris trajectory moves each "
                                       "input exactly once, one per row: list the rows in design order",
                                       k + 1, t, moving.size()));
        moved[moving[0]] = true;
        tr.order.push_back(moving[0]);
        tr.step.push_back(u[moving[0]][row] - u[moving[0]][row - 1]);
      }
      design.trajectories.push_back(std::move(tr));
    }
    return design;
  }

  OutputResult morris(const sim::design::MorrisDesign& design, const std::string& name) const {
    const io::RunColumn& c = column(name, "output");
    const auto effects = sens::estimate_morris(design, c.values, bootstrap());
    OutputResult r{name, c.units, 0.0, 0.0, {}, {}, {}};
    for (const auto& in : inputs_selected_)
      r.morris.push_back(effects[static_cast<std::size_t>(
          std::find(design_inputs_.begin(), design_inputs_.end(), in) - design_inputs_.begin())]);
    return r;
  }

  // --- output ----------------------------------------------------------------------------------------------
  static std::string interval(const sens::IndexEstimate& e) {
    return std::isfinite(e.lower) ? fmt::format("[{:.3f}, {:.3f}]", e.lower, e.upper) : std::string("");
  }

  void print(const std::vector<OutputResult>& results) const {
    std::size_t width = 5;
    for (const auto& in : inputs_selected_) width = std::max(width, in.size());
    for (const auto& r : results) {
      std::cout << fmt::format("{} [{}]\n", r.name, r.units.empty() ? "1" : r.units);
      if (method_ == "sobol") {
        std::cout << fmt::format("  {:<{}}  {:>7} {:<18}  {:>7} {:<18}\n", "input", width, "S1", "(95% CI)", "ST",
                                 "(95% CI)");
        for (std::size_t i = 0; i < inputs_selected_.size(); ++i)
          std::cout << fmt::format("  {:<{}}  {:>7.4f} {:<18}  {:>7.4f} {:<18}\n", inputs_selected_[i], width,
                                   r.first[i].value, interval(r.first[i]), r.total[i].value, interval(r.total[i]));
      } else {
        std::cout << fmt::format("  {:<{}}  {:>11} {:>11} {:>11}  {}\n", "input", width, "mu", "mu*", "sigma",
                                 "mu* (95% CI)");
        for (std::size_t i = 0; i < inputs_selected_.size(); ++i) {
          const auto& m = r.morris[i];
          std::cout << fmt::format("  {:<{}}  {:>11.4g} {:>11.4g} {:>11.4g}  {}\n", inputs_selected_[i], width, m.mu,
                                   m.mu_star.value, m.sigma,
                                   std::isfinite(m.mu_star.lower)
                                       ? fmt::format("[{:.4g}, {:.4g}]", m.mu_star.lower, m.mu_star.upper)
                                       : std::string());
        }
      }
    }
  }

  void write(const std::vector<OutputResult>& results, const fs::path& input) const {
    const fs::path dir = output_dir_.empty() ? fs::absolute(input).parent_path() : fs::path(output_dir_);
    const fs::path h5 = dir / "analysis.h5", json_path = dir / "analysis.json";
    if (fs::exists(dir) && !fs::is_directory(dir))
      throw InputError({"-o", 0, 0, dir.string()}, "is a file, not a directory; choose a directory");
    // Never replace an analysis.h5 / analysis.json that twinlab did not write.
    bool ours = false;
    if (fs::exists(h5)) {
      try {
        ours = io::read_string_attribute(h5, "/", "filetype") == "twinlab-analysis";
      } catch (const std::exception&) {
        ours = false;
      }
    }
    if ((fs::exists(h5) || fs::exists(json_path)) && !ours)
      throw InputError({"-o", 0, 0, dir.string()},
                       "holds an analysis.h5 or analysis.json that twinlab did not write; choose another -o");
    fs::create_directories(dir);

    const AnalysisInfo info{method_,       bootstrap_,        seed_,           fs::absolute(input).string(),
                            table_.rows(), table_.study_text, inputs_selected_, outputs_selected_};
    write_analysis_files(info, results, h5, json_path);
    std::cout << fmt::format("analysis: {} (xarray: group \"analysis\"), {}\n", h5.string(), json_path.string());
  }

  std::string input_, inputs_, outputs_, method_, output_dir_;
  int bootstrap_ = 1000;
  std::uint64_t seed_ = 0;
  io::RunTable table_;
  std::vector<std::string> design_inputs_, inputs_selected_, outputs_selected_;
};

}  // namespace

std::unique_ptr<Command> make_analyze_command() { return std::make_unique<AnalyzeCommand>(); }

}  // namespace twinlab::scenarios
