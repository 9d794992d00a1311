#include "scenarios/dispersion/config.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <array>
#include <cmath>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "scenarios/dispersion/aermet_files.hpp"
#include "scenarios/dispersion/meteorology_file.hpp"
#include "io/map_projection.hpp"
#include "twins/dispersion/receptor_network.hpp"
#include "twins/dispersion/site_sources.hpp"
#include "twins/dispersion/source_geometry.hpp"
#include "twins/dispersion/validity.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

// Eulerian outputs are kept in memory until written: refuse runs that cannot fit (8 bytes a value).
constexpr double max_stored_values = 5.0e8;  // 4 GB

dsp::StabilityClass stability_of(const std::string& letter) {
  return static_cast<dsp::StabilityClass>(letter.at(0) - 'A');
}

// --- Site geometry: map coordinates (io/map_projection.hpp). ---
// The scenario's map projection (dispersion.crs), when given: latitude/longitude are projected into it.
struct MapFrame {
  std::optional<io::MapProjection> projection;
};

MapFrame read_map_frame(const io::ScenarioNode& section) {
  MapFrame frame;
  if (!section.has("crs")) return frame;
  try {
    frame.projection.emplace(section.at("crs").text());
  } catch (const std::invalid_argument& e) {
    section.at("crs").fail(e.what());
  }
  return frame;
}

// A point given as x_m, y_m, or as latitude_deg, longitude_deg projected into dispersion.crs.
dsp::Vertex read_position(const io::ScenarioNode& n, const MapFrame& frame) {
  const bool xy = n.has("x_m") || n.has("y_m");
  const bool geo = n.has("latitude_deg") || n.has("longitude_deg");
  if (xy && geo)
    n.at(n.has("latitude_deg") ? "latitude_deg" : "longitude_deg")
        .fail("give the position once: x_m, y_m or latitude_deg, longitude_deg, not both");
  if (!geo) {
    if (!n.has("x_m") || !n.has("y_m"))
      n.fail("needs its position: x_m and y_m (or latitude_deg and longitude_deg with dispersion.crs)");
    return {n.at("x_m").number(), n.at("y_m").number()};
  }
  const io::ScenarioNode first = n.at(n.has("latitude_deg") ? "latitude_deg" : "longitude_deg");
  if (!frame.projection)
    first.fail("needs dispersion.crs (an EPSG code, e.g. EPSG:32633) to be placed on the map; add it, or give x_m, y_m");
  if (!n.has("latitude_deg") || !n.has("longitude_deg")) n.fail("needs both latitude_deg and longitude_deg");
  try {
    const auto p = frame.projection->from_lat_lon(n.at("latitude_deg").number(), n.at("longitude_deg").number());
    return {p.x_m, p.y_m};
  } catch (const std::invalid_argument& e) {
    first.fail(e.what());
  }
}

void require_inside(const dsp::Domain& d, const io::ScenarioNode& item, const dsp::Vertex& p) {
  const bool geo = !item.has("x_m") && item.has("latitude_deg");
  const io::ScenarioNode x_node = geo ? item.at("longitude_deg") : item.at("x_m");
  const io::ScenarioNode y_node = geo ? item.at("latitude_deg") : item.at("y_m");
  auto got = [geo](const char* axis, double v) {
    return geo ? fmt::format("{} = {:.1f} m projected", axis, v) : fmt::format("{:g}", v);
  };
  if (p.x_m < d.x_min_m || p.x_m > d.x_max_m)
    x_node.fail(fmt::format("must lie inside the domain's x range [{:g}, {:g}] m (got {}); move the point "
                            "or widen domain.x_min_m/x_max_m", d.x_min_m, d.x_max_m, got("x", p.x_m)));
  if (p.y_m < d.y_min_m || p.y_m > d.y_max_m)
    y_node.fail(fmt::format("must lie inside the domain's y range [{:g}, {:g}] m (got {}); move the point "
                            "or widen domain.y_min_m/y_max_m", d.y_min_m, d.y_max_m, got("y", p.y_m)));
}

// Warnings placed like errors ("file:line:col: key: message"), logged only once the whole section has been
// read without error, so that a scenario that fails prints its one error line and nothing else.
using Warnings = std::vector<std::string>;
void warn_at(Warnings& warnings, const io::ScenarioNode& node, const std::string& message) {
  warnings.push_back(base::format_input_error(node.location(), message));
}

dsp::Domain read_domain(const io::ScenarioNode& n) {
  dsp::Domain d;
  d.x_min_m = n.at("x_min_m").number();
  d.x_max_m = n.at("x_max_m").number();
  d.y_min_m = n.at("y_min_m").number();
  d.y_max_m = n.at("y_max_m").number();
  d.z_max_m = n.at("z_max_m").number();
  if (d.x_max_m <= d.x_min_m) n.at("x_max_m").fail("must be greater than x_min_m");
  if (d.y_max_m <= d.y_min_m) n.at("y_max_m").fail("must be greater than y_min_m");
  return d;
}

// Periods typed into the scenario.
void read_periods(const io::ScenarioNode& periods, dsp::Meteorology& met) {
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const io::ScenarioNode p = periods.item(i);
    dsp::MeteorologyPeriod period;
    period.start_s = p.at("start_s").number();
    period.wind_speed_m_s = p.at("wind_speed_m_s").number();
    period.wind_direction_deg = p.at("wind_direction_deg").number();
    period.stability = stability_of(p.at("stability_class").text());
    period.mixing_height_m = p.at("mixing_height_m").number();
    if (i == 0 && period.start_s != 0.0) p.at("start_s").fail("the first period must start at 0");
    if (i > 0 && period.start_s <= met.periods.back().start_s)
      p.at("start_s").fail("must be later than the previous period's start_s");
    met.periods.push_back(period);
  }
}

// True when the written document has rest.key under w (rest a dotted path). Recursive on purpose: assigning a
// ScenarioNode assigns its YAML::Node, which in yaml-cpp rebinds the node inside the tree it belongs to (an
// earlier loop `w = w.at(part)` turned the written root into its `dispersion` map, so a second call failed).
bool written_has(const io::ScenarioNode& w, const std::string& rest, const std::string& key) {
  if (rest.empty()) return w.has(key);
  const auto dot = rest.find('.');
  const std::string part = rest.substr(0, dot);
  return w.has(part) && written_has(w.at(part), dot == std::string::npos ? "" : rest.substr(dot + 1), key);
}

// True when the user wrote `key` of section n (in the file or by --set), not its default.
bool user_gave(const io::ScenarioNode& n, const std::string& key) {
  if (n.document().overridden(n.path() + "." + key)) return true;
  return written_has(n.document().written_root(), n.path(), key);
}

// Periods from `file` (CSV or AERMET), relative to the scenario file.
void read_meteorology_file(const io::ScenarioNode& n, dsp::Meteorology& met) {
  const io::ScenarioNode file = n.at("file");
  MeteorologyFileSettings settings;
  const std::string& scenario_file = n.document().file();
  settings.path = std::filesystem::absolute(scenario_file).parent_path() / file.text();
  if (!std::filesystem::is_regular_file(settings.path))
    file.fail(fmt::format("cannot open the meteorology file (got '{}', looked for {}); give a path relative to the "
                          "scenario file", file.text(), settings.path.string()));
  settings.time_step_s = n.at("time_step_s").number();
  settings.calm_threshold_m_s = n.at("calm_threshold_m_s").number();
  settings.max_gap_s = n.at("max_gap_s").number();
  settings.reference_height_m = met.reference_height_m;
  settings.surface = met.surface;
  settings.potential_temperature_gradient_K_m = n.at("potential_temperature_gradient_K_m").number();
  const io::ScenarioNode site = n.at("site");
  if (site.has("latitude_deg") != site.has("longitude_deg"))
    site.fail("give both latitude_deg and longitude_deg, or neither");
  if (site.has("latitude_deg"))
    settings.site = SiteLocation{site.at("latitude_deg").number(), site.at("longitude_deg").number()};
  std::string format = n.at("format").text();
  if (format == "auto") {
    std::string ext = settings.path.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    format = ext == ".sfc" ? "aermet" : "csv";
  }
  std::filesystem::path profile;
  if (n.has("profile_file")) {
    if (format != "aermet") n.at("profile_file").fail("is only read beside an AERMET .SFC file; remove it");
    profile = std::filesystem::absolute(scenario_file).parent_path() / n.at("profile_file").text();
    if (!std::filesystem::is_regular_file(profile))
      n.at("profile_file").fail(fmt::format("cannot open the profile file (got '{}', looked for {})",
                                            n.at("profile_file").text(), profile.string()));
  }
  const MeteorologyRecords records =
      format == "aermet" ? read_aermet_surface(settings, profile) : read_meteorology_csv(settings);
  if (records.height_from_file && user_gave(n, "reference_height_m") &&
      std::abs(records.reference_height_m - met.reference_height_m) > 1e-9)
    n.at("reference_height_m").fail(fmt::format("differs from the wind height the file states ({:g} m) (got {:g} m); "
                                                "remove this key or correct the file",
                                                records.reference_height_m, met.reference_height_m));
  met.reference_height_m = records.reference_height_m;
  met.periods = records.periods;
  met.source = settings.path.filename().string();
  met.source_method = records.method;
  met.local_midnight_s = records.first_local_midnight_s;
}

dsp::Meteorology read_meteorology(const io::ScenarioNode& n) {
  dsp::Meteorology met;
  met.reference_height_m = n.at("reference_height_m").number();
  met.terrain = n.at("terrain").text() == "urban" ? dsp::Terrain::Urban : dsp::Terrain::Rural;
  met.wind_profile =
      n.at("wind_profile").text() == "uniform" ? dsp::WindProfileKind::Uniform : dsp::WindProfileKind::PowerLaw;
  met.turbulence =
      n.at("turbulence").text() == "similarity" ? dsp::TurbulenceModel::Similarity : dsp::TurbulenceModel::Briggs;
  met.ambient_temperature_K = n.at("ambient_temperature_K").number();
  const io::ScenarioNode surface = n.at("surface");
  met.surface.roughness_length_m = surface.at("roughness_length_m").number();
  met.surface.albedo = surface.at("albedo").number();
  met.surface.bowen_ratio = surface.at("bowen_ratio").number();
  if (n.has("file") && n.has("periods"))
    n.at("file").fail("is given beside periods; give the meteorology one way: remove the periods or the file");
  if (n.has("file")) read_meteorology_file(n, met);
  else if (n.has("periods")) read_periods(n.at("periods"), met);
  else n.fail("has neither periods nor file; give a list of periods or a meteorology file");
  return met;
}

// --- Site geometry: source types (twins/dispersion/site_sources.hpp). ---
dsp::SourceType source_type_of(const std::string& name) {
  if (name == "area") return dsp::SourceType::Area;
  if (name == "volume") return dsp::SourceType::Volume;
  if (name == "line") return dsp::SourceType::Line;
  return dsp::SourceType::Point;
}

// The node of a key relative to `n`, e.g. "vertices[2]" or "width_m" (the deepest one that exists).
io::ScenarioNode node_at(const io::ScenarioNode& n, const std::string& relative_key) {
  const std::size_t bracket = relative_key.find('[');
  const std::string key = relative_key.substr(0, bracket);
  if (!n.has(key)) return n;
  if (bracket == std::string::npos) return n.at(key);
  const std::size_t index = std::stoul(relative_key.substr(bracket + 1));
  const io::ScenarioNode list = n.at(key);
  return index < list.size() ? list.item(index) : list;
}

void read_source_geometry(const io::ScenarioNode& n, const dsp::Domain& domain, const MapFrame& frame,
                          dsp::Source& s) {
  const std::string type = n.at("type").text();
  s.type = source_type_of(type);
  const bool point_like = s.type == dsp::SourceType::Point || s.type == dsp::SourceType::Volume;
  // Keys of another type are refused: they would silently do nothing.
  const std::vector<std::pair<const char*, bool>> own = {
      {"x_m", point_like}, {"y_m", point_like}, {"latitude_deg", point_like}, {"longitude_deg", point_like},
      {"vertices", !point_like},
      {"width_m", s.type == dsp::SourceType::Line}, {"sigma_y0_m", s.type == dsp::SourceType::Volume},
      {"sigma_z0_m", s.type == dsp::SourceType::Volume}, {"emission_rate_kg_s_m2", s.type == dsp::SourceType::Area},
      {"emission_rate_kg_s_m", s.type == dsp::SourceType::Line}};
  for (const auto& [key, allowed] : own)
    if (!allowed && n.has(key))
      n.at(key).fail(fmt::format("does not apply to a source of type {}; remove it or change the type", type));
  for (const auto& [key, allowed] : own) {
    const std::string k = key;
    const bool position = k == "x_m" || k == "y_m" || k == "latitude_deg" || k == "longitude_deg";
    if (allowed && !n.has(k) && k.rfind("emission_rate", 0) != 0 && !position)
      n.fail(fmt::format("a source of type {} needs '{}': add it", type, k));
  }
  if (point_like) {
    const dsp::Vertex p = read_position(n, frame);
    require_inside(domain, n, p);
    s.x_m = p.x_m;
    s.y_m = p.y_m;
  } else {
    const io::ScenarioNode vertices = n.at("vertices");
    for (std::size_t i = 0; i < vertices.size(); ++i) {
      const dsp::Vertex p = read_position(vertices.item(i), frame);
      require_inside(domain, vertices.item(i), p);
      s.vertices.push_back(p);
    }
  }
  if (n.has("width_m")) s.width_m = n.at("width_m").number();
  if (n.has("sigma_y0_m")) s.sigma_y0_m = n.at("sigma_y0_m").number();
  if (n.has("sigma_z0_m")) s.sigma_z0_m = n.at("sigma_z0_m").number();
}

// After the stack keys are read: the type's own checks, located; the centroid of an area or road; a rate per
// square metre or per metre turned into the source's total.
void finish_source_geometry(const io::ScenarioNode& n, dsp::Source& s) {
  try {
    dsp::validate_source_geometry(s);
  } catch (const base::InputError& e) {
    node_at(n, e.where().key).fail(e.message());
  }
  if (s.type == dsp::SourceType::Area || s.type == dsp::SourceType::Line) {
    dsp::Vertex c{0.0, 0.0};  // an area's centroid; a road's mean vertex (outputs only)
    if (s.type == dsp::SourceType::Area) {
      c = dsp::polygon_centroid(s.vertices);
    } else {
      for (const dsp::Vertex& v : s.vertices) c = {c.x_m + v.x_m / s.vertices.size(), c.y_m + v.y_m / s.vertices.size()};
    }
    s.x_m = c.x_m;
    s.y_m = c.y_m;
  }
  for (const char* key : {"emission_rate_kg_s_m2", "emission_rate_kg_s_m"}) {
    if (!n.has(key)) continue;
    if (n.has("emission_rate_kg_s") || !s.schedule.empty())
      n.at(key).fail("give one rate: this, emission_rate_kg_s or a schedule (of total kg/s)");
    s.emission_rate_kg_s = n.at(key).number() * dsp::source_area_m2(s) /
                           (s.type == dsp::SourceType::Line ? s.width_m : 1.0);
  }
}

dsp::Source read_source(const io::ScenarioNode& n, const dsp::Domain& domain, const MapFrame& frame,
                        Warnings& warnings, const std::vector<std::string>& rates_set_elsewhere) {
  dsp::Source s;
  s.name = n.at("name").text();
  read_source_geometry(n, domain, frame, s);
  s.height_m = n.at("height_m").number();
  if (s.height_m >= domain.z_max_m) n.at("height_m").fail("must be below the domain top z_max_m");
  if (n.has("emission_rate_kg_s")) s.emission_rate_kg_s = n.at("emission_rate_kg_s").number();
  s.diameter_m = n.at("diameter_m").number();
  s.exit_velocity_m_s = n.at("exit_velocity_m_s").number();
  s.exit_temperature_K = n.at("exit_temperature_K").number();
  if (s.exit_velocity_m_s > 0.0 && s.diameter_m <= 0.0)
    n.at("diameter_m").fail("must be > 0 when exit_velocity_m_s is given (plume rise needs it)");
  const io::ScenarioNode schedule = n.at("schedule");
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    const io::ScenarioNode e = schedule.item(i);
    dsp::EmissionPoint point{e.at("time_s").number(), e.at("rate_kg_s").number()};
    if (!s.schedule.empty() && point.time_s <= s.schedule.back().time_s)
      e.at("time_s").fail("must be later than the previous schedule entry");
    s.schedule.push_back(point);
  }
  if (n.has("emission_rate_kg_s") && !s.schedule.empty())
    n.at("emission_rate_kg_s").fail(fmt::format("is ignored when a schedule is given (got {:g} beside a schedule of {} "
                                                "entries); give one of them: remove this key or the schedule",
                                                s.emission_rate_kg_s, s.schedule.size()));
  finish_source_geometry(n, s);
  const bool rate_given = n.has("emission_rate_kg_s") || n.has("emission_rate_kg_s_m2") || n.has("emission_rate_kg_s_m");
  const bool set_elsewhere =
      std::find(rates_set_elsewhere.begin(), rates_set_elsewhere.end(), s.name) != rates_set_elsewhere.end();
  if (!rate_given && s.schedule.empty() && !set_elsewhere)
    warn_at(warnings, n, "has neither emission_rate_kg_s nor a schedule: it emits nothing; give one of them");
  return s;
}

// --- Site geometry: receptor networks (twins/dispersion/receptor_network.hpp). ---
dsp::ReceptorNetwork read_receptor_network(const io::ScenarioNode& n, const MapFrame& frame) {
  dsp::ReceptorNetwork net;
  net.name = n.at("name").text();
  const std::string type = n.at("type").text();
  auto need = [&](const char* key) {
    if (!n.has(key)) n.fail(fmt::format("a {} network needs '{}': add it", type, key));
    return n.at(key);
  };
  net.z_m = n.at("z_m").number();
  if (type == "grid" || type == "polar") {
    const dsp::Vertex origin = read_position(n, frame);
    net.origin_x_m = origin.x_m;
    net.origin_y_m = origin.y_m;
  } else {
    for (const char* key : {"x_m", "y_m", "latitude_deg", "longitude_deg"})
      if (n.has(key)) n.at(key).fail("does not apply to a points network: each point has its own position");
  }
  if (type == "grid") {
    net.kind = dsp::ReceptorNetworkKind::Cartesian;
    net.dx_m = need("dx_m").number();
    net.dy_m = need("dy_m").number();
    net.nx = static_cast<int>(need("nx").integer());
    net.ny = static_cast<int>(need("ny").integer());
  } else if (type == "polar") {
    net.kind = dsp::ReceptorNetworkKind::Polar;
    net.radii_m = need("radii_m").numbers();
    if (net.radii_m.empty()) n.at("radii_m").fail("must hold at least one radius");
    for (std::size_t j = 0; j < net.radii_m.size(); ++j)
      if (!(net.radii_m[j] > 0.0) || (j > 0 && net.radii_m[j] <= net.radii_m[j - 1]))
        n.at("radii_m").fail(fmt::format("must be > 0 and increasing (got {:g} at position {})", net.radii_m[j], j));
    if (n.has("directions") == n.has("angular_step_deg"))
      n.fail("a polar network needs one of 'directions' or 'angular_step_deg': give exactly one");
    if (n.has("directions")) {
      net.directions = static_cast<int>(n.at("directions").integer());
    } else {
      const double step = n.at("angular_step_deg").number();
      const double count = 360.0 / step;
      if (std::abs(count - std::round(count)) > 1e-9 * count)
        n.at("angular_step_deg").fail(fmt::format("must divide 360 a whole number of times (got {:g}); use e.g. 10, "
                                                  "22.5 or 30", step));
      net.directions = static_cast<int>(std::round(count));
    }
    net.first_direction_deg = n.at("first_direction_deg").number();
  } else {
    net.kind = dsp::ReceptorNetworkKind::Points;
    const io::ScenarioNode points = need("points");
    if (points.size() == 0) points.fail("must hold at least one point");
    for (std::size_t k = 0; k < points.size(); ++k) {
      const io::ScenarioNode p = points.item(k);
      const dsp::Vertex at = read_position(p, frame);
      net.points.push_back({at.x_m, at.y_m, p.at("z_m").number()});
    }
  }
  return net;
}

// Every network expanded after the discrete receptors; each receptor must lie inside the domain and below
// its top (both models evaluate it).
void read_receptor_networks(const io::ScenarioNode& list, const MapFrame& frame, dsp::Config& c) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const io::ScenarioNode n = list.item(i);
    c.receptor_networks.push_back(read_receptor_network(n, frame));
    for (std::size_t k = 0; k < i; ++k)
      if (c.receptor_networks[k].name == c.receptor_networks.back().name)
        n.at("name").fail(fmt::format("repeats the name of receptor_networks[{}] ('{}'); give each network its own", k,
                                      c.receptor_networks[k].name));
    std::vector<dsp::Receptor> expanded;
    try {
      expanded = dsp::expand_receptor_network(c.receptor_networks.back(), static_cast<int>(i));
    } catch (const base::InputError& e) {
      n.fail(e.where().key + ": " + e.message());
    }
    for (const dsp::Receptor& r : expanded) {
      const dsp::Domain& d = c.domain;
      if (r.x_m < d.x_min_m || r.x_m > d.x_max_m || r.y_m < d.y_min_m || r.y_m > d.y_max_m || r.z_m > d.z_max_m)
        n.fail(fmt::format("receptor {} at ({:g}, {:g}, {:g}) m lies outside the domain; shrink or move the network, "
                           "or widen the domain", r.name, r.x_m, r.y_m, r.z_m));
    }
    c.receptors.insert(c.receptors.end(), expanded.begin(), expanded.end());
  }
}

// Compliance block: dispersion.limits and dispersion.averaging (design_value.hpp).
dsp::ComplianceSettings read_compliance(const io::ScenarioNode& section) {
  dsp::ComplianceSettings c;
  const io::ScenarioNode averaging = section.at("averaging");
  c.ranks = static_cast<int>(averaging.at("ranks").integer());
  c.day_origin_s = averaging.at("day_start_s").number();
  if (c.day_origin_s >= 86400.0)
    averaging.at("day_start_s").fail(fmt::format("must be below 86400 s, the first midnight (got {:g}); give the "
                                                 "time of day's offset from the start", c.day_origin_s));
  const io::ScenarioNode limits = section.at("limits");
  for (std::size_t i = 0; i < limits.size(); ++i) {
    const io::ScenarioNode n = limits.item(i);
    dsp::Limit l;
    l.name = n.at("name").text();
    for (const dsp::Limit& other : c.limits)
      if (other.name == l.name) n.at("name").fail("repeats the name of an earlier limit (got " + l.name + "); give "
                                                  "each limit its own name");
    l.value_kg_m3 = n.at("value_ug_m3").number() * 1e-9;  // 1 ug/m^3 = 1e-9 kg/m^3
    const std::string averaging_text = n.at("averaging").text();
    l.averaging = averaging_text == "1h"    ? dsp::AveragingPeriod::OneHour
                  : averaging_text == "8h"  ? dsp::AveragingPeriod::EightHour
                  : averaging_text == "24h" ? dsp::AveragingPeriod::Day
                                            : dsp::AveragingPeriod::Period;
    l.allowed_exceedances = static_cast<int>(n.at("allowed_exceedances").integer());
    l.statistic = n.at("statistic").text() == "percentile" ? dsp::LimitStatistic::PercentileOfDailyMaxima
                                                           : dsp::LimitStatistic::NthHighest;
    l.percentile = n.at("percentile").number();
    l.source = n.at("source").text();
    if (l.statistic == dsp::LimitStatistic::PercentileOfDailyMaxima && l.averaging == dsp::AveragingPeriod::Period)
      n.at("statistic").fail("percentile needs daily maxima, which an annual mean does not have (got percentile "
                             "with averaging annual); use nth_highest or a 1h, 8h or 24h averaging");
    if (l.averaging == dsp::AveragingPeriod::Period && l.allowed_exceedances > 0)
      n.at("allowed_exceedances").fail(fmt::format("an annual mean is one value and cannot be exceeded {} times; "
                                                   "use 0", l.allowed_exceedances));
    c.limits.push_back(l);
  }
  if (!c.limits.empty() && !section.at("plume").at("enabled").boolean())
    limits.item(0).at("name").fail("limits are checked on the plume model's results; enable dispersion.plume or "
                                   "remove dispersion.limits");
  return c;
}

}  // namespace

dsp::Config dispersion_config(const io::ScenarioNode& section, const std::vector<std::string>& rates_set_elsewhere) {
  dsp::Config c;
  const MapFrame frame = read_map_frame(section);
  if (frame.projection) c.crs = frame.projection->code();
  c.domain = read_domain(section.at("domain"));
  c.meteorology = read_meteorology(section.at("meteorology"));

  const io::ScenarioNode pollutant = section.at("pollutant");
  c.pollutant.name = pollutant.at("name").text();
  c.pollutant.decay_rate_1_s = pollutant.at("decay_rate_1_s").number();
  c.pollutant.deposition_velocity_m_s = pollutant.at("deposition_velocity_m_s").number();
  c.pollutant.threshold_kg_m3 = pollutant.at("threshold_kg_m3").number();

  Warnings warnings;
  const io::ScenarioNode sources = section.at("sources");
  for (std::size_t i = 0; i < sources.size(); ++i)
    c.sources.push_back(read_source(sources.item(i), c.domain, frame, warnings, rates_set_elsewhere));

  const io::ScenarioNode receptors = section.at("receptors");
  for (std::size_t i = 0; i < receptors.size(); ++i) {
    const io::ScenarioNode r = receptors.item(i);
    const dsp::Vertex p = read_position(r, frame);
    require_inside(c.domain, r, p);
    const double z = r.at("z_m").number();
    if (z > c.domain.z_max_m) r.at("z_m").fail("must be at or below the domain top z_max_m");
    c.receptors.push_back({r.at("name").text(), p.x_m, p.y_m, z});
  }
  const std::size_t discrete_receptors = c.receptors.size();
  read_receptor_networks(section.at("receptor_networks"), frame, c);

  const io::ScenarioNode plume = section.at("plume");
  c.plume.enabled = plume.at("enabled").boolean();
  c.plume.grid_nx = static_cast<int>(plume.at("grid_nx").integer());
  c.plume.grid_ny = static_cast<int>(plume.at("grid_ny").integer());
  c.plume.grid_height_m = plume.at("grid_height_m").number();
  const std::string grid_series = plume.at("grid_series").text();
  c.plume.grid_series = grid_series == "all"          ? dsp::GridSeries::All
                        : grid_series == "statistics" ? dsp::GridSeries::Statistics
                                                      : dsp::GridSeries::Auto;
  c.compliance = read_compliance(section);
  // Days start at the meteorology file's local midnight unless averaging.day_start_s is written.
  if (c.meteorology.local_midnight_s >= 0.0 && !user_gave(section.at("averaging"), "day_start_s"))
    c.compliance.day_origin_s = c.meteorology.local_midnight_s;

  const io::ScenarioNode eul = section.at("eulerian");
  auto& e = c.eulerian;
  e.enabled = eul.at("enabled").boolean();
  e.nx = static_cast<int>(eul.at("nx").integer());
  e.ny = static_cast<int>(eul.at("ny").integer());
  e.nz = static_cast<int>(eul.at("nz").integer());
  e.duration_s = eul.at("duration_s").number();
  e.output_interval_s = eul.at("output_interval_s").number();
  if (e.output_interval_s > e.duration_s) eul.at("output_interval_s").fail("must not exceed duration_s");
  e.courant = eul.at("courant").number();
  e.diffusivity = eul.at("diffusivity").text() == "constant" ? dsp::DiffusivityMode::Constant
                                                             : dsp::DiffusivityMode::Stability;
  e.kh_m2_s = eul.at("kh_m2_s").number();
  e.kz_m2_s = eul.at("kz_m2_s").number();
  e.reference_distance_m = eul.at("reference_distance_m").number();
  e.lateral_travel_distance_m = eul.at("lateral_travel_distance_m").number();
  e.lateral = eul.at("lateral").text() == "closed" ? dsp::LateralBoundary::Closed : dsp::LateralBoundary::Open;
  e.top = eul.at("top").text() == "open" ? dsp::TopBoundary::Open : dsp::TopBoundary::Lid;
  // Site scale (issue 14, D3): stretched layers and the vertical scheme.
  e.first_layer_m = eul.at("first_layer_m").number();
  e.stretch = eul.at("stretch").number();
  if (e.first_layer_m > 0.0 && e.stretch > 0.0)
    eul.at("stretch").fail("give first_layer_m or stretch, not both (the other follows from nz and z_max_m)");
  if (e.first_layer_m > 0.0 && e.first_layer_m > c.domain.z_max_m / e.nz)
    eul.at("first_layer_m").fail(fmt::format("must be at most z_max_m / nz = {:g} m (got {:g}); use a thinner first "
                                             "layer or fewer layers", c.domain.z_max_m / e.nz, e.first_layer_m));
  if (e.stretch > 0.0 && e.stretch < 1.0)
    eul.at("stretch").fail(fmt::format("must be >= 1 (got {:g}); layers grow upwards", e.stretch));
  {
    const std::string v = eul.at("vertical_diffusion").text();
    e.vertical_diffusion = v == "explicit"   ? dsp::VerticalDiffusionMode::Explicit
                           : v == "implicit" ? dsp::VerticalDiffusionMode::Implicit
                                             : dsp::VerticalDiffusionMode::Auto;
  }
  if (e.enabled) {
    const double outputs = std::floor(e.duration_s / e.output_interval_s) + 2.0;
    const double values = outputs * double(e.nx) * double(e.ny) * double(e.nz);
    if (values > max_stored_values)
      eul.at("output_interval_s").fail("too many stored values (" + std::to_string(values) +
                                       "); use fewer cells or a longer output interval");
  }
  if (!c.plume.enabled && !e.enabled) plume.at("enabled").fail("enable at least one model (plume or eulerian)");
  // Sensors where a model's figures cannot be trusted (validity.hpp): a warning at the sensor.
  // A network's receptors: one warning per network and model, counting them (a grid may hold thousands).
  std::vector<std::array<std::set<std::size_t>, 2>> network_issues(c.receptor_networks.size());
  for (const dsp::RangeIssue& issue : dsp::trusted_range_issues(c)) {
    if (issue.receptor < discrete_receptors) warn_at(warnings, receptors.item(issue.receptor), issue.message);
    else network_issues[c.receptors[issue.receptor].network][issue.model == dsp::Model::Plume ? 0 : 1].insert(issue.receptor);
  }
  for (std::size_t n = 0; n < network_issues.size(); ++n)
    for (std::size_t m = 0; m < 2; ++m)
      if (!network_issues[n][m].empty())
        warn_at(warnings, section.at("receptor_networks").item(n),
                fmt::format("{} of its receptors lie outside the {} model's trusted distances from the sources "
                            "(docs/dispersion.md, \"Where each model can be trusted\")", network_issues[n][m].size(),
                            m == 0 ? "plume" : "Eulerian"));
  for (const std::string& w : warnings) spdlog::warn("{}", w);
  return c;
}

}  // namespace twinlab::scenarios
