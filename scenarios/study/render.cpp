#include "scenarios/study/render.hpp"

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "io/hdf5_inspect.hpp"
#include "io/study_read.hpp"
#include "viz/xy_chart.hpp"

namespace twinlab::scenarios {
namespace {

std::string with_units(const std::string& name, const std::string& units) {
  return units.empty() ? name : name + " [" + units + "]";
}

}  // namespace

void render_study(const std::filesystem::path& file, PictureSet& pictures) {
  const io::RunTable table = io::read_study_h5(file);
  std::vector<const io::RunColumn*> parameters, kpis;
  for (const io::RunColumn& c : table.columns) {
    if (c.role == "parameter") parameters.push_back(&c);
    if (c.role == "kpi") kpis.push_back(&c);
  }
  std::size_t ok = 0;
  for (std::size_t r = 0; r < table.rows(); ++r) ok += table.status.empty() || table.status[r] == "ok" ? 1 : 0;
  if (parameters.empty() || kpis.empty() || ok == 0) {
    pictures.note("no scatter plots: the study has no parameter, no KPI or no successful run");
    return;
  }
  for (const io::RunColumn* kpi : kpis)
    for (const io::RunColumn* parameter : parameters) {
      viz::Chart chart;
      chart.title = kpi->name + " against " + parameter->name + " (" + std::to_string(ok) + " runs)";
      chart.x_title = with_units(parameter->name, parameter->units);
      chart.y_title = with_units(kpi->name, kpi->units);
      chart.legend = false;
      chart.width_px = 760;
      chart.height_px = 480;
      viz::ChartSeries points;
      points.kind = viz::ChartSeries::Kind::points;
      points.width_px = 6.0;
      for (std::size_t r = 0; r < table.rows(); ++r) {
        if (!table.status.empty() && table.status[r] != "ok") continue;
        if (!std::isfinite(parameter->values[r]) || !std::isfinite(kpi->values[r])) continue;
        points.x.push_back(parameter->values[r]);
        points.y.push_back(kpi->values[r]);
      }
      chart.series.push_back(std::move(points));
      viz::render_chart_png(chart, pictures.add("sweep_" + file_safe(kpi->name) + "__" + file_safe(parameter->name) + ".png",
                                                "sweep_scatter", kpi->name + " against " + parameter->name));
    }
}

void render_analysis(const std::filesystem::path& file, PictureSet& pictures) {
  const std::string method = io::read_string_attribute(file, "/", "method");
  const auto outputs = io::read_string_dataset(file, "/analysis/output");
  const auto inputs = io::read_string_dataset(file, "/analysis/input");
  const std::size_t ni = inputs.size();
  struct Index {
    const char* name;
    const char* label;
    std::array<double, 3> rgb;
  };
  // Sobol': first-order and total indices with their bootstrap intervals. Morris: mu* (with its interval
  // when the file has one) and sigma.
  std::vector<Index> indices;
  if (method == "sobol")
    indices = {{"first_order", "first order S1", {0.2, 0.45, 0.8}}, {"total_order", "total ST", {0.85, 0.4, 0.1}}};
  else
    indices = {{"mu_star", "mu*", {0.2, 0.45, 0.8}}, {"sigma", "sigma", {0.85, 0.4, 0.1}}};
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    viz::Chart chart;
    chart.title = (method == "sobol" ? "Sobol' indices of " : "Morris effects on ") + outputs[o] +
                  " (bars: 95 % bootstrap intervals)";
    chart.x_title = "input";
    chart.y_title = method == "sobol" ? "index [1]" : "effect (output units per normalised input)";
    chart.x_tick_labels = inputs;
    chart.width_px = std::max(700, 140 * static_cast<int>(ni) + 200);
    for (std::size_t k = 0; k < indices.size(); ++k) {
      const std::string g = std::string("/analysis/") + indices[k].name;
      if (!io::hdf5_object_exists(file, g)) continue;
      const auto values = io::read_double_dataset(file, g);
      viz::ChartSeries bars;
      bars.name = indices[k].label;
      bars.kind = viz::ChartSeries::Kind::bars;
      bars.rgb = indices[k].rgb;
      const double offset = (k == 0 ? -0.17 : 0.17);  // the two indices side by side at each input
      for (std::size_t i = 0; i < ni; ++i) {
        bars.x.push_back(static_cast<double>(i + 1) + offset);
        bars.y.push_back(values.at(o * ni + i));
      }
      if (io::hdf5_object_exists(file, g + "_low") && io::hdf5_object_exists(file, g + "_high")) {
        const auto low = io::read_double_dataset(file, g + "_low"), high = io::read_double_dataset(file, g + "_high");
        for (std::size_t i = 0; i < ni; ++i) {
          bars.error_low.push_back(low.at(o * ni + i));
          bars.error_high.push_back(high.at(o * ni + i));
        }
      }
      chart.series.push_back(std::move(bars));
    }
    viz::render_chart_png(chart, pictures.add("sensitivity_" + file_safe(outputs[o]) + ".png", "sensitivity_bars",
                                              method + " indices of " + outputs[o]));
  }
}

void render_surrogate(const std::filesystem::path& dir, PictureSet& pictures) {
  nlohmann::json model;
  try {
    std::ifstream in(dir / "model.json");
    model = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw base::InputError({(dir / "model.json").string(), 0, 0, ""},
                           std::string("not valid JSON (") + e.what() + "); give the model directory twinlab train wrote");
  }
  // model.json holds each output's test-set scores, not the predictions themselves: the scores are drawn; a
  // parity plot needs the test runs' predictions, which the model directory does not keep.
  viz::Chart chart;
  chart.title = "surrogate: R^2 on the held-out test runs, per output";
  chart.x_title = "output";
  chart.y_title = "R^2 [1]";
  chart.legend = false;
  viz::ChartSeries bars;
  bars.kind = viz::ChartSeries::Kind::bars;
  for (const auto& output : model.value("outputs", nlohmann::json::array())) {
    const auto metrics = output.value("test_metrics", nlohmann::json::object());
    if (!metrics.contains("r2") || !metrics["r2"].is_number()) continue;
    chart.x_tick_labels.push_back(output.value("name", "?"));
    bars.x.push_back(static_cast<double>(chart.x_tick_labels.size()));
    bars.y.push_back(metrics["r2"].get<double>());
  }
  pictures.note("no parity plot: model.json keeps each output's test scores, not the test runs' predictions");
  if (bars.x.empty()) {
    pictures.note("model.json has no test R^2 per output: nothing drawn");
    return;
  }
  chart.width_px = std::max(700, 120 * static_cast<int>(bars.x.size()) + 200);
  chart.series.push_back(std::move(bars));
  viz::render_chart_png(chart, pictures.add("surrogate_r2.png", "surrogate_scores", "test-set R^2 per output"));
}

}  // namespace twinlab::scenarios
