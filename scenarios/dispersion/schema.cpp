#include "scenarios/dispersion/schema.hpp"

namespace twinlab::scenarios {

using io::KeySpec;

namespace {

KeySpec domain_schema() {
  return KeySpec::object("domain", "The simulated box; the ground is z = 0 (x east, y north).", {
      KeySpec::number("x_min_m", "m", "West edge"),
      KeySpec::number("x_max_m", "m", "East edge (> x_min_m)"),
      KeySpec::number("y_min_m", "m", "South edge"),
      KeySpec::number("y_max_m", "m", "North edge (> y_min_m)"),
      KeySpec::number("z_max_m", "m", "Top of the domain (the Eulerian grid's lid or open top)").above(0).defaults(1000.0),
  });
}

KeySpec meteorology_schema() {
  return KeySpec::object("meteorology", "Wind, stability and mixing height; one or more periods (e.g. hourly).", {
      KeySpec::number("reference_height_m", "m", "Height at which wind_speed_m_s is measured").above(0).defaults(10.0),
      KeySpec::choice("terrain", {"rural", "urban"}, "Briggs sigma set and wind-profile exponents").defaults("rural"),
      KeySpec::choice("wind_profile", {"power_law", "uniform"},
                      "Wind with height, both models: EPA power law per class and terrain, or the measured "
                      "wind_speed_m_s at every height").defaults("power_law"),
      KeySpec::number("ambient_temperature_K", "K", "Air temperature (plume buoyancy)").above(150).at_most(350)
          .defaults(293.15),
      KeySpec::list("periods", "Meteorology records; each holds from start_s until the next one starts", {
          KeySpec::number("start_s", "s", "Start of the period; the first must be 0, then strictly increasing")
              .at_least(0).defaults(0.0),
          KeySpec::number("wind_speed_m_s", "m/s", "Wind speed at the reference height").above(0).at_most(50)
              .also_called({"u_m_s", "wind_m_s", "speed_m_s"}),
          KeySpec::number("wind_direction_deg", "deg", "Direction the wind blows FROM, clockwise from north")
              .at_least(0).at_most(360),
          KeySpec::choice("stability_class", {"A", "B", "C", "D", "E", "F"},
                          "Pasquill-Gifford class: A very unstable .. D neutral .. F moderately stable"),
          KeySpec::number("mixing_height_m", "m", "Top of the mixed layer (reflecting lid); 0 = none").at_least(0)
              .defaults(0.0),
      }).items(1),
  });
}

KeySpec sources_schema() {
  return KeySpec::list("sources", "Point sources (stacks, vents)", {
      KeySpec::string("name", "Name used in outputs"),
      KeySpec::number("x_m", "m", "Easting of the stack base (inside the domain)"),
      KeySpec::number("y_m", "m", "Northing of the stack base (inside the domain)"),
      KeySpec::number("height_m", "m", "Physical stack height above ground (below z_max_m)").at_least(0),
      KeySpec::number("emission_rate_kg_s", "kg/s", "Constant emission rate; give this or a schedule, not both")
          .also_called({"rate_kg_s", "emission_kg_s", "q_kg_s", "mass_rate_kg_s"})
          .at_least(0).optional(),
      KeySpec::number("diameter_m", "m", "Inner diameter at the stack exit").at_least(0).defaults(0.0),
      KeySpec::number("exit_velocity_m_s", "m/s", "Exit velocity; 0 = no momentum rise").at_least(0).defaults(0.0),
      KeySpec::number("exit_temperature_K", "K", "Exit gas temperature; 0 = ambient (no buoyancy rise)")
          .at_least(0).at_most(2000).defaults(0.0),
      KeySpec::list("schedule", "Time-varying emission: piecewise-constant rates from time_s on (instead of "
                    "emission_rate_kg_s)", {
          KeySpec::number("time_s", "s", "Start of this rate; strictly increasing").at_least(0),
          KeySpec::number("rate_kg_s", "kg/s", "Emission rate from time_s on").at_least(0),
      }).defaults("[]"),
  }).items(1);
}

KeySpec receptors_schema() {
  return KeySpec::list("receptors", "Named sensors (discrete receptors) inside the domain", {
      KeySpec::string("name", "Sensor name used in outputs"),
      KeySpec::number("x_m", "m", "Easting"),
      KeySpec::number("y_m", "m", "Northing"),
      KeySpec::number("z_m", "m", "Height above ground").at_least(0)
          .also_called({"height_m", "receptor_height_m", "elevation_m"}).defaults(1.5),
  }).defaults("[]");
}

KeySpec pollutant_schema() {
  return KeySpec::object("pollutant", "What is emitted and how it is lost", {
      KeySpec::string("name", "Species name (outputs only)").defaults("SO2"),
      KeySpec::number("decay_rate_1_s", "1/s", "First-order decay rate (Eulerian model)").at_least(0).at_most(1)
          .defaults(0.0),
      KeySpec::number("deposition_velocity_m_s", "m/s", "Dry deposition velocity at the ground (Eulerian model)")
          .at_least(0).at_most(1).defaults(0.0),
      KeySpec::number("threshold_kg_m3", "kg/m^3", "Concentration for the time-above-threshold KPI; 0 = off")
          .at_least(0).defaults(0.0),
  });
}

KeySpec plume_schema() {
  return KeySpec::object("plume", "Steady Gaussian plume model (one solution per meteorology period)", {
      KeySpec::boolean("enabled", "Run the Gaussian plume model").defaults(true),
      KeySpec::integer("grid_nx", "Receptor-grid nodes west-east (edges included)").at_least(2).at_most(5000)
          .defaults(101.0),
      KeySpec::integer("grid_ny", "Receptor-grid nodes south-north (edges included)").at_least(2).at_most(5000)
          .defaults(101.0),
      KeySpec::number("grid_height_m", "m", "Height of the receptor grid").at_least(0)
          .also_called({"receptor_height_m", "receptor_z_m", "height_m", "z_m"}).defaults(1.5),
  });
}

KeySpec eulerian_schema() {
  return KeySpec::object("eulerian", "3-D finite-volume advection-diffusion-reaction model", {
      KeySpec::boolean("enabled", "Run the Eulerian model").defaults(false),
      KeySpec::integer("nx", "Cells west-east").at_least(3).at_most(2000).defaults(100.0),
      KeySpec::integer("ny", "Cells south-north").at_least(3).at_most(2000).defaults(50.0),
      KeySpec::integer("nz", "Cells ground-top").at_least(3).at_most(500).defaults(20.0),
      KeySpec::number("duration_s", "s", "Simulated time").above(0).at_most(3.2e7).defaults(3600.0),
      KeySpec::number("output_interval_s", "s", "Time between stored fields (<= duration_s)").above(0)
          .defaults(600.0),
      KeySpec::number("courant", "", "Fraction of the stability limit used as time step").above(0).at_most(1)
          .defaults(0.8),
      KeySpec::choice("diffusivity", {"stability", "constant"},
                      "Eddy diffusivities from the stability class (Briggs sigmas) or constant").defaults("stability"),
      KeySpec::number("kh_m2_s", "m^2/s", "Horizontal eddy diffusivity when diffusivity = constant").at_least(0)
          .defaults(10.0),
      KeySpec::number("kz_m2_s", "m^2/s", "Vertical eddy diffusivity when diffusivity = constant").at_least(0)
          .defaults(1.0),
      KeySpec::number("reference_distance_m", "m",
                      "Downwind distance whose plume spread the stability diffusivities reproduce").above(0)
          .defaults(1000.0),
      KeySpec::choice("lateral", {"open", "closed"}, "Side boundaries: clean inflow/outflow, or walls")
          .defaults("open"),
      KeySpec::choice("top", {"lid", "open"}, "Top boundary: reflecting lid, or open to clean air above")
          .defaults("lid"),
      // Site scale (issue 14, D3): stretched layers and the vertical scheme.
      KeySpec::number("first_layer_m", "m",
                      "Thickness of the lowest layer; layers then grow geometrically to z_max_m (0: nz uniform "
                      "layers)").at_least(0).defaults(0.0),
      KeySpec::number("stretch", "",
                      "Or the layers' growth ratio dz(k+1)/dz(k), 1-10 (0: not used; give first_layer_m or stretch)")
          .at_least(0).at_most(10).defaults(0.0),
      KeySpec::choice("vertical_diffusion", {"auto", "explicit", "implicit"},
                      "Vertical diffusion and deposition: explicit, implicit (a tridiagonal solve per column, so "
                      "thin layers do not limit the step), or auto: implicit on stretched layers")
          .defaults("auto"),
  });
}

}  // namespace

KeySpec dispersion_section_schema() {
  return KeySpec::object("dispersion", "The pollutant-dispersion twin", {
      domain_schema(),
      meteorology_schema(),
      pollutant_schema(),
      sources_schema(),
      receptors_schema(),
      plume_schema(),
      eulerian_schema(),
  });
}

}  // namespace twinlab::scenarios
