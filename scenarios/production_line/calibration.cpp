#include "scenarios/production_line/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <yaml-cpp/yaml.h>

namespace twinlab::scenarios {

namespace pl = twins::production_line;
using sim::LifetimeFamily;

namespace {

const std::vector<LifetimeFamily> kTimeFamilies = {LifetimeFamily::Exponential, LifetimeFamily::Weibull,
                                                   LifetimeFamily::Lognormal};
const std::vector<LifetimeFamily> kLifeFamilies = {LifetimeFamily::Exponential, LifetimeFamily::Weibull};

std::string num(double x, int digits = 6) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char text[48];
  std::snprintf(text, sizeof text, "%.*g", digits, x);
  return text;
}

FittedQuantity fit_quantity(const std::string& key, const std::vector<sim::LifetimeObservation>& data,
                            const std::vector<LifetimeFamily>& families, const CalibrationSettings& settings,
                            sim::RandomStream& stream, bool may_be_fixed) {
  FittedQuantity q;
  q.key = key;
  q.observations = data.size();
  for (const auto& o : data) q.censored += o.event ? 0 : 1;
  const std::size_t events = q.observations - q.censored;
  if (events == 0) {
    q.note = data.empty() ? "no observation in the log" : "no complete observation (all censored)";
    return q;
  }
  if (may_be_fixed && q.censored == 0) {
    const auto [lo, hi] = std::minmax_element(data.begin(), data.end(), [](const auto& a, const auto& b) {
      return a.time < b.time;
    });
    if (hi->time - lo->time <= 1e-9 * hi->time) {
      q.deterministic = true;
      q.value = hi->time;
      return q;
    }
  }
  q.fits = sim::fit_lifetime_families(data, families, settings.level);
  if (q.fits.empty()) {
    q.note = "too few distinct complete observations (" + std::to_string(events) + ")";
    return q;
  }
  if (settings.bootstrap > 0) sim::ks_bootstrap(q.fits.front(), data, settings.bootstrap, stream);
  return q;
}

nlohmann::json fit_json(const sim::LifetimeFit& f) {
  nlohmann::json parameters = nlohmann::json::object();
  for (const auto& p : f.parameters)
    parameters[p.name] = {{"value", p.value},
                          {"lower", std::isfinite(p.lower) ? nlohmann::json(p.lower) : nlohmann::json(nullptr)},
                          {"upper", std::isfinite(p.upper) ? nlohmann::json(p.upper) : nlohmann::json(nullptr)}};
  nlohmann::json j = {{"family", std::string(sim::lifetime_family_name(f.family))},
                      {"parameters", parameters},
                      {"mean_s", f.mean},
                      {"log_likelihood", f.log_likelihood},
                      {"aic", f.aic},
                      {"ks_distance", f.ks_distance}};
  j["ks_p_value"] = f.ks_p_value >= 0.0 ? nlohmann::json(f.ks_p_value) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json quantity_json(const FittedQuantity& q) {
  nlohmann::json j = {{"observations", q.observations}, {"censored", q.censored}};
  if (q.deterministic) {
    j["chosen"] = {{"family", "deterministic"}, {"value_s", q.value}};
  } else if (!q.fits.empty()) {
    j["chosen"] = fit_json(q.fits.front());
    nlohmann::json all = nlohmann::json::array();
    for (const auto& f : q.fits) all.push_back(fit_json(f));
    j["candidates"] = all;
  } else {
    j["chosen"] = nullptr;
    j["note"] = q.note;
  }
  return j;
}

// "weibull shape 1.52 [1.31, 1.75], scale 812 [744, 885] s"
std::string fit_text(const FittedQuantity& q) {
  if (q.deterministic) return "deterministic " + num(q.value) + " s";
  if (q.fits.empty()) return "(kept from the scenario: " + q.note + ")";
  const auto& f = q.fits.front();
  std::string t(sim::lifetime_family_name(f.family));
  for (std::size_t i = 0; i < f.parameters.size(); ++i) {
    const auto& p = f.parameters[i];
    t += (i ? ", " : " ") + p.name + " " + num(p.value, 4) + " [" + num(p.lower, 4) + ", " + num(p.upper, 4) + "]";
  }
  return t;
}

std::string comment_text(const FittedQuantity& q, const std::string& what, double level) {
  if (q.deterministic)
    return "calibrated: every one of " + std::to_string(q.observations) + " " + what + " lasted " + num(q.value) + " s";
  const auto& f = q.fits.front();
  std::string t = "calibrated: " + std::string(sim::lifetime_family_name(f.family)) + " by ML from " +
                  std::to_string(q.observations) + " " + what + " (" + std::to_string(q.censored) + " censored); " +
                  num(100.0 * level, 3) + " % CI";
  for (const auto& p : f.parameters)
    t += " " + p.name + (p.name == "mu" || p.name == "sigma" ? " (of ln t)" : "") + " [" + num(p.lower, 4) + ", " +
         num(p.upper, 4) + "]";
  t += "; AIC " + num(f.aic, 7);
  for (std::size_t i = 1; i < q.fits.size(); ++i)
    t += (i == 1 ? " (" : ", ") + std::string(sim::lifetime_family_name(q.fits[i].family)) + " " +
         num(q.fits[i].aic, 7) + (i + 1 == q.fits.size() ? ")" : "");
  t += "; KS D " + num(f.ks_distance, 3);
  if (f.ks_p_value >= 0.0) t += " p " + num(f.ks_p_value, 2);
  return t;
}

YAML::Node distribution_node(const sim::DistributionSpec& s) {
  YAML::Node n;
  n["distribution"] = std::string(sim::distribution_kind_name(s.kind));
  switch (s.kind) {
    case sim::DistributionKind::Deterministic: n["value"] = num(s.value, 9); break;
    case sim::DistributionKind::Exponential: n["mean"] = num(s.mean, 9); break;
    case sim::DistributionKind::Weibull:
      n["shape"] = num(s.shape, 9);
      n["scale"] = num(s.scale, 9);
      break;
    case sim::DistributionKind::Lognormal:
      n["mean"] = num(s.mean, 9);
      n["std_dev"] = num(s.std_dev, 9);
      break;
    default: break;
  }
  return n;
}

// Emits a node, block style, with a comment after the values whose dotted path is in `comments` and flow
// style for those in `flow`.
void emit(YAML::Emitter& out, const YAML::Node& node, const std::string& path,
          const std::map<std::string, std::string>& comments) {
  const bool flow = comments.count(path) > 0;
  switch (node.Type()) {
    case YAML::NodeType::Map:
      out << (flow ? YAML::Flow : YAML::Block) << YAML::BeginMap;
      for (const auto& kv : node) {
        const std::string key = kv.first.as<std::string>();
        out << YAML::Key << key << YAML::Value;
        emit(out, kv.second, path.empty() ? key : path + "." + key, comments);
      }
      out << YAML::EndMap;
      break;
    case YAML::NodeType::Sequence: {
      out << YAML::BeginSeq;
      std::size_t i = 0;
      for (const auto& item : node) emit(out, item, path + "[" + std::to_string(i++) + "]", comments);
      out << YAML::EndSeq;
      break;
    }
    default: out << node; break;
  }
  if (flow) out << YAML::Comment(comments.at(path));
}

}  // namespace

double StationCalibration::availability() const {
  return samples.machine_time_s > 0.0
             ? 1.0 - (samples.down_time_s + samples.maintenance_time_s) / samples.machine_time_s
             : std::nan("");
}

LineCalibration calibrate_line(const pl::LineConfig& base, const io::EventLog& log, const CalibrationSettings& settings) {
  LineCalibration c;
  c.events_file = log.file;
  c.level = settings.level;
  c.span_s = log.end_s - log.start_s;
  std::vector<bool> busy_life;
  for (const auto& s : base.stations) busy_life.push_back(s.failure.basis == pl::FailureBasis::Operation);
  const auto samples = station_samples(log, base.stations.size(), busy_life);
  sim::RandomStream stream(settings.seed, "calibrate");
  double sink_operations = 0.0;
  for (std::size_t i = 0; i < base.stations.size(); ++i) {
    StationCalibration s;
    s.name = base.stations[i].name;
    s.busy_life = busy_life[i];
    s.can_fail = base.stations[i].failure.basis != pl::FailureBasis::None;
    s.samples = samples[i];
    s.processing = fit_quantity("processing_time", s.samples.processing_s, kTimeFamilies, settings, stream, true);
    if (base.stations[i].failure.basis == pl::FailureBasis::Wear) {  // life in wear units: not in a log
      s.life.key = "failure.life";
      s.life.observations = s.samples.life_s.size();
      for (const auto& o : s.samples.life_s) s.life.censored += o.event ? 0 : 1;
      s.life.note = "failure basis wear: a life in wear units is not in the log";
    } else {
      s.life = fit_quantity("failure.life", s.samples.life_s, kLifeFamilies, settings, stream, false);
    }
    s.repair = fit_quantity("failure.time_to_repair", s.samples.repair_s, kTimeFamilies, settings, stream, true);
    if (base.stations[i].next.empty()) sink_operations += s.samples.completed_operations;
    c.stations.push_back(std::move(s));
  }
  c.throughput_per_s = c.span_s > 0.0 ? sink_operations / c.span_s : std::nan("");
  return c;
}

sim::DistributionSpec fitted_spec(const FittedQuantity& q) {
  if (q.deterministic) return sim::DistributionSpec::deterministic(q.value);
  const auto& f = q.fits.front();
  const auto& p = f.parameters;
  switch (f.family) {
    case LifetimeFamily::Exponential: return sim::DistributionSpec::exponential(p[0].value);
    case LifetimeFamily::Weibull: return sim::DistributionSpec::weibull(p[0].value, p[1].value);
    case LifetimeFamily::Lognormal: {
      const double s2 = p[1].value * p[1].value;
      const double mean = std::exp(p[0].value + 0.5 * s2);
      return sim::DistributionSpec::lognormal(mean, mean * std::sqrt(std::expm1(s2)));
    }
  }
  return {};
}

nlohmann::json calibration_json(const LineCalibration& c) {
  nlohmann::json stations = nlohmann::json::array();
  for (const auto& s : c.stations) {
    const auto& x = s.samples;
    stations.push_back({{"name", s.name},
                        {"life_measured_in", s.busy_life ? "busy time" : "up time"},
                        {"processing_time", quantity_json(s.processing)},
                        {"life", quantity_json(s.life)},
                        {"time_to_repair", quantity_json(s.repair)},
                        {"maintenance_actions", x.maintenance_s.size()},
                        {"completed_operations", x.completed_operations},
                        {"machine_time_s", x.machine_time_s},
                        {"up_time_s", x.up_time_s},
                        {"busy_time_s", x.busy_time_s},
                        {"down_time_s", x.down_time_s},
                        {"maintenance_time_s", x.maintenance_time_s},
                        {"availability", s.availability()}});
  }
  return {{"filetype", "twinlab calibration"},
          {"format_version", 1},
          {"events", c.events_file},
          {"confidence_level", c.level},
          {"span_s", c.span_s},
          {"log_throughput_per_s", c.throughput_per_s},
          {"stations", stations}};
}

std::string calibration_table(const LineCalibration& c) {
  std::string t = "Calibration from " + c.events_file + " (" + num(c.span_s / 3600.0, 4) + " h; " +
                  num(100.0 * c.level, 3) + " % profile-likelihood intervals)\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-14s %-15s %6s %6s  %s\n", "station", "quantity", "n", "cens", "fit");
  t += line;
  for (const auto& s : c.stations) {
    for (const FittedQuantity* q : {&s.processing, &s.life, &s.repair}) {
      // A station that cannot fail in the base and did not fail in the log: no life or repair row.
      if (q != &s.processing && !s.can_fail && q->observations == q->censored) continue;
      std::string fit = fit_text(*q);
      if (!q->fits.empty() && q->fits.front().ks_p_value >= 0.0) fit += "  KS p " + num(q->fits.front().ks_p_value, 2);
      std::snprintf(line, sizeof line, "%-14s %-15s %6zu %6zu  %s\n", s.name.c_str(),
                    q == &s.processing ? "processing" : q == &s.life ? "life" : "repair", q->observations,
                    q->censored, fit.c_str());
      t += line;
    }
  }
  return t;
}

std::string calibrated_scenario_yaml(const std::string& base_text, const std::string& base_label,
                                     const LineCalibration& c) {
  YAML::Node root = YAML::Load(base_text);
  std::map<std::string, std::string> comments;
  YAML::Node stations = root["line"]["stations"];
  for (std::size_t i = 0; i < c.stations.size() && i < stations.size(); ++i) {
    const StationCalibration& s = c.stations[i];
    YAML::Node st = stations[i];
    const std::string at = "line.stations[" + std::to_string(i) + "]";
    if (s.processing.fitted()) {
      st["processing_time"] = distribution_node(fitted_spec(s.processing));
      comments[at + ".processing_time"] = comment_text(s.processing, "operations", c.level);
    }
    if (s.life.fitted() || (s.can_fail && s.repair.fitted())) {
      YAML::Node failure = st["failure"];
      if (!failure.IsMap()) failure = YAML::Node(YAML::NodeType::Map);
      if (s.life.fitted()) {
        failure["basis"] = s.busy_life ? "operation" : "time";
        failure["life"] = distribution_node(fitted_spec(s.life));
        comments[at + ".failure.life"] =
            comment_text(s.life, s.busy_life ? "lives in busy time" : "lives in up time", c.level);
      }
      if (s.repair.fitted()) {
        failure["time_to_repair"] = distribution_node(fitted_spec(s.repair));
        comments[at + ".failure.time_to_repair"] = comment_text(s.repair, "repairs", c.level);
      }
      st["failure"] = failure;
    }
  }
  if (root["name"]) root["name"] = root["name"].as<std::string>() + "_calibrated";
  YAML::Emitter out;
  out << YAML::Comment("Calibrated by `twinlab calibrate` from " + c.events_file + " on " + base_label +
                       "; the fits and their tests are in calibration.json")
      << YAML::Newline;
  emit(out, root, "", comments);
  return std::string(out.c_str()) + "\n";
}

}  // namespace twinlab::scenarios
