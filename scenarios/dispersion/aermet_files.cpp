#include "scenarios/dispersion/aermet_files.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <numbers>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "io/iso_time.hpp"
#include "twins/dispersion/surface_energy_budget.hpp"

namespace twinlab::scenarios {

namespace dsp = twins::dispersion;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct Token {
  std::string text;
  int column = 1;  // 1-based
};

// AERMOD reads both files in Fortran free format: fields separated by blanks or commas.
std::vector<Token> tokens_of(const std::string& line) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == ',' || line[i] == '\r')) ++i;
    if (i >= line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != ',' && line[i] != '\r') ++i;
    out.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
  }
  return out;
}

// The surface record's fields in order (AERMOD reads at least the first 20).
const char* const sfc_fields[] = {"year", "month", "day", "julian_day", "hour", "sensible_heat_flux",
                                  "friction_velocity", "convective_velocity", "vptg_above_zi",
                                  "convective_mixing_height", "mechanical_mixing_height", "obukhov_length",
                                  "roughness_length", "bowen_ratio", "albedo", "wind_speed", "wind_direction",
                                  "wind_height", "temperature", "temperature_height"};
constexpr std::size_t sfc_required = 20;

const char* const pfl_fields[] = {"year", "month", "day", "hour", "height", "top_flag", "wind_direction",
                                  "wind_speed", "temperature", "sigma_theta", "sigma_w"};
constexpr std::size_t pfl_required = 11;

struct Record {
  std::string file;
  int line = 0;
  std::vector<Token> tokens;
  const char* const* names = nullptr;

  [[noreturn]] void fail(std::size_t field, const std::string& message) const {
    throw base::InputError({file, line, tokens.at(field).column, names[field]}, message);
  }
  double number(std::size_t field) const {
    const std::string& text = tokens.at(field).text;
    const std::optional<double> x = base::parse_finite_number(text);
    if (!x)
      fail(field, fmt::format("is not a number (got '{}'); AERMET writes a number in every field, with a "
                              "missing-value code (e.g. -9, 999, -99999) where data are missing", text));
    return *x;
  }
  int integer(std::size_t field) const {
    const double x = number(field);
    if (x != std::floor(x)) fail(field, fmt::format("must be a whole number (got '{}')", tokens[field].text));
    return static_cast<int>(x);
  }
};

std::vector<Record> read_records(const std::filesystem::path& path, const char* const* names, std::size_t required,
                                 bool has_header) {
  const std::string file = path.string();
  std::ifstream in(path);
  if (!in) throw base::InputError({file, 0, 0, ""}, "cannot open the file; check the path");
  std::vector<Record> records;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (number == 1 && has_header) continue;  // site and version header
    std::vector<Token> tokens = tokens_of(line);
    if (tokens.empty()) continue;
    if (tokens.size() < required)
      throw base::InputError({file, number, 0, ""},
                             fmt::format("has {} fields, an AERMET record needs at least {} (got '{}'); check that "
                                         "this is an AERMET {} file", tokens.size(), required, line,
                                         has_header ? "surface (.SFC)" : "profile (.PFL)"));
    records.push_back({file, number, std::move(tokens), names});
  }
  if (records.empty()) throw base::InputError({file, 0, 0, ""}, "holds no records; give at least one hour");
  return records;
}

int full_year(int year) { return year >= 100 ? year : (year >= 50 ? 1900 + year : 2000 + year); }

// Hour-ending local standard time (1-24) as the start of the hour, in seconds of the local clock.
double hour_start_s(const Record& r, std::size_t year_f, std::size_t month_f, std::size_t day_f, std::size_t hour_f) {
  const int year = full_year(r.integer(year_f));
  const int month = r.integer(month_f);
  const int day = r.integer(day_f);
  const int hour = r.integer(hour_f);
  if (month < 1 || month > 12) r.fail(month_f, fmt::format("must be 1-12 (got {})", month));
  if (day < 1 || day > 31) r.fail(day_f, fmt::format("must be 1-31 (got {})", day));
  if (hour < 1 || hour > 24)
    r.fail(hour_f, fmt::format("must be 1-24 (got {}); AERMET hours end at the given hour, 1 to 24", hour));
  return static_cast<double>(io::days_from_civil(year, month, day)) * 86400.0 + (hour - 1) * 3600.0;
}

using HourKey = long long;  // hour start in seconds

struct ProfileSigma {
  double sigma_v_m_s = nan, sigma_w_m_s = nan, height_m = nan;
};

// For each hour, the profile level nearest to the wind height that carries a measured sigma_theta or sigma_w.
std::map<HourKey, ProfileSigma> read_profile(const std::filesystem::path& path, double wind_height_m) {
  std::map<HourKey, ProfileSigma> out;
  for (const Record& r : read_records(path, pfl_fields, pfl_required, false)) {
    const auto key = static_cast<HourKey>(hour_start_s(r, 0, 1, 2, 3));
    const double height = r.number(4);
    const double speed = r.number(7);
    const double sigma_theta = r.number(9);
    const double sigma_w = r.number(10);
    const int top = r.integer(5);
    if (top != 0 && top != 1) r.fail(5, fmt::format("must be 0 or 1 (got {}); 1 marks the top level", top));
    const bool has_theta = sigma_theta > 0.0 && sigma_theta < 99.0 && speed >= 0.0 && speed < 90.0;
    const bool has_w = sigma_w > 0.0 && sigma_w < 99.0;
    if (!has_theta && !has_w) continue;
    ProfileSigma& p = out[key];
    if (!std::isnan(p.height_m) && std::abs(p.height_m - wind_height_m) <= std::abs(height - wind_height_m)) continue;
    p = ProfileSigma{has_theta ? speed * sigma_theta * std::numbers::pi / 180.0 : nan, has_w ? sigma_w : nan, height};
  }
  return out;
}

}  // namespace

MeteorologyRecords read_aermet_surface(const MeteorologyFileSettings& settings,
                                       const std::filesystem::path& profile_path) {
  const std::vector<Record> records = read_records(settings.path, sfc_fields, sfc_required, true);
  MeteorologyRecords out;
  out.method = "AERMET surface file (u*, L, w*, zi as given; class from L after Golder 1972)";
  out.height_from_file = true;
  out.reference_height_m = nan;
  const double step = 3600.0;
  std::vector<double> times;
  for (const Record& r : records) {
    const double t = hour_start_s(r, 0, 1, 2, 4);
    if (!times.empty()) {
      if (t <= times.back())
        r.fail(4, fmt::format("time goes backwards or repeats (got {} {} {} hour {} after the record on line {}); "
                              "sort the records by date and hour", r.tokens[0].text, r.tokens[1].text,
                              r.tokens[2].text, r.tokens[4].text, (&r - 1)->line));
      const double gap_s = t - times.back() - step;
      if (gap_s > settings.max_gap_s)
        r.fail(4, fmt::format("{:g} h of records are absent before this one (got hour {} on {}-{}-{}), more than "
                              "dispersion.meteorology.max_gap_s = {:g} s; fill the gap or raise max_gap_s",
                              gap_s / 3600.0, r.tokens[4].text, r.tokens[0].text, r.tokens[1].text, r.tokens[2].text,
                              settings.max_gap_s));
    }
    times.push_back(t);
  }
  const auto n = static_cast<std::size_t>(std::llround((times.back() - times.front()) / step)) + 1;
  out.periods.assign(n, dsp::MeteorologyPeriod{});
  for (std::size_t k = 0; k < n; ++k) {
    out.periods[k].start_s = static_cast<double>(k) * step;
    out.periods[k].status = dsp::PeriodStatus::Missing;
    out.periods[k].wind_speed_m_s = nan;
    out.periods[k].wind_direction_deg = nan;
  }

  std::vector<std::size_t> slot(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const Record& r = records[i];
    slot[i] = static_cast<std::size_t>(std::llround((times[i] - times.front()) / step));
    dsp::MeteorologyPeriod& p = out.periods[slot[i]];
    const double ustar = r.number(6), wstar = r.number(7), zic = r.number(9), zim = r.number(10);
    const double length = r.number(11), z0 = r.number(12);
    const double speed = r.number(15), direction = r.number(16), height = r.number(17), temperature = r.number(18);
    // AERMET's missing-value codes (AERMET user's guide): speed/direction/temperature 999 (or negative),
    // u* -9, L -99999, mixing heights -999.
    const bool speed_missing = speed < 0.0 || speed >= 90.0;
    const bool direction_missing = direction < 0.0 || direction >= 900.0;
    if (!direction_missing && direction > 360.0)
      r.fail(16, fmt::format("must be within 0-360 deg or AERMET's missing code 999 (got {:g})", direction));
    const bool missing = speed_missing || direction_missing || temperature <= 0.0 || temperature >= 900.0 ||
                         length < -99990.0 || ustar < 0.0 || (zim < 0.0 && zic < 0.0);
    if (!(height > 0.0) && !speed_missing)
      r.fail(17, fmt::format("must be > 0 m (got {:g}); the anemometer height of the record", height));
    if (speed_missing) continue;
    if (speed < settings.calm_threshold_m_s) {  // AERMET writes calms as speed 0 with u*, L missing
      p.status = dsp::PeriodStatus::Calm;
      p.wind_speed_m_s = speed;
      p.wind_direction_deg = direction_missing ? nan : direction;
      continue;
    }
    if (missing) continue;
    if (std::isnan(out.reference_height_m)) out.reference_height_m = height;
    else if (std::abs(height - out.reference_height_m) > 1e-6)
      r.fail(17, fmt::format("differs from the first record's wind height {:g} m (got {:g} m); twinlab takes one "
                             "anemometer height per file", out.reference_height_m, height));
    if (length == 0.0) r.fail(11, "must not be 0 (got 0); AERMET writes -99999 for a missing hour");
    if (length > 0.0 && wstar > 0.0)
      r.fail(7, fmt::format("is given in a stable hour (L = {:g} m > 0) (got {:g} m/s); AERMET writes -9 there",
                            length, wstar));
    p.wind_speed_m_s = speed;
    p.wind_direction_deg = direction == 360.0 ? 0.0 : direction;
    p.temperature_K = temperature;
    p.mixing_height_m = length < 0.0 ? std::max(zic, zim) : std::max(zim, 0.0);
    p.boundary_layer.friction_velocity_m_s = ustar;
    p.boundary_layer.obukhov_length_m = length;
    p.boundary_layer.convective_velocity_m_s = length < 0.0 && wstar >= 0.0 ? wstar : dsp::kNotGiven;
    p.stability = dsp::seb::stability_class_from_obukhov(length, z0 > 0.0 ? z0 : settings.surface.roughness_length_m);
    p.status = dsp::PeriodStatus::Valid;
  }
  if (std::isnan(out.reference_height_m)) out.reference_height_m = settings.reference_height_m;

  if (!profile_path.empty()) {
    const std::map<HourKey, ProfileSigma> sigma = read_profile(profile_path, out.reference_height_m);
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto it = sigma.find(static_cast<HourKey>(times[i]));
      dsp::MeteorologyPeriod& p = out.periods[slot[i]];
      if (it == sigma.end() || p.status == dsp::PeriodStatus::Missing) continue;
      p.boundary_layer.sigma_v_m_s = it->second.sigma_v_m_s;
      p.boundary_layer.sigma_w_m_s = it->second.sigma_w_m_s;
      p.boundary_layer.measurement_height_m = it->second.height_m;
    }
  }
  return out;
}

}  // namespace twinlab::scenarios
