#include "scenarios/dispersion/config.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "scenarios/dispersion/aermet_files.hpp"
#include "scenarios/dispersion/meteorology_file.hpp"
#include "twins/dispersion/validity.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

// Eulerian outputs are kept in memory until written: refuse runs that cannot fit (8 bytes a value).
constexpr double max_stored_values = 5.0e8;  // 4 GB

dsp::StabilityClass stability_of(const std::string& letter) {
  return static_cast<dsp::StabilityClass>(letter.at(0) - 'A');
}

void require_inside(const dsp::Domain& d, const io::ScenarioNode& item) {
  const double x = item.at("x_m").number();
  const double y = item.at("y_m").number();
  if (x < d.x_min_m || x > d.x_max_m)
    item.at("x_m").fail(fmt::format("must lie inside the domain's x range [{:g}, {:g}] m (got {:g}); move the point "
                                    "or widen domain.x_min_m/x_max_m", d.x_min_m, d.x_max_m, x));
  if (y < d.y_min_m || y > d.y_max_m)
    item.at("y_m").fail(fmt::format("must lie inside the domain's y range [{:g}, {:g}] m (got {:g}); move the point "
                                    "or widen domain.y_min_m/y_max_m", d.y_min_m, d.y_max_m, y));
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

// True when the user wrote `key` of the meteorology section (in the file or by --set), not its default.
bool user_gave(const io::ScenarioNode& n, const std::string& key) {
  if (n.document().overridden(n.path() + "." + key)) return true;
  io::ScenarioNode w = n.document().written_root();
  std::string rest = n.path();  // "dispersion.meteorology"
  while (!rest.empty()) {
    const auto dot = rest.find('.');
    const std::string part = rest.substr(0, dot);
    if (!w.has(part)) return false;
    w = w.at(part);
    rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
  }
  return w.has(key);
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

dsp::Source read_source(const io::ScenarioNode& n, const dsp::Domain& domain, Warnings& warnings) {
  dsp::Source s;
  s.name = n.at("name").text();
  require_inside(domain, n);
  s.x_m = n.at("x_m").number();
  s.y_m = n.at("y_m").number();
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
  if (!n.has("emission_rate_kg_s") && s.schedule.empty())
    warn_at(warnings, n, "has neither emission_rate_kg_s nor a schedule: it emits nothing; give one of them");
  return s;
}

}  // namespace

dsp::Config dispersion_config(const io::ScenarioNode& section) {
  dsp::Config c;
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
    c.sources.push_back(read_source(sources.item(i), c.domain, warnings));

  const io::ScenarioNode receptors = section.at("receptors");
  for (std::size_t i = 0; i < receptors.size(); ++i) {
    const io::ScenarioNode r = receptors.item(i);
    require_inside(c.domain, r);
    const double z = r.at("z_m").number();
    if (z > c.domain.z_max_m) r.at("z_m").fail("must be at or below the domain top z_max_m");
    c.receptors.push_back({r.at("name").text(), r.at("x_m").number(), r.at("y_m").number(), z});
  }

  const io::ScenarioNode plume = section.at("plume");
  c.plume.enabled = plume.at("enabled").boolean();
  c.plume.grid_nx = static_cast<int>(plume.at("grid_nx").integer());
  c.plume.grid_ny = static_cast<int>(plume.at("grid_ny").integer());
  c.plume.grid_height_m = plume.at("grid_height_m").number();

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
  e.lateral = eul.at("lateral").text() == "closed" ? dsp::LateralBoundary::Closed : dsp::LateralBoundary::Open;
  e.top = eul.at("top").text() == "open" ? dsp::TopBoundary::Open : dsp::TopBoundary::Lid;
  if (e.enabled) {
    const double outputs = std::floor(e.duration_s / e.output_interval_s) + 2.0;
    const double values = outputs * double(e.nx) * double(e.ny) * double(e.nz);
    if (values > max_stored_values)
      eul.at("output_interval_s").fail("too many stored values (" + std::to_string(values) +
                                       "); use fewer cells or a longer output interval");
  }
  if (!c.plume.enabled && !e.enabled) plume.at("enabled").fail("enable at least one model (plume or eulerian)");
  if (e.enabled && section.at("meteorology").has("file")) {
    const PeriodCounts counts = count_periods(c.meteorology.periods);
    if (counts.calm + counts.missing > 0)
      eul.at("enabled").fail(fmt::format("the Eulerian model cannot skip calm or missing hours yet (got {} calm and {} "
                                         "missing in {}); run the plume model alone or give a file without them",
                                         counts.calm, counts.missing, c.meteorology.source));
  }

  // Sensors where a model's figures cannot be trusted (validity.hpp): a warning at the sensor.
  for (const dsp::RangeIssue& issue : dsp::trusted_range_issues(c))
    warn_at(warnings, receptors.item(issue.receptor), issue.message);
  for (const std::string& w : warnings) spdlog::warn("{}", w);
  return c;
}

}  // namespace twinlab::scenarios
