#include "scenarios/dispersion/config.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

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

dsp::Meteorology read_meteorology(const io::ScenarioNode& n) {
  dsp::Meteorology met;
  met.reference_height_m = n.at("reference_height_m").number();
  met.terrain = n.at("terrain").text() == "urban" ? dsp::Terrain::Urban : dsp::Terrain::Rural;
  met.wind_profile =
      n.at("wind_profile").text() == "uniform" ? dsp::WindProfileKind::Uniform : dsp::WindProfileKind::PowerLaw;
  met.ambient_temperature_K = n.at("ambient_temperature_K").number();
  const io::ScenarioNode periods = n.at("periods");
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
  for (const dsp::RangeIssue& issue : dsp::trusted_range_issues(c))
    warn_at(warnings, receptors.item(issue.receptor), issue.message);
  for (const std::string& w : warnings) spdlog::warn("{}", w);
  return c;
}

}  // namespace twinlab::scenarios
