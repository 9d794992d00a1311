#include "scenarios/dispersion/dataset.hpp"

#include <cstdint>
#include <limits>

#include "scenarios/dispersion/meteorology_file.hpp"
#include "io/map_projection.hpp"
#include "scenarios/dispersion/limits_report.hpp"
#include "scenarios/provenance.hpp"
#include "twins/dispersion/receptor_network.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

constexpr const char* concentration_units = "kg m-3";

std::vector<std::string> receptor_names(const dsp::Config& config) {
  std::vector<std::string> names;
  for (const auto& r : config.receptors) names.push_back(r.name);
  return names;
}

std::vector<std::string> source_names(const dsp::Config& config) {
  std::vector<std::string> names;
  for (const auto& s : config.sources) names.push_back(s.name);
  return names;
}

// --- Site geometry: receptor networks. Per receptor: its network (-1 = a discrete receptor) and indices;
// per network a group receptor_networks/NAME telling how to reshape its receptors back into 2-D. ---
void add_receptor_network_indices(io::Group& g, const dsp::Config& config) {
  if (config.receptor_networks.empty()) return;
  const std::size_t n = config.receptors.size();
  std::vector<std::int64_t> network, index_i, index_j;
  for (const auto& r : config.receptors) {
    network.push_back(r.network);
    index_i.push_back(r.index_i);
    index_j.push_back(r.index_j);
  }
  io::Variable& v = g.add_variable("receptor_network", {"receptor"}, {n}, network, "",
                                   "index of the receptor network (receptor_networks group; -1 = discrete receptor)");
  v.attributes.set("flag_values", std::vector<std::int64_t>{-1});
  v.attributes.set("flag_meanings", "discrete_receptor");
  g.add_variable("receptor_index_i", {"receptor"}, {n}, index_i, "",
                 "index in its network: grid column i (x), polar direction, point number (-1 = discrete)");
  g.add_variable("receptor_index_j", {"receptor"}, {n}, index_j, "",
                 "index in its network: grid row j (y), polar ring (-1 = discrete)");
}

void add_receptor_networks(io::Dataset& ds, const dsp::Config& config) {
  std::size_t offset = 0;
  for (const auto& r : config.receptors)
    if (r.network < 0) ++offset;
  for (std::size_t k = 0; k < config.receptor_networks.size(); ++k) {
    const dsp::ReceptorNetwork& net = config.receptor_networks[k];
    io::Group& g = ds.add_group("receptor_networks/" + net.name);
    const std::vector<std::size_t> shape = dsp::receptor_network_shape(net);
    const std::size_t count = dsp::receptor_count(net);
    std::vector<std::int64_t> shape64(shape.begin(), shape.end());
    g.attributes.set("network_index", static_cast<std::int64_t>(k));
    g.attributes.set("receptor_offset", static_cast<std::int64_t>(offset));
    g.attributes.set("receptor_count", static_cast<std::int64_t>(count));
    g.attributes.set("shape", shape64);
    g.attributes.set("flagpole_height_m", net.z_m);
    g.attributes.set("reshape", "values[..., receptor_offset:receptor_offset + receptor_count].reshape(shape): "
                                "C order, the last dimension fastest");
    std::vector<double> a, b;
    switch (net.kind) {
      case dsp::ReceptorNetworkKind::Cartesian:
        g.attributes.set("kind", "grid");
        for (int j = 0; j < net.ny; ++j) a.push_back(net.origin_y_m + j * net.dy_m);
        for (int i = 0; i < net.nx; ++i) b.push_back(net.origin_x_m + i * net.dx_m);
        g.add_coordinate("y", a, "m", "northing of the network's rows");
        g.add_coordinate("x", b, "m", "easting of the network's columns");
        break;
      case dsp::ReceptorNetworkKind::Polar:
        g.attributes.set("kind", "polar");
        g.attributes.set("centre_x_m", net.origin_x_m);
        g.attributes.set("centre_y_m", net.origin_y_m);
        for (int d = 0; d < net.directions; ++d) b.push_back(dsp::polar_bearing_deg(net, d));
        g.add_coordinate("radius", net.radii_m, "m", "ring radius");
        g.add_coordinate("bearing", b, "degree", "direction from the centre, clockwise from north");
        break;
      case dsp::ReceptorNetworkKind::Points:
        g.attributes.set("kind", "points");
        for (const auto& p : net.points) a.push_back(p.z_m);
        g.add_variable("flagpole_height", {"point"}, {net.points.size()}, a, "m", "receptor height above ground");
        break;
    }
    offset += count;
  }
}

// --- Site geometry: the map projection on the outputs (CF grid_mapping) and latitude/longitude of the sources
// and receptors. Applied to the finished groups: every variable on (..., y, x) gets grid_mapping = "crs". ---
void add_map_coordinates(io::Dataset& ds, const dsp::Config& config) {
  if (config.crs.empty()) return;
  const io::MapProjection map(config.crs);
  ds.attributes.set("crs", map.code());
  auto lat_lon = [&](const std::vector<double>& x, const std::vector<double>& y) {
    std::pair<std::vector<double>, std::vector<double>> out;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const auto g = map.to_lat_lon(x[i], y[i]);
      out.first.push_back(g.latitude_deg);
      out.second.push_back(g.longitude_deg);
    }
    return out;
  };
  for (io::Group& g : ds.groups) {
    bool mapped = false;
    for (io::Variable& v : g.variables) {
      const auto& d = v.dims;
      if (d.size() >= 2 && d[d.size() - 2] == "y" && d.back() == "x") {
        v.attributes.set("grid_mapping", "crs");
        mapped = true;
      }
    }
    if (mapped) {
      for (io::Variable& c : g.coordinates) {
        if (c.name == "x") c.attributes.set("standard_name", "projection_x_coordinate");
        if (c.name == "y") c.attributes.set("standard_name", "projection_y_coordinate");
      }
      io::Variable& crs = g.add_variable("crs", {}, {}, std::vector<std::int64_t>{0}, "", "map projection of x and y");
      crs.attributes.set("grid_mapping_name", map.grid_mapping_name());
      crs.attributes.set("crs_wkt", map.wkt());
      crs.attributes.set("spatial_ref", map.wkt1());
      crs.attributes.set("epsg_code", map.code());
    }
    const io::Variable* rx = g.find("receptor_x");
    const io::Variable* ry = g.find("receptor_y");
    if (rx && ry) {
      const auto [lat, lon] = lat_lon(std::get<std::vector<double>>(rx->data), std::get<std::vector<double>>(ry->data));
      const std::size_t n = lat.size();
      g.add_variable("receptor_latitude", {"receptor"}, {n}, lat, "degrees_north", "receptor latitude");
      g.add_variable("receptor_longitude", {"receptor"}, {n}, lon, "degrees_east", "receptor longitude");
    }
  }
  if (io::Group* g = [&]() -> io::Group* {
        for (io::Group& group : ds.groups)
          if (group.path == "sources") return &group;
        return nullptr;
      }()) {
    std::vector<double> x, y;
    for (const auto& s : config.sources) {
      x.push_back(s.x_m);
      y.push_back(s.y_m);
    }
    const auto [lat, lon] = lat_lon(x, y);
    g->add_variable("latitude", {"source"}, {lat.size()}, lat, "degrees_north",
                    "latitude of the stack, volume centre, area centroid or road's mean vertex");
    g->add_variable("longitude", {"source"}, {lon.size()}, lon, "degrees_east", "longitude of the same point");
  }
}

// Receptor coordinates and KPIs, shared by both model groups.
void add_receptors(io::Group& g, const dsp::Config& config, const dsp::ModelKpis& kpis) {
  const std::size_t n = config.receptors.size();
  if (n == 0) return;
  g.add_coordinate("receptor", receptor_names(config), "", "sensor name");
  std::vector<double> x, y, z, peak, above;
  for (std::size_t r = 0; r < n; ++r) {
    x.push_back(config.receptors[r].x_m);
    y.push_back(config.receptors[r].y_m);
    z.push_back(config.receptors[r].z_m);
    peak.push_back(kpis.receptors[r].peak_kg_m3);
    above.push_back(kpis.receptors[r].time_above_threshold_s);
  }
  g.add_variable("receptor_x", {"receptor"}, {n}, x, "m", "sensor easting");
  g.add_variable("receptor_y", {"receptor"}, {n}, y, "m", "sensor northing");
  g.add_variable("receptor_z", {"receptor"}, {n}, z, "m", "sensor height above ground");
  add_receptor_network_indices(g, config);
  g.add_variable("receptor_peak_concentration", {"receptor"}, {n}, peak, concentration_units,
                 "highest concentration at the sensor");
  g.add_variable("receptor_time_above_threshold", {"receptor"}, {n}, above, "s",
                 "time the sensor's concentration exceeds the pollutant threshold");
}

void add_ground_maximum(io::Group& g, const dsp::ModelKpis& k) {
  g.attributes.set("max_ground_concentration_kg_m3", k.ground_maximum.concentration_kg_m3);
  g.attributes.set("max_ground_concentration_x_m", k.ground_maximum.x_m);
  g.attributes.set("max_ground_concentration_y_m", k.ground_maximum.y_m);
  g.attributes.set("max_ground_concentration_time_s", k.ground_maximum.time_s);
  g.attributes.set("ground_level_height_m", k.ground_level_height_m);
}

void add_plume(io::Dataset& ds, const dsp::Config& config, const dsp::PlumeResult& p, const dsp::ModelKpis& k) {
  io::Group& g = ds.add_group("plume");
  g.attributes.set("model", "steady Gaussian plume, Briggs sigmas, one solution per meteorology period");
  add_ground_maximum(g, k);
  const std::size_t nt = p.times_s.size(), ny = p.y_m.size(), nx = p.x_m.size();
  g.add_coordinate("time", p.times_s, "s", "start of the meteorology period");
  g.add_coordinate("y", p.y_m, "m", "northing");
  g.add_coordinate("x", p.x_m, "m", "easting");
  g.add_coordinate("source", source_names(config), "", "source name");
  if (p.full_grids) {  // otherwise only the grid statistics (plume_model.hpp), added by add_design_values
    io::Variable& c = g.add_variable("concentration", {"time", "y", "x"}, {nt, ny, nx}, p.concentration,
                                     concentration_units, "concentration on the receptor grid");
    c.attributes.set("height_m", p.grid_height_m);
  }
  g.add_variable("period_duration", {"time"}, {nt}, p.period_duration_s, "s", "how long the period holds");
  g.add_variable("effective_height", {"time", "source"}, {nt, config.sources.size()}, p.effective_height_m, "m",
                 "stack height plus plume rise")
      .attributes.set("_FillValue", std::numeric_limits<double>::quiet_NaN());  // calm / missing hours: no plume
  if (!config.receptors.empty())
    g.add_variable("receptor_concentration", {"time", "receptor"}, {nt, config.receptors.size()},
                   p.receptor_concentration, concentration_units, "concentration at the sensor");
  add_receptors(g, config, k);
}

void add_eulerian(io::Dataset& ds, const dsp::Config& config, const dsp::EulerianResult& e, const dsp::ModelKpis& k) {
  io::Group& g = ds.add_group("eulerian");
  g.attributes.set("model", "3-D finite-volume advection-diffusion-reaction, TVD flux limiter");
  add_ground_maximum(g, k);
  g.attributes.set("time_step_s", e.time_step_s);
  g.attributes.set("advective_limit_s", e.advective_limit_s);
  g.attributes.set("diffusive_limit_s", e.diffusive_limit_s);
  g.attributes.set("steps", static_cast<std::int64_t>(e.steps));
  g.attributes.set("deposited_kg", k.deposited_kg);
  const std::size_t nt = e.times_s.size(), nz = e.z_m.size(), ny = e.y_m.size(), nx = e.x_m.size();
  g.add_coordinate("time", e.times_s, "s", "time since the start of the run");
  g.add_coordinate("z", e.z_m, "m", "height of the cell centre above ground");
  g.add_coordinate("y", e.y_m, "m", "northing of the cell centre");
  g.add_coordinate("x", e.x_m, "m", "easting of the cell centre");
  g.attributes.set("vertical_diffusion", e.vertical_scheme);
  std::vector<double> thickness;
  for (std::size_t layer = 0; layer + 1 < e.z_faces_m.size(); ++layer)
    thickness.push_back(e.z_faces_m[layer + 1] - e.z_faces_m[layer]);
  g.add_variable("layer_thickness", {"z"}, {nz}, thickness, "m", "thickness of the cell layer (uniform or stretched)");
  // Streamed runs leave the field out: write_dispersion_outputs appends it record by record (outputs.cpp).
  if (!e.concentration.empty())
    g.add_variable("concentration", {"time", "z", "y", "x"}, {nt, nz, ny, nx}, e.concentration, concentration_units,
                   "cell-mean concentration");
  g.add_variable("deposited_mass", {"y", "x"}, {ny, nx}, e.deposited_kg_m2, "kg m-2",
                 "mass deposited on the ground by the end of the run");
  if (!config.receptors.empty())
    g.add_variable("receptor_concentration", {"time", "receptor"}, {nt, config.receptors.size()},
                   e.receptor_concentration, concentration_units, "concentration at the sensor (trilinear)");
  const auto& b = e.budget;
  g.add_variable("mass_emitted", {"time"}, {nt}, b.emitted_kg, "kg", "mass emitted since the start");
  g.add_variable("mass_in_domain", {"time"}, {nt}, b.in_domain_kg, "kg", "mass in the domain");
  g.add_variable("mass_outflow", {"time"}, {nt}, b.outflow_kg, "kg", "net mass that left through the boundaries");
  g.add_variable("mass_decayed", {"time"}, {nt}, b.decayed_kg, "kg", "mass lost by first-order decay");
  g.add_variable("mass_deposited", {"time"}, {nt}, b.deposited_kg, "kg", "mass deposited on the ground");
  add_receptors(g, config, k);
}

void add_sources(io::Dataset& ds, const dsp::Config& config) {
  io::Group& g = ds.add_group("sources");
  const std::size_t n = config.sources.size();
  g.add_coordinate("source", source_names(config), "", "source name");
  std::vector<double> x, y, h, q;
  for (const auto& s : config.sources) {
    x.push_back(s.x_m);
    y.push_back(s.y_m);
    h.push_back(s.height_m);
    q.push_back(dsp::emission_rate_at(s, 0.0));
  }
  g.add_variable("x", {"source"}, {n}, x, "m", "easting");
  g.add_variable("y", {"source"}, {n}, y, "m", "northing");
  g.add_variable("height", {"source"}, {n}, h, "m", "physical stack height");
  g.add_variable("emission_rate_at_start", {"source"}, {n}, q, "kg s-1", "emission rate at t = 0");
}

}  // namespace

io::Dataset dispersion_dataset(const Scenario& scenario, const dsp::Config& config, const DispersionOutcome& outcome) {
  io::Dataset ds;
  add_provenance(ds, scenario, "dispersion");
  ds.attributes.set("pollutant", config.pollutant.name);
  {  // meteorology records: calm and missing ones are skipped by the models and counted here
    const PeriodCounts n = count_periods(config.meteorology.periods);
    ds.attributes.set("meteorology_source", config.meteorology.source.empty() ? "scenario" : config.meteorology.source);
    ds.attributes.set("meteorology_valid_periods", n.valid);
    ds.attributes.set("meteorology_calm_periods", n.calm);
    ds.attributes.set("meteorology_missing_periods", n.missing);
  }
  add_sources(ds, config);
  add_receptor_networks(ds, config);
  std::size_t k = 0;
  if (outcome.plume) {
    add_plume(ds, config, *outcome.plume, outcome.kpis.at(k++));
    add_design_values(ds, config, *outcome.plume);
  }
  if (outcome.eulerian) add_eulerian(ds, config, *outcome.eulerian, outcome.kpis.at(k++));
  add_map_coordinates(ds, config);
  return ds;
}

}  // namespace twinlab::scenarios
