#include "scenarios/dispersion/render.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "io/hdf5_inspect.hpp"
#include "io/scenario_document.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/twin.hpp"
#include "viz/field_picture.hpp"
#include "viz/xy_chart.hpp"

namespace twinlab::scenarios {
namespace {

constexpr double kUgPerKg = 1e9;  // kg/m^3 -> ug/m^3

// One model's ground-level maps and sensor series, in ug/m^3.
struct ModelMaps {
  std::string group, label;  // label: the model and the height of its map ("Eulerian at 25 m")
  std::string model;         // the model alone (sensor charts: a sensor has its own height)
  bool steady_periods = false;  // the plume: each map holds from its time until the next
  std::vector<double> time_s, x_m, y_m;
  double end_s = 0.0;  // the end of the last period (plume) or the last output time (Eulerian)
  std::vector<std::vector<double>> maps;  // [time] -> ny * nx, x fastest
  std::vector<std::string> receptors;
  std::vector<double> receptor_x, receptor_y;
  std::vector<std::vector<double>> receptor_series;  // [receptor] -> per time

  // The map in force at time t: the last one at or before t (the first when t is earlier).
  std::size_t frame_at(double t) const {
    std::size_t k = 0;
    while (k + 1 < time_s.size() && time_s[k + 1] <= t + 1e-9) ++k;
    return k;
  }
};

ModelMaps read_model(const std::filesystem::path& file, const std::string& group, const std::string& model,
                     const std::string& label) {
  ModelMaps m;
  m.group = group;
  m.model = model;
  m.label = label;
  m.steady_periods = group == "plume";
  const std::string g = "/" + group + "/";
  m.time_s = io::read_double_dataset(file, g + "time");
  m.end_s = m.time_s.empty() ? 0.0 : m.time_s.back();
  if (m.steady_periods && io::hdf5_object_exists(file, g + "period_duration") && !m.time_s.empty())
    m.end_s += io::read_double_dataset(file, g + "period_duration").back();
  m.x_m = io::read_double_dataset(file, g + "x");
  m.y_m = io::read_double_dataset(file, g + "y");
  const std::vector<double> c = io::read_double_dataset(file, g + "concentration");
  const std::size_t nx = m.x_m.size(), ny = m.y_m.size(), nt = m.time_s.size();
  // The plume stores (time, y, x) at the ground-level height; the Eulerian model (time, z, y, x): its lowest
  // layer of cells is the ground-level map.
  const std::size_t per_time = nt == 0 ? 0 : c.size() / nt;
  if (nt == 0 || per_time < nx * ny || per_time % (nx * ny) != 0)
    throw std::runtime_error(file.string() + ": " + g + "concentration does not match its time, y and x");
  for (std::size_t t = 0; t < nt; ++t) {
    std::vector<double> map(c.begin() + static_cast<std::ptrdiff_t>(t * per_time),
                            c.begin() + static_cast<std::ptrdiff_t>(t * per_time + nx * ny));
    for (double& v : map) v *= kUgPerKg;
    m.maps.push_back(std::move(map));
  }
  if (io::hdf5_object_exists(file, g + "receptor")) {
    m.receptors = io::read_string_dataset(file, g + "receptor");
    m.receptor_x = io::read_double_dataset(file, g + "receptor_x");
    m.receptor_y = io::read_double_dataset(file, g + "receptor_y");
    const std::vector<double> series = io::read_double_dataset(file, g + "receptor_concentration");
    const std::size_t nr = m.receptors.size();
    m.receptor_series.assign(nr, {});
    for (std::size_t t = 0; t < nt && nr > 0; ++t)
      for (std::size_t r = 0; r < nr; ++r) m.receptor_series[r].push_back(series.at(t * nr + r) * kUgPerKg);
  }
  return m;
}

struct WindPeriod {
  double start_s, speed_m_s, direction_deg;
};

// What the stored scenario says: the threshold and the wind of each period typed into the file.
struct ScenarioFacts {
  double threshold_ug_m3 = 0.0;
  std::vector<WindPeriod> wind;
};

ScenarioFacts scenario_facts(const std::filesystem::path& file, PictureSet& pictures) {
  ScenarioFacts facts;
  io::ScenarioDocument document =
      io::ScenarioDocument::load_text(io::read_root_text_attribute(file, "scenario"), file.string() + ":scenario");
  document.resolve(scenario_schema(*find_twin("dispersion")));
  const io::ScenarioNode section = document.root().at("dispersion");
  facts.threshold_ug_m3 = section.at("pollutant").at("threshold_kg_m3").number() * kUgPerKg;
  const io::ScenarioNode met = section.at("meteorology");
  if (met.has("periods")) {
    const io::ScenarioNode periods = met.at("periods");
    for (std::size_t i = 0; i < periods.size(); ++i) {
      const io::ScenarioNode p = periods.item(i);
      facts.wind.push_back({p.at("start_s").number(), p.at("wind_speed_m_s").number(), p.at("wind_direction_deg").number()});
    }
  }
  if (facts.wind.empty()) pictures.note("no wind arrow: the meteorology comes from a file, not typed periods");
  return facts;
}

std::string hours(double t_s) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.4g h", t_s / 3600.0);
  return buffer;
}

// Frame times: every output time of any model (a model's panel shows its map in force then), or max_frames
// of them evenly spaced plus the time of the highest map value.
std::vector<double> frame_times(const std::vector<ModelMaps>& models, int max_frames) {
  std::vector<double> all;
  double peak_time = 0.0, peak_value = -1.0;
  for (const ModelMaps& m : models)
    for (std::size_t t = 0; t < m.time_s.size(); ++t) {
      all.push_back(m.time_s[t]);
      const double v = *std::max_element(m.maps[t].begin(), m.maps[t].end());
      if (v > peak_value) peak_value = v, peak_time = m.time_s[t];
    }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end(), [](double a, double b) { return std::abs(a - b) < 1e-6; }), all.end());
  const std::size_t n = all.size();
  if (max_frames <= 0 || n <= static_cast<std::size_t>(max_frames)) return all;
  std::set<double> chosen{peak_time};
  for (int k = 0; k < max_frames; ++k)
    chosen.insert(all[static_cast<std::size_t>(std::llround(k * (n - 1.0) / std::max(1, max_frames - 1)))]);
  return {chosen.begin(), chosen.end()};
}

}  // namespace

void render_dispersion_results(const std::filesystem::path& file, const RenderOptions& options, PictureSet& pictures) {
  std::vector<ModelMaps> models;
  // Each panel says the height its map is at: the plume's receptor height, the Eulerian lowest cell centre.
  auto height_label = [&](const std::string& group, const std::string& model) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%s at %.3g m", model.c_str(),
                  io::read_double_attribute(file, "/" + group, "ground_level_height_m"));
    return std::string(buffer);
  };
  if (io::hdf5_object_exists(file, "/plume/concentration"))
    models.push_back(read_model(file, "plume", "Gaussian plume", height_label("plume", "Gaussian plume")));
  if (io::hdf5_object_exists(file, "/eulerian/concentration"))
    models.push_back(read_model(file, "eulerian", "Eulerian", height_label("eulerian", "Eulerian")));
  if (models.empty()) {
    pictures.note("no concentration maps in " + file.string() + " (no plume or eulerian group)");
    return;
  }
  const std::string name = io::read_string_attribute(file, "/", "scenario_name");
  const std::string pollutant = io::read_string_attribute(file, "/", "pollutant");
  const ScenarioFacts facts = scenario_facts(file, pictures);

  std::vector<viz::MapMarker> markers;
  if (io::hdf5_object_exists(file, "/sources/source")) {
    const auto names = io::read_string_dataset(file, "/sources/source");
    const auto x = io::read_double_dataset(file, "/sources/x"), y = io::read_double_dataset(file, "/sources/y");
    for (std::size_t i = 0; i < names.size(); ++i) markers.push_back({x[i], y[i], names[i], true});
  }
  for (std::size_t r = 0; r < models.front().receptors.size(); ++r)
    markers.push_back({models.front().receptor_x[r], models.front().receptor_y[r], models.front().receptors[r], false});

  // One colour scale for every frame and model: four decades below the highest value.
  double high = 0.0;
  for (const ModelMaps& m : models)
    for (const auto& map : m.maps)
      for (double v : map)
        if (std::isfinite(v)) high = std::max(high, v);
  if (!(high > 0.0)) {
    pictures.note("every concentration map is zero: no maps drawn");
  } else {
    viz::FieldPicture picture;
    picture.units = "ug/m3";
    picture.high = high;
    picture.low = high * 1e-4;
    if (facts.threshold_ug_m3 > 0.0)
      picture.contours = {facts.threshold_ug_m3, facts.threshold_ug_m3 / 2, facts.threshold_ug_m3 / 10};
    picture.panel_width_px = models.size() > 1 ? 600 : 720;
    const std::vector<double> times = frame_times(models, options.max_frames);
    for (std::size_t f = 0; f < times.size(); ++f) {
      picture.panels.clear();
      for (const ModelMaps& m : models) {
        const std::size_t k = m.frame_at(times[f]);
        viz::FieldPanel panel;
        panel.title = m.label + (m.steady_periods ? ", hour from " : ", t = ") + hours(m.time_s[k]);
        panel.x_m = m.x_m;
        panel.y_m = m.y_m;
        panel.values = m.maps[k];
        panel.markers = markers;
        for (const WindPeriod& w : facts.wind)
          if (w.start_s <= times[f] + 1e-9) panel.wind = viz::WindArrow{w.direction_deg, w.speed_m_s};
        picture.panels.push_back(std::move(panel));
      }
      picture.title = name + ": ground-level " + pollutant + ", t = " + hours(times[f]);
      char file_name[64];
      std::snprintf(file_name, sizeof file_name, "concentration_%04zu.png", f);
      viz::render_field_png(picture, pictures.add(file_name, "concentration_map",
                                                  "ground-level concentration [ug/m3], frame " + std::to_string(f),
                                                  times[f]));
    }
    if (options.max_frames > 0 && times.size() > 0 &&
        (times.size() < models.front().time_s.size() || times.size() < models.back().time_s.size() ||
         static_cast<int>(times.size()) > options.max_frames))
      pictures.note("maps at " + std::to_string(times.size()) + " chosen output times (--max-frames " +
                    std::to_string(options.max_frames) + ")");
  }

  // One chart per sensor: each model's concentration over time, and the threshold.
  const ModelMaps& first = models.front();
  for (std::size_t r = 0; r < first.receptors.size(); ++r) {
    viz::Chart chart;
    chart.title = name + ": " + pollutant + " at sensor " + first.receptors[r];
    chart.x_title = "time [h]";
    chart.y_title = "concentration [ug/m3]";
    double t_end = 0.0;
    for (std::size_t mi = 0; mi < models.size(); ++mi) {
      const ModelMaps& m = models[mi];
      const auto at = std::find(m.receptors.begin(), m.receptors.end(), first.receptors[r]);
      if (at == m.receptors.end()) continue;
      const auto& series = m.receptor_series[static_cast<std::size_t>(at - m.receptors.begin())];
      viz::ChartSeries s;
      s.name = m.model;
      s.rgb = mi == 0 ? std::array<double, 3>{0.85, 0.33, 0.1} : std::array<double, 3>{0.1, 0.35, 0.75};
      for (std::size_t t = 0; t < m.time_s.size(); ++t) {
        if (m.steady_periods && t > 0) {  // a steady value per period: a step at each period's start
          s.x.push_back(m.time_s[t] / 3600.0);
          s.y.push_back(series[t - 1]);
        }
        s.x.push_back(m.time_s[t] / 3600.0);
        s.y.push_back(series[t]);
      }
      if (m.steady_periods && m.end_s > m.time_s.back()) {  // the last period holds until its end
        s.x.push_back(m.end_s / 3600.0);
        s.y.push_back(series.back());
      }
      t_end = std::max(t_end, m.end_s / 3600.0);
      chart.series.push_back(std::move(s));
    }
    if (facts.threshold_ug_m3 > 0.0) {
      viz::ChartSeries threshold;
      threshold.name = "threshold";
      threshold.rgb = {0.0, 0.0, 0.0};
      threshold.width_px = 1.5;
      threshold.x = {0.0, std::max(t_end, 1e-3)};
      threshold.y = {facts.threshold_ug_m3, facts.threshold_ug_m3};
      chart.series.push_back(std::move(threshold));
    }
    viz::render_chart_png(chart, pictures.add("sensor_" + file_safe(first.receptors[r]) + ".png", "sensor_series",
                                              "concentration at sensor " + first.receptors[r] + " and the threshold"));
  }
}

}  // namespace twinlab::scenarios
