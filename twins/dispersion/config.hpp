#pragma once
// Plain configuration of the pollutant-dispersion twin, filled by scenarios/ from a validated scenario
// file. Coordinates: x east, y north, z up (m), origin anywhere. Wind direction is meteorological: the
// direction the wind blows FROM, degrees clockwise from north (270 = a west wind blowing towards +x).
#include <limits>
#include <string>
#include <vector>

namespace twinlab::twins::dispersion {

enum class StabilityClass { A, B, C, D, E, F };  // Pasquill-Gifford, A very unstable .. F moderately stable
enum class Terrain { Rural, Urban };              // selects the Briggs (1973) sigma set and wind exponents
// Wind with height: the EPA power law per class and terrain, or the measured speed at every height (exact
// solutions, wind-tunnel cases, field data taken as measured).
enum class WindProfileKind { PowerLaw, Uniform };
// How turbulence (plume sigmas, Eulerian diffusivities) is obtained: the Pasquill-Gifford class with the
// Briggs (1973) curves, or boundary-layer similarity theory from u*, L, w*, zi (and sigma_v, sigma_w where
// measured).
enum class TurbulenceModel { Briggs, Similarity };
// Regulatory practice for a record that cannot be modelled: flagged, skipped and counted, never interpolated.
// A calm (wind below the threshold) or missing hour contributes no concentration and is excluded from the
// number of valid hours of an average.
enum class PeriodStatus { Valid, Calm, Missing };

inline constexpr double kNotGiven = std::numeric_limits<double>::quiet_NaN();

// The similarity-theory state of the surface and mixed layer for one period; NaN = not given (derived from
// the routine observations or not used, depending on the turbulence model).
struct BoundaryLayer {
  double friction_velocity_m_s = kNotGiven;    // u*
  double obukhov_length_m = kNotGiven;         // L: < 0 unstable, > 0 stable, |L| -> infinity neutral
  double convective_velocity_m_s = kNotGiven;  // w* (convective conditions only)
  double sigma_v_m_s = kNotGiven;              // measured lateral turbulence at measurement_height_m
  double sigma_w_m_s = kNotGiven;              // measured vertical turbulence at measurement_height_m
  double measurement_height_m = kNotGiven;     // height of sigma_v / sigma_w
};

struct MeteorologyPeriod {
  double start_s = 0.0;               // holds from here until the next period's start (hourly records)
  double wind_speed_m_s = 5.0;        // at Meteorology::reference_height_m
  double wind_direction_deg = 270.0;  // blowing from, clockwise from north
  StabilityClass stability = StabilityClass::D;
  double mixing_height_m = 0.0;       // 0 = no lid (no reflection from the top of the mixed layer)
  PeriodStatus status = PeriodStatus::Valid;
  double temperature_K = kNotGiven;   // air temperature of the period; NaN = Meteorology::ambient_temperature_K
  BoundaryLayer boundary_layer;
};

// Surface characteristics for the similarity profiles and the surface energy budget (AERMET's three).
struct SurfaceCharacteristics {
  double roughness_length_m = 0.1;  // z0
  double albedo = 0.2;              // noon albedo, fraction of incoming short-wave radiation reflected
  double bowen_ratio = 1.0;         // sensible / latent heat flux at midday
};

struct Meteorology {
  double reference_height_m = 10.0;       // anemometer height of wind_speed_m_s
  Terrain terrain = Terrain::Rural;
  WindProfileKind wind_profile = WindProfileKind::PowerLaw;  // used by both models
  TurbulenceModel turbulence = TurbulenceModel::Briggs;
  SurfaceCharacteristics surface;
  double ambient_temperature_K = 293.15;
  std::vector<MeteorologyPeriod> periods;  // at least one, start_s strictly increasing, first at 0
  // Where the periods came from, for reports: the file name and how stability was obtained ("" = typed in).
  std::string source;
  std::string source_method;
  // A file's first local midnight (by its UTC offset), s after t = 0, in [0, 86400); < 0 = not known. The
  // default start of compliance days (ComplianceSettings::day_origin_s).
  double local_midnight_s = -1.0;
};

struct EmissionPoint {
  double time_s = 0.0;
  double rate_kg_s = 0.0;
};

// --- Site geometry (source types, receptor networks, map coordinates): see source_geometry.hpp,
// receptor_network.hpp. ---
// point: a stack at (x_m, y_m); area: a polygon outline (yard, lagoon) releasing at height_m; volume: a
// building or a cloud of initial size sigma_y0_m x sigma_z0_m centred at (x_m, y_m, height_m) (ISC/AERMOD);
// line: a road, the polyline `vertices` of width width_m releasing at height_m.
enum class SourceType { Point, Area, Volume, Line };
struct Vertex {
  double x_m = 0.0, y_m = 0.0;
};

struct Source {
  std::string name;
  double x_m = 0.0, y_m = 0.0;
  double height_m = 0.0;              // physical stack height above ground
  double emission_rate_kg_s = 0.0;    // used when schedule is empty
  double diameter_m = 0.0;            // stack inner diameter at the exit
  double exit_velocity_m_s = 0.0;     // 0 = no momentum rise
  double exit_temperature_K = 0.0;    // 0 = ambient (no buoyancy rise)
  std::vector<EmissionPoint> schedule;  // piecewise constant in time; empty = constant emission_rate_kg_s
  // Site geometry. Rates (emission_rate_kg_s, schedule) are always the source's TOTAL kg/s; height_m is the
  // release height of an area, line or volume (centre height of a volume). x_m, y_m: a point or volume's
  // centre; for an area or line they are set to the centroid of the vertices (outputs only).
  SourceType type = SourceType::Point;
  std::vector<Vertex> vertices{};  // area: the outline (>= 3, simple, any orientation); line: the centre line
  double width_m = 0.0;          // line: road width (> 0)
  double sigma_y0_m = 0.0;       // volume: initial lateral spread (> 0)
  double sigma_z0_m = 0.0;       // volume: initial vertical spread (> 0)
};

struct Receptor {  // a named sensor
  std::string name;
  double x_m = 0.0, y_m = 0.0, z_m = 1.5;
  // Site geometry: the receptor network it was expanded from (index into Config::receptor_networks; -1 = a
  // discrete receptor of dispersion.receptors) and its indices there (receptor_network.hpp).
  int network = -1;
  int index_i = -1, index_j = -1;
};

// A named family of receptors expanded into Config::receptors (receptor_network.hpp): a Cartesian grid, a
// polar network of rings around a centre, or discrete points with flagpole heights.
enum class ReceptorNetworkKind { Cartesian, Polar, Points };
struct ReceptorPoint {
  double x_m = 0.0, y_m = 0.0, z_m = 1.5;  // z_m: flagpole height above ground
};
struct ReceptorNetwork {
  std::string name;
  ReceptorNetworkKind kind = ReceptorNetworkKind::Cartesian;
  double z_m = 1.5;                        // flagpole height of a grid or polar network
  double origin_x_m = 0.0, origin_y_m = 0.0;  // Cartesian: the node [0,0]; Polar: the centre
  double dx_m = 100.0, dy_m = 100.0;       // Cartesian spacing
  int nx = 1, ny = 1;                      // Cartesian node counts
  std::vector<double> radii_m{};           // Polar: ring radii (> 0, increasing)
  int directions = 36;                     // Polar: number of equally spaced directions
  double first_direction_deg = 0.0;        // Polar: bearing of the first direction, clockwise from north
  std::vector<ReceptorPoint> points{};     // Points
};

struct Domain {
  double x_min_m = 0.0, x_max_m = 1000.0;
  double y_min_m = 0.0, y_max_m = 1000.0;
  double z_max_m = 500.0;  // the ground is z = 0
};

struct Pollutant {
  std::string name = "SO2";
  double decay_rate_1_s = 0.0;           // first-order loss (chemistry), 1/s
  double deposition_velocity_m_s = 0.0;  // dry deposition at the ground
  double threshold_kg_m3 = 0.0;          // for "time above threshold" at receptors; 0 = not reported
};

// Which grids the plume keeps (plume_model.hpp): every period's grid, only statistics, or decided by size.
enum class GridSeries { Auto, All, Statistics };

struct PlumeSettings {  // steady Gaussian plume, one solution per meteorology period
  bool enabled = true;
  GridSeries grid_series = GridSeries::Auto;
  int grid_nx = 101, grid_ny = 101;  // receptor grid over the domain (nodes, edges included)
  double grid_height_m = 1.5;        // height of the receptor grid
};

enum class DiffusivityMode {
  Stability,  // K from the Briggs sigmas at reference_distance_m: K = u sigma^2 / (2 x_ref)
  Constant    // kh_m2_s and kz_m2_s as given
};
enum class LateralBoundary { Open, Closed };  // open: inflow of clean air, outflow of the plume
enum class TopBoundary { Lid, Open };         // lid: no flux (mixing height); open: outflow by diffusion
// Vertical terms of the Eulerian step: explicit (second order in time, step limited by Kz / dz^2), implicit
// (a tridiagonal solve per column, step limited by the horizontal terms only), or auto: implicit on
// stretched layers, explicit on uniform ones.
enum class VerticalDiffusionMode { Auto, Explicit, Implicit };

struct EulerianSettings {
  bool enabled = false;
  int nx = 100, ny = 50, nz = 20;   // cells over the domain
  double duration_s = 3600.0;
  double output_interval_s = 600.0;
  double courant = 0.8;             // fraction of the stability limit used for the time step
  DiffusivityMode diffusivity = DiffusivityMode::Stability;
  double kh_m2_s = 10.0, kz_m2_s = 1.0;  // used when diffusivity = Constant
  double reference_distance_m = 1000.0;  // used when diffusivity = Stability
  LateralBoundary lateral = LateralBoundary::Open;
  TopBoundary top = TopBoundary::Lid;
  // Stretched layers, thin near the ground (geometric growth); neither given (0) = nz uniform layers.
  double first_layer_m = 0.0;  // thickness of the lowest layer; the growth ratio follows from nz and z_max_m
  double stretch = 0.0;        // or the growth ratio dz_{k+1} / dz_k (> 1); the first layer then follows
  VerticalDiffusionMode vertical_diffusion = VerticalDiffusionMode::Auto;
  // turbulence: similarity: the travel distance D at which the lateral diffusivity matches Taylor's spread,
  // K_h = sigma_y^2(t) / (2 t), t = D / wind (eulerian_profiles.hpp); 0 = the domain's longer side.
  double lateral_travel_distance_m = 0.0;
};

// Air-quality limits and their averaging periods (averaging.hpp, design_value.hpp).
enum class AveragingPeriod { OneHour, EightHour, Day, Period };  // 1 h, 8 h rolling, calendar day, whole run
enum class LimitStatistic {
  NthHighest,               // the (allowed_exceedances + 1)-th highest value of the averaging period
  PercentileOfDailyMaxima   // the `percentile` of the daily maxima of the averaging period's values
};
struct Limit {
  std::string name;                 // e.g. "eu_so2_hourly": KPI names limits.<name>.*
  double value_kg_m3 = 0.0;         // exceeded when a value is strictly above it
  AveragingPeriod averaging = AveragingPeriod::OneHour;
  int allowed_exceedances = 0;      // over the modelled period (a calendar year of meteorology: per year)
  LimitStatistic statistic = LimitStatistic::NthHighest;
  double percentile = 99.0;         // PercentileOfDailyMaxima only
  std::string source;               // free text, e.g. "EU 2008/50/EC Annex XI"
};
struct ComplianceSettings {
  std::vector<Limit> limits;  // compliance of the plume's receptors and grid nodes (design_value.hpp)
  int ranks = 10;             // highest values kept per receptor and averaging period (more when a limit needs)
  double day_origin_s = 0.0;  // time of the first midnight after t = 0, in [0, 86400): calendar days
};

struct Config {
  Domain domain;
  Meteorology meteorology;
  std::vector<Source> sources;
  std::vector<Receptor> receptors;  // discrete receptors first, then every network's, expanded
  std::vector<ReceptorNetwork> receptor_networks;
  std::string crs;                  // map projection of x/y, e.g. "EPSG:32633"; empty = local coordinates
  Pollutant pollutant;
  PlumeSettings plume;
  EulerianSettings eulerian;
  ComplianceSettings compliance;
};

// A period given by its routine observables only (valid, boundary layer not given, ambient temperature).
MeteorologyPeriod routine_period(double start_s, double wind_speed_m_s, double wind_direction_deg,
                                 StabilityClass stability, double mixing_height_m = 0.0);

// Emission rate of a source at time t_s (piecewise constant schedule, or the constant rate).
double emission_rate_at(const Source& source, double t_s);

// The meteorology period in force at time t_s.
const MeteorologyPeriod& period_at(const Meteorology& met, double t_s);

}  // namespace twinlab::twins::dispersion
