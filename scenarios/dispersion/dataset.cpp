#include "scenarios/dispersion/dataset.hpp"

#include <cstdint>

#include "scenarios/provenance.hpp"

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
  io::Variable& c = g.add_variable("concentration", {"time", "y", "x"}, {nt, ny, nx}, p.concentration,
                                   concentration_units, "concentration on the receptor grid");
  c.attributes.set("height_m", p.grid_height_m);
  g.add_variable("period_duration", {"time"}, {nt}, p.period_duration_s, "s", "how long the period holds");
  g.add_variable("effective_height", {"time", "source"}, {nt, config.sources.size()}, p.effective_height_m, "m",
                 "stack height plus plume rise");
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
  add_sources(ds, config);
  std::size_t k = 0;
  if (outcome.plume) add_plume(ds, config, *outcome.plume, outcome.kpis.at(k++));
  if (outcome.eulerian) add_eulerian(ds, config, *outcome.eulerian, outcome.kpis.at(k++));
  return ds;
}

}  // namespace twinlab::scenarios
