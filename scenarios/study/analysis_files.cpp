#include "scenarios/study/analysis_files.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "base/atomic_file.hpp"
#include "io/dataset.hpp"
#include "io/hdf5_writer.hpp"

namespace twinlab::scenarios {

void write_analysis_files(const AnalysisInfo& info, const std::vector<AnalysisOutput>& results,
                          const std::filesystem::path& h5, const std::filesystem::path& json_path) {
  using OutputResult = AnalysisOutput;
  const std::size_t no = results.size(), ni = info.inputs.size();
  io::Dataset d;
  auto& a = d.attributes;
  a.set("filetype", "twinlab-analysis");
  a.set("format_version", 1);
  a.set("twinlab_version", TWINLAB_VERSION);
  a.set("method", info.method);
  a.set("bootstrap", static_cast<std::int64_t>(info.bootstrap));
  a.set("confidence_level", 0.95);
  a.set("seed", static_cast<std::int64_t>(info.seed));
  a.set("source", info.source);
  a.set("runs", static_cast<std::int64_t>(info.runs));
  if (info.method == "sobol") a.set("first_order_estimator", "saltelli2010");
  if (!info.study_text.empty()) a.set("study", info.study_text);
  io::Group& g = d.add_group("analysis");
  g.add_coordinate("output", info.outputs, "", "output (KPI) analysed");
  g.add_coordinate("input", info.inputs, "", "input (parameter) of the design");
  std::vector<std::string> units;
  for (const auto& r : results) units.push_back(r.units.empty() ? "1" : r.units);
  g.add_variable("output_units", {"output"}, {no}, units, "", "units of the output");
  auto matrix = [&](const std::string& name, const std::string& unit, const std::string& long_name, auto get) {
    std::vector<double> v;
    for (const auto& r : results)
      for (std::size_t i = 0; i < ni; ++i) v.push_back(get(r, i));
    g.add_variable(name, {"output", "input"}, {no, ni}, v, unit, long_name);
  };
  nlohmann::json j;
  j["filetype"] = "twinlab-analysis";
  j["method"] = info.method;
  j["bootstrap"] = info.bootstrap;
  j["confidence_level"] = 0.95;
  j["seed"] = info.seed;
  j["source"] = info.source;
  j["runs"] = info.runs;
  j["inputs"] = info.inputs;
  auto number = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); };
  if (info.method == "sobol") {
    using R = const OutputResult&;
    matrix("first_order", "1", "first-order Sobol' index S1", [](R r, std::size_t i) { return r.first[i].value; });
    matrix("first_order_low", "1", "S1, lower end of the bootstrap interval", [](R r, std::size_t i) { return r.first[i].lower; });
    matrix("first_order_high", "1", "S1, upper end of the bootstrap interval", [](R r, std::size_t i) { return r.first[i].upper; });
    matrix("total_order", "1", "total Sobol' index ST", [](R r, std::size_t i) { return r.total[i].value; });
    matrix("total_order_low", "1", "ST, lower end of the bootstrap interval", [](R r, std::size_t i) { return r.total[i].lower; });
    matrix("total_order_high", "1", "ST, upper end of the bootstrap interval", [](R r, std::size_t i) { return r.total[i].upper; });
    std::vector<double> mean, variance;
    for (const auto& r : results) {
      mean.push_back(r.mean);
      variance.push_back(r.variance);
    }
    g.add_variable("output_mean", {"output"}, {no}, mean, "", "mean of the output (in output_units)");
    g.add_variable("output_variance", {"output"}, {no}, variance, "", "variance of the output (output_units^2)");
    for (const auto& r : results) {
      nlohmann::json o{{"units", r.units.empty() ? "1" : r.units}, {"mean", number(r.mean)},
                       {"variance", number(r.variance)}};
      for (std::size_t i = 0; i < ni; ++i)
        o["indices"][info.inputs[i]] = {
            {"first_order", number(r.first[i].value)}, {"first_order_low", number(r.first[i].lower)},
            {"first_order_high", number(r.first[i].upper)}, {"total_order", number(r.total[i].value)},
            {"total_order_low", number(r.total[i].lower)}, {"total_order_high", number(r.total[i].upper)}};
      j["outputs"][r.name] = o;
    }
  } else {
    using R = const OutputResult&;
    const std::string per_u = " (output_units per unit of the normalised input)";
    matrix("mu", "", "mean elementary effect mu" + per_u, [](R r, std::size_t i) { return r.morris[i].mu; });
    matrix("mu_star", "", "mean absolute elementary effect mu*" + per_u, [](R r, std::size_t i) { return r.morris[i].mu_star.value; });
    matrix("mu_star_low", "", "mu*, lower end of the bootstrap interval", [](R r, std::size_t i) { return r.morris[i].mu_star.lower; });
    matrix("mu_star_high", "", "mu*, upper end of the bootstrap interval", [](R r, std::size_t i) { return r.morris[i].mu_star.upper; });
    matrix("sigma", "", "standard deviation of the elementary effects" + per_u, [](R r, std::size_t i) { return r.morris[i].sigma; });
    for (const auto& r : results) {
      nlohmann::json o{{"units", r.units.empty() ? "1" : r.units}};
      for (std::size_t i = 0; i < ni; ++i) {
        const auto& m = r.morris[i];
        o["effects"][info.inputs[i]] = {{"mu", number(m.mu)}, {"mu_star", number(m.mu_star.value)},
                                             {"mu_star_low", number(m.mu_star.lower)},
                                             {"mu_star_high", number(m.mu_star.upper)}, {"sigma", number(m.sigma)}};
      }
      j["outputs"][r.name] = o;
    }
  }
io::write_hdf5(d, h5);
base::write_text_atomic(json_path, j.dump(2) + "\n");
}

}  // namespace twinlab::scenarios
