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
      KeySpec::choice("turbulence", {"briggs", "similarity"},
                      "Plume spread: the Pasquill-Gifford class with the Briggs (1973) curves, or boundary-layer "
                      "similarity theory (Taylor's sigmas from sigma_v, sigma_w, u*, L, zi; wind from the diabatic "
                      "log law; u* and L from the class by Golder 1972 where not given; docs/dispersion.md)")
          .defaults("briggs"),
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
      }).items(1).optional(),
      // Meteorology from a file (scenarios/dispersion/meteorology_file.*, docs/dispersion.md).
      KeySpec::string("file", "Meteorology file instead of periods: a CSV with units in its header, or AERMET "
                      ".SFC (path relative to the scenario file)").optional(),
      KeySpec::string("profile_file", "AERMET profile file (.PFL) beside an AERMET .SFC file: measured sigma_theta "
                      "and sigma_w (path relative to the scenario file)").optional(),
      KeySpec::choice("format", {"auto", "csv", "aermet"},
                      "Format of file: auto = by extension (.sfc = AERMET, anything else CSV)").defaults("auto"),
      KeySpec::number("time_step_s", "s", "Time step of the file's records (rows lie on this grid)").above(0)
          .defaults(3600.0),
      KeySpec::number("calm_threshold_m_s", "m/s", "Wind below this at the reference height is a calm hour "
                      "(skipped and counted)").at_least(0).defaults(0.5),
      KeySpec::number("max_gap_s", "s", "Longest run of absent records accepted in a file (filled as missing "
                      "hours)").at_least(0).defaults(86400.0),
      KeySpec::number("potential_temperature_gradient_K_m", "K/m", "Potential-temperature gradient above the "
                      "morning inversion, for the convective mixing height from cloud cover").above(0).at_most(0.1)
          .defaults(0.01),
      KeySpec::object("site", "Where the meteorology was measured (sun elevation for cloud cover)", {
          KeySpec::number("latitude_deg", "deg", "Latitude, north positive").at_least(-90).at_most(90).optional(),
          KeySpec::number("longitude_deg", "deg", "Longitude, east positive").at_least(-180).at_most(180).optional(),
      }),
      KeySpec::object("surface", "Surface characteristics around the site (AERMET's three)", {
          KeySpec::number("roughness_length_m", "m", "Surface roughness length z0").above(0).at_most(5).defaults(0.1),
          KeySpec::number("albedo", "", "Noon albedo (fraction of sunlight reflected)").at_least(0).at_most(1)
              .defaults(0.2),
          KeySpec::number("bowen_ratio", "", "Midday Bowen ratio (sensible / latent heat flux)").above(0).at_most(10)
              .defaults(1.0),
      }),
  });
}

KeySpec sources_schema() {
  return KeySpec::list("sources", "Sources: point (stacks, vents), area, volume and line (roads)", {
      KeySpec::string("name", "Name used in outputs"),
      // Site geometry: the source type and its own keys (twins/dispersion/site_sources.hpp).
      KeySpec::choice("type", {"point", "area", "volume", "line"},
                      "point: a stack; area: a polygon (yard, lagoon); volume: initial spreads sigma_y0_m, "
                      "sigma_z0_m; line: a road polyline of width_m").defaults("point"),
      KeySpec::number("x_m", "m", "point, volume (required): easting of the stack base or volume centre (inside "
                      "the domain)").optional(),
      KeySpec::number("y_m", "m", "point, volume (required): northing of the stack base or volume centre")
          .optional(),
      KeySpec::number("latitude_deg", "deg", "Latitude instead of x_m, y_m (needs dispersion.crs)").at_least(-90)
          .at_most(90).optional(),
      KeySpec::number("longitude_deg", "deg", "Longitude instead of x_m, y_m (needs dispersion.crs)").at_least(-180)
          .at_most(360).optional(),
      KeySpec::list("vertices", "area (required): the outline, >= 3 vertices in order, not self-intersecting; "
                    "line (required): the centre line, >= 2 vertices", {
          KeySpec::number("x_m", "m", "Easting (or latitude_deg, longitude_deg)").optional(),
          KeySpec::number("y_m", "m", "Northing").optional(),
          KeySpec::number("latitude_deg", "deg", "Latitude instead of x_m, y_m (needs dispersion.crs)").at_least(-90)
              .at_most(90).optional(),
          KeySpec::number("longitude_deg", "deg", "Longitude instead of x_m, y_m (needs dispersion.crs)").at_least(-180)
              .at_most(360).optional(),
      }).optional(),
      KeySpec::number("width_m", "m", "line (required): road width").above(0).optional(),
      KeySpec::number("sigma_y0_m", "m", "volume (required): initial lateral spread (side / 4.3)").above(0)
          .optional(),
      KeySpec::number("sigma_z0_m", "m", "volume (required): initial vertical spread (height / 4.3 elevated, / "
                      "2.15 on the ground)").above(0).optional(),
      KeySpec::number("emission_rate_kg_s_m2", "kg/(s m^2)", "area: emission per unit area instead of "
                      "emission_rate_kg_s").at_least(0).optional(),
      KeySpec::number("emission_rate_kg_s_m", "kg/(s m)", "line: emission per metre of road instead of "
                      "emission_rate_kg_s").at_least(0).optional(),
      KeySpec::number("height_m", "m", "point: physical stack height; area, line: release height; volume: "
                      "centre height; above ground, below z_max_m").at_least(0),
      KeySpec::number("emission_rate_kg_s", "kg/s", "Constant emission rate (a source's total); give this or a "
                      "schedule, not both")
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
      // twinlab estimate (scenarios/commands/estimate.cpp, docs/estimate.md).
      KeySpec::boolean("estimate", "twinlab estimate: estimate this source's rate from sensor data (when no "
                       "source is marked, all are estimated); its own rate is the prior mean").defaults(false),
      KeySpec::choice("location", {"known", "unknown"},
                      "twinlab estimate: unknown = search the position of this point source inside search_box "
                      "(x_m, y_m are then only where `twinlab run` puts it); one unknown source at most")
          .defaults("known"),
      KeySpec::object("search_box", "twinlab estimate: where an unknown location is searched (inside the domain)", {
          KeySpec::number("x_min_m", "m", "West edge of the search").optional(),
          KeySpec::number("x_max_m", "m", "East edge (> x_min_m)").optional(),
          KeySpec::number("y_min_m", "m", "South edge").optional(),
          KeySpec::number("y_max_m", "m", "North edge (> y_min_m)").optional(),
          KeySpec::integer("nodes", "Nodes per axis of the search grid and of each refinement").at_least(3)
              .at_most(101).defaults(21.0),
          KeySpec::integer("refinements", "Grids of the same size, each over +-1 cell around the best node")
              .at_least(0).at_most(6).defaults(2.0),
      }),
  }).items(1);
}

KeySpec receptors_schema() {
  return KeySpec::list("receptors", "Named sensors (discrete receptors) inside the domain", {
      KeySpec::string("name", "Sensor name used in outputs"),
      KeySpec::number("x_m", "m", "Easting (or latitude_deg, longitude_deg)").optional(),
      KeySpec::number("y_m", "m", "Northing").optional(),
      KeySpec::number("latitude_deg", "deg", "Latitude instead of x_m, y_m (needs dispersion.crs)").at_least(-90)
          .at_most(90).optional(),
      KeySpec::number("longitude_deg", "deg", "Longitude instead of x_m, y_m (needs dispersion.crs)").at_least(-180)
          .at_most(360).optional(),
      KeySpec::number("z_m", "m", "Height above ground").at_least(0)
          .also_called({"height_m", "receptor_height_m", "elevation_m"}).defaults(1.5),
  }).defaults("[]");
}

// --- Site geometry: receptor networks (twins/dispersion/receptor_network.hpp). ---
KeySpec receptor_networks_schema() {
  return KeySpec::list("receptor_networks",
                       "Families of receptors expanded into named receptors beside `receptors` (names NAME[i,j], "
                       "NAMErm[bearing], NAME[k]; see docs/dispersion.md)", {
      KeySpec::string("name", "Network name, the prefix of its receptors' names"),
      KeySpec::choice("type", {"grid", "polar", "points"},
                      "grid: Cartesian nodes; polar: rings of directions around a centre; points: discrete points"),
      KeySpec::number("x_m", "m", "grid: easting of node [0,0] (its south-west corner); polar: of the centre")
          .optional(),
      KeySpec::number("y_m", "m", "grid: northing of node [0,0]; polar: of the centre").optional(),
      KeySpec::number("latitude_deg", "deg", "Latitude instead of x_m, y_m (needs dispersion.crs)").at_least(-90)
          .at_most(90).optional(),
      KeySpec::number("longitude_deg", "deg", "Longitude instead of x_m, y_m (needs dispersion.crs)").at_least(-180)
          .at_most(360).optional(),
      KeySpec::number("z_m", "m", "grid, polar: flagpole height of every receptor above ground").at_least(0)
          .also_called({"height_m", "flagpole_m"}).defaults(1.5),
      KeySpec::number("dx_m", "m", "grid (required): spacing west-east").above(0).optional(),
      KeySpec::number("dy_m", "m", "grid (required): spacing south-north").above(0).optional(),
      KeySpec::integer("nx", "grid (required): nodes west-east").at_least(1).at_most(100000).optional(),
      KeySpec::integer("ny", "grid (required): nodes south-north").at_least(1).at_most(100000).optional(),
      KeySpec::number_list("radii_m", "m", "polar (required): ring radii, increasing").optional(),
      KeySpec::integer("directions", "polar: number of equally spaced directions (or give angular_step_deg)")
          .at_least(1).at_most(3600).optional(),
      KeySpec::number("angular_step_deg", "deg", "polar: step between directions (360 a whole multiple of it)")
          .above(0).at_most(360).optional(),
      KeySpec::number("first_direction_deg", "deg", "polar: bearing of the first direction, clockwise from north")
          .at_least(0).at_most(360).defaults(0.0),
      KeySpec::list("points", "points (required): the discrete receptors", {
          KeySpec::number("x_m", "m", "Easting (or latitude_deg, longitude_deg)").optional(),
          KeySpec::number("y_m", "m", "Northing").optional(),
          KeySpec::number("latitude_deg", "deg", "Latitude instead of x_m, y_m (needs dispersion.crs)").at_least(-90)
              .at_most(90).optional(),
          KeySpec::number("longitude_deg", "deg", "Longitude instead of x_m, y_m (needs dispersion.crs)").at_least(-180)
              .at_most(360).optional(),
          KeySpec::number("z_m", "m", "Flagpole height above ground").at_least(0)
              .also_called({"height_m", "flagpole_m"}).defaults(1.5),
      }).optional(),
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
      KeySpec::choice("grid_series", {"auto", "all", "statistics"},
                      "Grids kept: every period's, only per-node statistics (max, mean, design values), or auto "
                      "(every period's while periods x nodes <= 1e7)").defaults("auto"),
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
      KeySpec::number("lateral_travel_distance_m", "m",
                      "turbulence: similarity: downwind distance at which the lateral diffusivity gives the plume's "
                      "sigma_y (e.g. the sensor's distance; 0: the domain's longer side)").at_least(0).defaults(0.0),
  });
}

// Compliance (twins/dispersion/averaging.hpp, design_value.hpp): named limits and the averaging settings.
KeySpec limits_schema() {
  return KeySpec::list("limits", "Air-quality limits checked at every sensor and grid node of the plume model "
                       "(compliance table, results.h5 plume/design_values, KPIs limits.NAME.*)", {
      KeySpec::string("name", "Name used in the table and KPIs (limits.NAME.exceedances_max)").name_like(),
      KeySpec::number("value_ug_m3", "ug/m^3", "Limit value; a value strictly above it is an exceedance").above(0)
          .also_called({"value", "limit_ug_m3", "limit"}),
      KeySpec::choice("averaging", {"1h", "8h", "24h", "annual"},
                      "Averaging period: clock hours, 8 h rolling means, calendar days, or the whole run's mean"),
      KeySpec::integer("allowed_exceedances", "Exceedances allowed over the run (a year of meteorology: per year)")
          .at_least(0).defaults(0.0).also_called({"allowed", "exceedances"}),
      KeySpec::choice("statistic", {"nth_highest", "percentile"},
                      "Design value: the (allowed_exceedances + 1)-th highest value, or a percentile of the daily "
                      "maxima of the averaging period's values").defaults("nth_highest"),
      KeySpec::number("percentile", "%", "Percentile of daily maxima when statistic = percentile (e.g. 99)")
          .above(0).at_most(100).defaults(99.0),
      KeySpec::string("source", "Where the limit comes from (free text, e.g. EU 2008/50/EC Annex XI)").defaults("\"\""),
  }).defaults("[]");
}

KeySpec averaging_schema() {
  return KeySpec::object("averaging", "Averaging periods and ranked values of the plume model's results", {
      KeySpec::integer("ranks", "Highest values kept per sensor and averaging period (more when a limit needs "
                       "them)").at_least(1).at_most(1000).defaults(10.0),
      KeySpec::number("day_start_s", "s", "Time of the first midnight after the start: calendar days (24 h means, "
                      "daily maxima) begin there; not written: the first local midnight by a meteorology file's UTC "
                      "offset, else 0").at_least(0).defaults(0.0),
  });
}

}  // namespace

KeySpec dispersion_section_schema() {
  return KeySpec::object("dispersion", "The pollutant-dispersion twin", {
      // Site geometry: the map projection of every x_m, y_m (io/map_projection.hpp).
      KeySpec::string("crs", "Map projection of all x/y (m), as an EPSG code of a metric projected CRS, e.g. "
                      "EPSG:32633 (UTM 33N); enables latitude_deg/longitude_deg and CF grid_mapping in results.h5")
          .optional(),
      domain_schema(),
      meteorology_schema(),
      pollutant_schema(),
      sources_schema(),
      receptors_schema(),
      receptor_networks_schema(),
      plume_schema(),
      eulerian_schema(),
      limits_schema(),
      averaging_schema(),
  });
}

}  // namespace twinlab::scenarios
