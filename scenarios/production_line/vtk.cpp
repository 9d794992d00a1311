#include "scenarios/production_line/vtk.hpp"

#include "scenarios/production_line/dataset.hpp"
#include "scenarios/production_line/layout.hpp"
#include "twins/production_line/graph.hpp"
#include "viz/vtk_points.hpp"

namespace twinlab::scenarios {

namespace pl = twins::production_line;

void write_line_vtk(const pl::LineConfig& config, const LineOutcome& outcome, const std::filesystem::path& vtk_dir) {
  const pl::LineGraph graph = pl::build_line_graph(config);
  const std::size_t n = config.stations.size();
  const LineLayout place = line_layout(graph);  // depth left to right, stations of one depth stacked along y
  viz::PointSet layout;
  for (std::size_t s = 0; s < n; ++s) {
    layout.positions.push_back({place.column[s] * line_layout_spacing_m, place.row[s] * line_layout_spacing_m, 0.0});
    layout.names.push_back(config.stations[s].name);
  }
  const auto& table = outcome.result.stations;
  // Units as field data NAME_units, in results.h5's spelling; positions are a schematic layout in m.
  layout.field_data.text.push_back({"coordinate_units", "m"});
  for (const auto& column : table.columns) {
    layout.point_arrays.push_back({column.name, 1, column.mean});
    layout.field_data.text.push_back({column.name + "_units", cf_units(column.unit)});
  }
  layout.point_arrays.push_back({"machines", 1, std::vector<double>(table.machines.begin(), table.machines.end())});
  layout.point_arrays.push_back({"bottleneck_share", 1, table.bottleneck_share});
  // buffer_mean (the segments' level) is a station column: its units are already there.
  for (const char* name : {"machines_units", "bottleneck_share_units", "buffer_capacity_units"})
    layout.field_data.text.push_back({name, "1"});

  const auto& buffer_mean = pl::find_station_column(outcome.result, "buffer_mean").mean;
  viz::NumericArray level{"buffer_mean", 1, {}}, capacity{"buffer_capacity", 1, {}};
  for (std::size_t s = 0; s < n; ++s)
    for (int next : graph.successors[s]) {
      layout.segments.push_back({s, static_cast<std::size_t>(next)});
      level.values.push_back(buffer_mean[next]);
      capacity.values.push_back(static_cast<double>(config.stations[next].buffer_capacity));
    }
  layout.segment_arrays.push_back(std::move(level));
  layout.segment_arrays.push_back(std::move(capacity));
  std::filesystem::create_directories(vtk_dir);
  viz::write_vtp(layout, vtk_dir / "line.vtp");
}

}  // namespace twinlab::scenarios
