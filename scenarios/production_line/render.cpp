#include "scenarios/production_line/render.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>

#include "io/hdf5_inspect.hpp"
#include "io/scenario_document.hpp"
#include "scenarios/production_line/config.hpp"
#include "scenarios/production_line/layout.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"
#include "twins/production_line/graph.hpp"
#include "viz/line_schematic.hpp"
#include "viz/xy_chart.hpp"

namespace twinlab::scenarios {
namespace {

namespace pl = twins::production_line;

std::string format(const char* pattern, double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, v);
  return buffer;
}

}  // namespace

void render_line_results(const std::filesystem::path& file, const RenderOptions&, PictureSet& pictures) {
  const std::string name = io::read_string_attribute(file, "/", "scenario_name");
  // The routing graph comes from the stored scenario (results.h5 holds the stations, not the links).
  const std::string scenario_file = io::read_string_attribute(file, "/", "scenario_file");
  io::ScenarioDocument document =
      io::ScenarioDocument::load_text(io::read_root_text_attribute(file, "scenario"), file.string() + ":scenario");
  document.resolve(scenario_schema(*find_twin("production_line")));
  const pl::LineConfig config =
      line_config(document.root().at("line"), std::filesystem::path(scenario_file).parent_path());
  const pl::LineGraph graph = pl::build_line_graph(config);
  const LineLayout place = line_layout(graph);

  const std::string g = "/stations/";
  const auto names = io::read_string_dataset(file, g + "station");
  if (names.size() != config.stations.size())
    throw std::runtime_error(file.string() + ": " + std::to_string(names.size()) + " stations, the stored scenario has " +
                             std::to_string(config.stations.size()));
  const auto machines = io::read_int64_dataset(file, g + "machines");
  const auto busy = io::read_double_dataset(file, g + "busy_fraction");
  const auto starved = io::read_double_dataset(file, g + "starved_fraction");
  const auto blocked = io::read_double_dataset(file, g + "blocked_fraction");
  const auto down = io::read_double_dataset(file, g + "down_fraction");
  const auto throughput = io::read_double_dataset(file, g + "throughput_per_s");
  const auto oee = io::read_double_dataset(file, g + "oee");
  const auto buffer_mean = io::read_double_dataset(file, g + "buffer_mean");
  const auto capacity = io::read_int64_dataset(file, g + "buffer_capacity");
  const auto bottleneck_share = io::read_double_dataset(file, g + "bottleneck_share");
  const std::size_t bottleneck = static_cast<std::size_t>(
      std::max_element(bottleneck_share.begin(), bottleneck_share.end()) - bottleneck_share.begin());

  viz::LineSchematic schematic;
  schematic.title = name + ": stations by state (fractions of planned time)";
  for (std::size_t s = 0; s < names.size(); ++s)
    schematic.stations.push_back({names[s], place.column[s], place.row[s], busy[s], starved[s], blocked[s], down[s],
                                  throughput[s] * 3600.0, oee[s], static_cast<int>(machines[s]), s == bottleneck});
  for (std::size_t s = 0; s < names.size(); ++s)
    for (int next : graph.successors[s]) {
      const auto n = static_cast<std::size_t>(next);
      const std::string cap = capacity[n] == INT_MAX ? "unlimited" : std::to_string(capacity[n]);
      schematic.links.push_back({s, n, format("%.2g", buffer_mean[n]) + " / " + cap});
    }
  schematic.footer = "bottleneck: " + names[bottleneck] + format(" (in %.0f %% of the replications)",
                                                                  100.0 * bottleneck_share[bottleneck]);
  schematic.width_px = std::max(1000, 260 * (1 + *std::max_element(place.column.begin(), place.column.end())));
  int rows = 1;
  for (int r : place.row) rows = std::max(rows, r + 1);
  schematic.height_px = std::max(420, 140 + 170 * rows);
  viz::render_line_schematic_png(
      schematic, pictures.add("line_schematic.png", "line_schematic",
                              "stations coloured by busy/starved/blocked/down, throughput and OEE, bottleneck"));

  if (io::hdf5_object_exists(file, "/series/time")) {
    const auto time = io::read_double_dataset(file, "/series/time");
    struct Curve {
      const char* variable;
      const char* file;
      const char* title;
      const char* y_title;
      double scale;
    };
    for (const Curve& c : {Curve{"wip", "line_wip.png", "work in process", "parts in the line [1]", 1.0},
                           Curve{"throughput", "line_throughput.png", "throughput", "good parts per hour [1/h]", 3600.0}}) {
      viz::Chart chart;
      chart.title = name + ": " + c.title + " per interval";
      chart.x_title = "time after warm-up [h]";
      chart.y_title = c.y_title;
      chart.legend = false;
      viz::ChartSeries s;
      s.rgb = {0.1, 0.35, 0.75};
      const auto values = io::read_double_dataset(file, std::string("/series/") + c.variable);
      for (std::size_t t = 0; t < time.size() && t < values.size(); ++t) {
        s.x.push_back(time[t] / 3600.0);
        s.y.push_back(values[t] * c.scale);
      }
      chart.series.push_back(std::move(s));
      viz::render_chart_png(chart, pictures.add(c.file, "line_series", std::string(c.title) + " over time"));
    }
  }
}

}  // namespace twinlab::scenarios
